// Placeholder until the markdown formatter lands in this same change set.
import type { ScanResult } from '../scan.js';
import type { ToolInfo } from './summary.js';

export function renderMarkdown(_result: ScanResult, _tool: ToolInfo): string {
  throw new Error('markdown output is not built yet');
}
