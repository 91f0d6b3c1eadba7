/**
 * File-system errors as kubeward shows them: one line, naming the file. Inputs to scan
 * report them as data (`errnoMessage` in an input error); the files that steer a scan
 * (configuration, baseline, later audit logs) go through `readNamedFile` and the files it
 * writes (reports, baselines) through `openNamedFileForWriting`, which throw the typed
 * error the CLI shell maps to exit 2 — never an "internal error" with a stack.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, InputError, UsageError } from '../errors.js';

/** One-line messages for file-system errors, as input errors show them. */
export function errnoMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTDIR':
      return 'part of the path is not a folder';
    default:
      return err.message ?? String(e);
  }
}

/**
 * What a named file is to the scan: its role words the message, and whether a failure
 * is a configuration error (the file says how to scan) or an input error (it is data).
 */
export type NamedFileRole = 'configuration' | 'baseline' | 'audit log';

const INPUT_ROLES: ReadonlySet<NamedFileRole> = new Set(['audit log']);

/**
 * Reads a file the user named (`file` as they wrote it, resolved from `cwd`) as UTF-8.
 * A file that cannot be read is a ConfigError (configuration, baseline) or an InputError
 * (audit log) whose one-line message names the file: `x.yaml: cannot read the
 * configuration: no such file or folder`.
 */
export async function readNamedFile(file: string, role: NamedFileRole, cwd = process.cwd()): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (e) {
    const message = `cannot read the ${role}: ${errnoMessage(e)}`;
    throw INPUT_ROLES.has(role) ? new InputError(`${file}: ${message}`) : new ConfigError(message, file);
  }
}

/** What a file kubeward writes is: it words the message. */
export type WrittenFileRole = 'report' | 'baseline' | 'snapshot';

/**
 * Opens (creates or truncates) a file the user named for kubeward to write; a file that
 * cannot be opened is a UsageError naming it: `out/x.json: cannot write the report: no
 * such file or folder`.
 */
export async function openNamedFileForWriting(
  file: string,
  role: WrittenFileRole,
  cwd = process.cwd(),
): Promise<FileHandle> {
  try {
    return await open(resolve(cwd, file), 'w');
  } catch (e) {
    throw new UsageError(`${file}: cannot write the ${role}: ${errnoMessage(e)}`);
  }
}
