/**
 * Large scans run faster and peak lower with a larger V8 young generation than Node's
 * default: the scan keeps every parsed object, and with the default 16 MiB semi-spaces
 * the scavenger copies much of it several times and promotes the rest early. Measured on
 * the 100,000-object benchmark (CLI, JSON output; README "Benchmarks"): 16 MiB 20.3–24.0 s
 * and 1,058–1,151 MiB peak; 32 MiB 18.5–22.2 s and 916–956 MiB; 64 MiB as fast as 32 but
 * 1,029–1,077 MiB. Node takes the size only at start-up — `--max-semi-space-size`;
 * `v8.setFlagsFromString` has no effect once the heap exists — so for inputs of at least
 * `RESPAWN_MIN_BYTES` on disk, `kubeward scan` runs itself again in a child process with
 * the flag: the same arguments, standard streams and exit code. Small inputs, stdin and
 * rendered charts never pay for the second process. `KUBEWARD_NO_RESPAWN=1` turns it off;
 * a flag already given (on the command line or in `NODE_OPTIONS`) is respected.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { inputBytes } from '../load/files.js';

export const SEMI_SPACE_FLAG = '--max-semi-space-size=32';
const SEMI_SPACE_OPTION = '--max-semi-space-size';
/** Below this many bytes of manifests a scan's heap stays small: no second process. */
export const RESPAWN_MIN_BYTES = 32 * 1024 * 1024;

function flagGiven(): boolean {
  return (
    process.execArgv.some((a) => a.startsWith(SEMI_SPACE_OPTION)) ||
    (process.env.NODE_OPTIONS ?? '').includes(SEMI_SPACE_OPTION)
  );
}

/** The minimum input size for a respawn (`KUBEWARD_RESPAWN_MIN_BYTES` overrides it; tests set 0). */
function minBytes(): number {
  const raw = process.env.KUBEWARD_RESPAWN_MIN_BYTES;
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : RESPAWN_MIN_BYTES;
}

/**
 * Runs this command again in a child with the larger young generation when the input is
 * large: resolves to the child's exit code, or undefined when the scan should run here
 * (small input, turned off, flag already set, or the child could not start).
 */
export async function respawnForLargeInput(paths: readonly string[]): Promise<number | undefined> {
  if (process.env.KUBEWARD_NO_RESPAWN === '1' || flagGiven()) return undefined;
  const script = process.argv[1];
  if (script === undefined) return undefined;
  const min = minBytes();
  if ((await inputBytes(paths, min)) < min) return undefined;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, SEMI_SPACE_FLAG, script, ...process.argv.slice(2)],
      {
        stdio: 'inherit',
        env: { ...process.env, KUBEWARD_NO_RESPAWN: '1' },
      },
    );
    // Ctrl-C reaches both processes; this one waits for the child's answer.
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (code: number | undefined): void => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code);
    };
    child.on('error', () => done(undefined));
    child.on('exit', (code, signal) => {
      if (code !== null) done(code);
      else done(128 + (signal !== null ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
