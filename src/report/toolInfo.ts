/** kubeward's identity as reports print it (JSON `tool`, SARIF `tool.driver`, JUnit, Markdown). */
import { readFileSync } from 'node:fs';
import type { ToolInfo } from './summary.js';

/** The package version, read from package.json next to dist/ or src/. */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const TOOL = {
  name: 'kubeward',
  informationUri: 'https://github.com/kubeward/kubeward',
  get version(): string {
    return packageVersion();
  },
};

/** The tool's identity as formatters print it. */
export function TOOL_INFO(): ToolInfo {
  return { name: TOOL.name, version: TOOL.version, informationUri: TOOL.informationUri };
}
