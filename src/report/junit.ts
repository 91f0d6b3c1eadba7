// Placeholder until the junit formatter lands in this same change set.
import type { ScanResult } from '../scan.js';
import type { ToolInfo } from './summary.js';

export function renderJunit(_result: ScanResult, _tool: ToolInfo): string {
  throw new Error('junit output is not built yet');
}
