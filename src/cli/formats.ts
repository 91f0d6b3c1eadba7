/** Output formats of `scan`, each loaded only when asked for. */
import type { ToolInfo } from '../report/summary.js';
import type { ScanResult } from '../scan.js';
import { TOOL } from './version.js';

export const SCAN_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** The tool's identity as formatters print it. */
export function TOOL_INFO(): ToolInfo {
  return { name: TOOL.name, version: TOOL.version, informationUri: TOOL.informationUri };
}

/** Renders a scan result; `cwd` is the folder SARIF makes artifact paths relative to. */
export async function renderScan(
  format: ScanFormat,
  result: ScanResult,
  color: boolean,
  cwd: string,
): Promise<string> {
  const tool = TOOL_INFO();
  switch (format) {
    case 'text':
      return (await import('../report/text.js')).renderText(result, { color });
    case 'json':
      return (await import('../report/json.js')).renderJson(result, tool);
    case 'sarif':
      return (await import('../report/sarif.js')).renderSarif(result, tool, { baseDir: cwd });
    case 'junit':
      return (await import('../report/junit.js')).renderJunit(result, tool);
    case 'markdown':
      return (await import('../report/markdown.js')).renderMarkdown(result, tool);
  }
}
