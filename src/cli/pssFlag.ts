import { UsageError } from '../errors.js';
import { parsePolicyVersion } from '../pss/version.js';

/** `--pss restricted`, `--pss baseline:v1.30`, `--pss restricted:latest`. */
export function parsePssFlag(value: string): { level: 'baseline' | 'restricted'; version: string } {
  const [level, version = 'latest', ...rest] = value.split(':');
  const parsed = parsePolicyVersion(version);
  if ((level !== 'baseline' && level !== 'restricted') || rest.length > 0 || 'error' in parsed) {
    throw new UsageError(
      `--pss must be LEVEL[:VERSION] with LEVEL baseline or restricted and VERSION v1.N or latest, not "${value}"`,
    );
  }
  return { level, version };
}
