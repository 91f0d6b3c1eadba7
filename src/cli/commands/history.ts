/** `kubeward history`: what changed across recorded scans and audit cycles, and how long findings stayed open. */
import { UsageError } from '../../errors.js';
import { analyseHistory } from '../../history/analysis.js';
import { historyJson, renderHistoryText } from '../../history/historyReport.js';
import { DEFAULT_SCOPE, openHistoryStore } from '../../history/store.js';
import type { CliIo } from '../io.js';

export interface HistoryFlags {
  readonly since?: string;
  readonly db?: string;
  readonly scope?: string;
  readonly format?: string;
}

const RELATIVE: Record<string, number> = { m: 60_000, h: 3600_000, d: 86400_000, w: 7 * 86400_000 };

/** `--since`: an ISO date or date-time (UTC unless it says), or an age such as `7d`, `12h`, `30m`, `2w`. */
export function parseSince(text: string, now: Date): Date {
  const age = /^(\d+)([mhdw])$/.exec(text);
  if (age) return new Date(now.getTime() - Number(age[1]) * RELATIVE[age[2]!]!);
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const withZone = /[T ]\d{2}:\d{2}/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text;
    const d = new Date(withZone.replace(' ', 'T'));
    if (!Number.isNaN(d.getTime())) return d;
  }
  throw new UsageError(
    `--since: expected a date (2026-11-01, 2026-11-01T09:30Z) or an age (7d, 12h, 30m, 2w), not "${text}"`,
  );
}

export async function runHistory(flags: HistoryFlags, io: CliIo): Promise<number> {
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be text or json, not "${format}"`);
  const since = flags.since !== undefined ? parseSince(flags.since, io.now()) : undefined;
  const scope = flags.scope ?? DEFAULT_SCOPE;
  const store = await openHistoryStore(flags.db, io.cwd, { create: false });
  try {
    const analysis = analyseHistory(await store.load(scope), scope, since);
    io.stdout(
      format === 'json' ? `${JSON.stringify(historyJson(analysis), null, 2)}\n` : renderHistoryText(analysis),
    );
  } finally {
    await store.close();
  }
  return 0;
}
