import { UsageError } from '../errors.js';

/** `--pss restricted`, `--pss baseline:v1.30`, `--pss restricted:latest`. */
export function parsePssFlag(value: string): { level: 'baseline' | 'restricted'; version: string } {
  const [level, version = 'latest', ...rest] = value.split(':');
  if (
    (level !== 'baseline' && level !== 'restricted') ||
    rest.length > 0 ||
    !/^(latest|v1\.\d+)$/.test(version)
  ) {
    throw new UsageError(
      `--pss must be LEVEL[:VERSION] with LEVEL baseline or restricted and VERSION v1.N or latest, not "${value}"`,
    );
  }
  return { level, version };
}
