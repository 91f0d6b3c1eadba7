// Placeholder until the sarif formatter lands in this same change set.
import type { ScanResult } from '../scan.js';
import type { ToolInfo } from './summary.js';

export function renderSarif(_result: ScanResult, _tool: ToolInfo): string {
  throw new Error('sarif output is not built yet');
}
