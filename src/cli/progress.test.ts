import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressLine } from './progress.js';

/** A stream that says it is a terminal (or not), keeping what is written. */
function terminal(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
  const pass = new PassThrough();
  let text = '';
  pass.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const stream = Object.assign(pass, {
    isTTY,
    columns: 100,
    cursorTo: (x: number) => (text += `<to ${x}>`) !== '',
    clearLine: () => true,
    moveCursor: () => true,
  }) as unknown as NodeJS.WriteStream;
  return { stream, written: () => text };
}

const reading = { phase: 'read', files: 3, totalFiles: 10, objects: 1200 } as const;

describe('progressLine', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const { stream } = terminal(false);
    expect(progressLine(stream, 0)).toBeUndefined();
  });

  it('stays silent during the first second of a scan', () => {
    const { stream, written } = terminal(true);
    const line = progressLine(stream, 60_000)!;
    line.onProgress(reading);
    line.stop();
    expect(written()).toBe('');
  });

  it('shows files, objects and the phase once the scan has run long enough', async () => {
    const { stream, written } = terminal(true);
    const line = progressLine(stream, 0)!;
    line.onProgress(reading);
    line.onProgress({ phase: 'rules', files: 10, totalFiles: 10, objects: 4000 });
    line.stop();
    await new Promise((r) => setImmediate(r));
    expect(written()).toContain('3/10 files, 1200 objects · reading');
    expect(written()).toContain('10/10 files, 4000 objects · running the rules');
  });
});
