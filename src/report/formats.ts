/**
 * The reports of `scan`, by format, each formatter loaded only when asked for: what
 * `kubeward scan -f FORMAT` writes, for the library too.
 */
import type { ScanResult } from '../scan.js';
import { TOOL_INFO } from './toolInfo.js';

export const SCAN_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown', 'html', 'policyreport'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export interface RenderScanOptions {
  /** Colour the text report (only for a terminal). @default false */
  readonly color?: boolean;
  /** The folder SARIF makes artifact paths relative to. @default process.cwd() */
  readonly cwd?: string;
  /** When the findings were found (PolicyReport result timestamps). @default new Date() */
  readonly now?: Date;
  /** PolicyReport: results per report before it is split. @default DEFAULT_MAX_RESULTS */
  readonly maxResults?: number;
}

/**
 * A scan report in pieces, as `kubeward scan` writes it: JSON, SARIF and JUnit are
 * streamed, so a report of 100,000s of findings is never one string in memory.
 */
export async function renderScanChunks(
  format: ScanFormat,
  result: ScanResult,
  options: RenderScanOptions = {},
): Promise<Iterable<string>> {
  const tool = TOOL_INFO();
  const baseDir = options.cwd ?? process.cwd();
  switch (format) {
    case 'text':
      return [(await import('./text.js')).renderText(result, { color: options.color ?? false })];
    case 'json':
      return (await import('./json.js')).renderJsonChunks(result, tool);
    case 'sarif':
      return (await import('./sarif.js')).renderSarifChunks(result, tool, { baseDir });
    case 'junit':
      return (await import('./junit.js')).renderJunitChunks(result, tool);
    case 'markdown':
      return [(await import('./markdown.js')).renderMarkdown(result, tool)];
    case 'policyreport': {
      const { policyReports, renderPolicyReportsYaml } = await import('./policyReport.js');
      const reports = policyReports(result, {
        now: options.now ?? new Date(),
        ...(options.maxResults !== undefined ? { maxResults: options.maxResults } : {}),
      });
      return [renderPolicyReportsYaml(reports)];
    }
    case 'html': {
      const [{ renderHtmlReport }, { attackGraphPage }] = await Promise.all([
        import('./html.js'),
        import('./graphHtml.js'),
      ]);
      return [
        renderHtmlReport({
          title: 'kubeward scan report',
          tool,
          findings: result.findings,
          ...attackGraphPage(result.model),
        }),
      ];
    }
  }
}

/** A scan report as one string, exactly as `kubeward scan -f FORMAT` writes it. */
export async function renderScan(
  format: ScanFormat,
  result: ScanResult,
  options: RenderScanOptions = {},
): Promise<string> {
  return [...(await renderScanChunks(format, result, options))].join('');
}
