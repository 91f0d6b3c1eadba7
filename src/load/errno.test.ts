import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, InputError, UsageError } from '../errors.js';
import { errnoMessage, openNamedFileForWriting, readNamedFile } from './errno.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-errno-'));
writeFileSync(join(dir, 'ok.yaml'), 'a: 1\n');

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: raw`), { code });

describe('errnoMessage', () => {
  it('says in a few words why a file could not be opened', () => {
    expect(errnoMessage(errno('ENOENT'))).toBe('no such file or folder');
    // as root (CI containers) no file is unreadable, so the code is given here, not provoked
    expect(errnoMessage(errno('EACCES'))).toBe('permission denied');
    expect(errnoMessage(errno('EISDIR'))).toBe('is a folder');
    expect(errnoMessage(errno('ENOTDIR'))).toBe('part of the path is not a folder');
    expect(errnoMessage(errno('EMFILE'))).toBe('EMFILE: raw');
  });
});

describe('readNamedFile', () => {
  it('reads the file as the user named it, from cwd', async () => {
    expect(await readNamedFile('ok.yaml', 'configuration', dir)).toBe('a: 1\n');
  });

  it('configuration and baseline files that cannot be read are ConfigErrors naming the file', async () => {
    const e = await readNamedFile('none.yaml', 'configuration', dir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).file).toBe('none.yaml');
    expect((e as Error).message).toBe('none.yaml: cannot read the configuration: no such file or folder');
    await expect(readNamedFile('ok.yaml/x', 'baseline', dir)).rejects.toThrow(
      new ConfigError('cannot read the baseline: part of the path is not a folder', 'ok.yaml/x'),
    );
  });

  it('an audit log that cannot be read is an InputError: it is data, not configuration', async () => {
    const e = await readNamedFile('.', 'audit log', dir).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe('.: cannot read the audit log: is a folder');
  });
});

describe('openNamedFileForWriting', () => {
  it('an output that cannot be created is a UsageError naming it', async () => {
    await expect(openNamedFileForWriting('no/such/r.json', 'report', dir)).rejects.toThrow(
      new UsageError('no/such/r.json: cannot write the report: no such file or folder'),
    );
    const out = await openNamedFileForWriting('r.json', 'report', dir);
    await out.close();
  });
});
