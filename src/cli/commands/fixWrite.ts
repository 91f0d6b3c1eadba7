/**
 * Writing what `kubeward fix --write` planned: each file only when its content is still the
 * one the plan was made from (compared by SHA-256 right before writing), through a temporary
 * file in the same folder renamed over it, so a reader never sees half a file.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A file the fixes change or create. */
export interface FileChange {
  readonly file: string;
  /** The text the plan started from (empty for a new file) and its SHA-256. */
  readonly before: string;
  readonly hash: string;
  readonly after: string;
  readonly created: boolean;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Writes the planned changes: each file only when its content is still what the plan was
 * made from (else an error naming it, and nothing written to it), through a temporary file
 * renamed over it. Returns the errors.
 */
export async function writeFixes(changes: readonly FileChange[]): Promise<string[]> {
  const errors: string[] = [];
  for (const change of changes) {
    let current: string | undefined;
    try {
      current = await readFile(change.file, 'utf8');
    } catch {
      current = undefined;
    }
    const unchanged = change.created
      ? current === undefined
      : current !== undefined && sha256(current) === change.hash;
    if (!unchanged) {
      errors.push(
        change.created
          ? `${change.file} was created by something else since it was planned: nothing written to it`
          : `${change.file} changed on disk since it was scanned: nothing written to it; run kubeward fix again`,
      );
      continue;
    }
    const temp = join(dirname(change.file), `.${basename(change.file)}.kubeward-fix-${process.pid}.tmp`);
    try {
      const mode = change.created ? 0o644 : (await stat(change.file)).mode & 0o7777;
      await writeFile(temp, change.after, { encoding: 'utf8', mode, flag: 'wx' });
      await rename(temp, change.file);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      errors.push(`${change.file}: cannot write: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return errors;
}
