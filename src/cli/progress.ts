/**
 * The progress line of a long scan on stderr: files and objects read, then the phase. Shown
 * only when stderr is a terminal, only once the scan has run for a second (short scans stay
 * silent), and never with `--quiet`; cli-progress draws and clears it.
 */
import { SingleBar } from 'cli-progress';
import type { ScanProgress } from '../scan.js';

const PHASES: Record<ScanProgress['phase'], string> = {
  read: 'reading',
  model: 'merging the cluster model',
  rules: 'running the rules',
  done: 'writing the report',
};

export interface ProgressLine {
  readonly onProgress: (p: ScanProgress) => void;
  /** Clears the line (before the report or an error is written). */
  stop(): void;
}

/** `unit`: what `files`/`totalFiles` count (a cluster read counts kinds listed). */
export function progressLine(
  stream: NodeJS.WriteStream,
  afterMs = 1000,
  unit = 'files',
): ProgressLine | undefined {
  if (stream.isTTY !== true) return undefined;
  const started = Date.now();
  let bar: SingleBar | undefined;
  return {
    onProgress(p) {
      if (bar === undefined) {
        if (Date.now() - started < afterMs) return;
        bar = new SingleBar({
          stream,
          format: `{bar} {value}/{total} ${unit}, {objects} objects · {phase}`,
          barsize: 24,
          hideCursor: true,
          clearOnComplete: true,
          synchronousUpdate: true,
          noTTYOutput: false,
        });
        bar.start(p.totalFiles, p.files, { objects: p.objects, phase: PHASES[p.phase] });
        return;
      }
      bar.setTotal(p.totalFiles);
      bar.update(p.files, { objects: p.objects, phase: PHASES[p.phase] });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
