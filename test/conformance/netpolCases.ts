/**
 * The shared NetworkPolicy conformance cases (../shared/testdata/netpol/, copied unchanged
 * from np-guard/netpol-analyzer), read in place and analysed through the engine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Inventory } from '../../src/k8s/inventory.js';
import { loadInputs } from '../../src/load/files.js';
import { analyzeNetworkPolicies, type NetpolAnalysis } from '../../src/netpol/analyze.js';
import { netpolInputFromInventory, type InventoryInput } from '../../src/netpol/fromInventory.js';

export const NETPOL_CASES = resolve('../shared/testdata/netpol');

export interface ExpectedFile {
  readonly file: string;
  readonly command?: string;
}

export interface CaseEntry {
  readonly folder: string;
  readonly kind: string;
  readonly expected: readonly ExpectedFile[];
}

export function readCases(): CaseEntry[] {
  return JSON.parse(readFileSync(join(NETPOL_CASES, 'cases.json'), 'utf8')) as CaseEntry[];
}

export function casesPresent(): boolean {
  return existsSync(join(NETPOL_CASES, 'cases.json'));
}

export async function analyseFolder(
  folder: string,
): Promise<{ adapted: InventoryInput; analysis: NetpolAnalysis }> {
  const loaded = await loadInputs([folder], { workers: 0 });
  const adapted = netpolInputFromInventory(new Inventory(loaded.resources));
  return { adapted, analysis: analyzeNetworkPolicies(adapted.input) };
}

/** The values of every `--flag value` occurrence in an upstream command line. */
export function flagValues(command: string, flag: string): string[] {
  const words = command.trim().split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < words.length - 1; i++) if (words[i] === flag) out.push(words[i + 1]!);
  return out;
}
