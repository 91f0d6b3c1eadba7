/**
 * How every graph rule phrases an attack path: the hops as text, the hop count, and the fixes
 * that break it (any one does, unless another path remains — the finding names the shortest).
 */
import { assetText, type AttackPath } from '../../../graph/types.js';
import { pathText } from '../../graphEngine.js';

export function hopCount(path: AttackPath): string {
  return path.hops.length === 1 ? '1 hop' : `${path.hops.length} hops`;
}

/** `… in 3 hops: a -T-> b -U-> c` */
export function pathPhrase(path: AttackPath): string {
  return `in ${hopCount(path)}: ${pathText(path)}`;
}

/** The fixes of the hops, first to last, each once (the entry hop's is left out: exposure is the service's purpose). */
export function pathRemediation(path: AttackPath): string {
  const fixes = [...new Set(path.hops.filter((h) => h.edge !== 'ENDPOINT_EXPLOIT').map((h) => h.fix))];
  return `Break the path at any hop (then re-run: a longer path may remain): ${fixes.join('; ')}.`;
}

/** Where the path starts and ends (it has a hop: the engine returns no empty path). */
export function firstAsset(path: AttackPath): string {
  return assetText(path.hops[0]!.from);
}

export function lastAsset(path: AttackPath): string {
  return assetText(path.hops[path.hops.length - 1]!.to);
}
