/**
 * The decision log: one JSON line per decision (denials and failures, or every decision
 * when configured), batched in memory and appended on a short timer so the request path
 * never waits for the disk; rotated by size (`log` → `log.1` → … → `log.<keep>`), and
 * flushed synchronously on shutdown so no line is lost on SIGTERM.
 */
import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import type { DecisionLogConfig } from './serverConfig.js';

export interface DecisionLine {
  readonly time: string;
  readonly uid: string;
  readonly user: string;
  readonly operation: string;
  readonly object: string;
  readonly resource: string;
  readonly endpoint: string;
  readonly verdict: string;
  readonly rules: readonly string[];
  readonly dryRun: boolean;
  readonly durationMs: number;
  readonly failureMode?: string;
  readonly message?: string;
}

export class DecisionLog {
  private pending: string[] = [];
  private size: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly config: DecisionLogConfig,
    flushEveryMs = 200,
  ) {
    this.size = existsSync(config.path) ? statSync(config.path).size : 0;
    this.timer = setInterval(() => this.flush(), flushEveryMs);
    this.timer.unref();
  }

  /** Whether a decision of this verdict is logged. */
  wants(verdict: string, failed: boolean): boolean {
    return this.config.all || verdict === 'deny' || failed;
  }

  write(line: DecisionLine): void {
    this.pending.push(`${JSON.stringify(line)}\n`);
  }

  /** Appends what is pending, rotating first when the file would pass maxBytes. */
  flush(): void {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    const bytes = Buffer.byteLength(text);
    if (this.size > 0 && this.size + bytes > this.config.maxBytes) this.rotate();
    appendFileSync(this.config.path, text);
    this.size += bytes;
  }

  private rotate(): void {
    const { path, keep } = this.config;
    if (keep === 0) rmSync(path, { force: true });
    else {
      rmSync(`${path}.${keep}`, { force: true });
      for (let i = keep - 1; i >= 1; i--)
        if (existsSync(`${path}.${i}`)) renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      renameSync(path, `${path}.1`);
    }
    this.size = 0;
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
