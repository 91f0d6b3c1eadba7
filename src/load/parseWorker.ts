/**
 * A parse worker: claims files from the shared queue, reads and parses each, and posts
 * it back encoded (transfer.ts). Started by parallelParse.ts; never imported otherwise.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { errnoMessage } from './errno.js';
import { parseManifestText } from './parse.js';
import { encodeParsedFile } from './transfer.js';
import { bindFileHook, type WorkerInput, type WorkerMessage } from './parallelParse.js';

const { paths, queue, hook } = workerData as WorkerInput;
const hookFunction = hook ? await bindFileHook(hook) : undefined;
const next = new Int32Array(queue);
const port = parentPort!;

for (let index = Atomics.add(next, 0, 1); index < paths.length; index = Atomics.add(next, 0, 1)) {
  const file = paths[index]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const message: WorkerMessage = {
      kind: 'file',
      index,
      readError: { file, message: `cannot read file: ${errnoMessage(e)}` },
    };
    port.postMessage(message);
    continue;
  }
  const parsed = parseManifestText(text, file);
  const hooked = hookFunction?.(parsed, text);
  const encoded = encodeParsedFile(parsed, text);
  const message: WorkerMessage = {
    kind: 'file',
    index,
    text,
    encoded,
    ...(hooked !== undefined ? { hooked } : {}),
  };
  port.postMessage(message, [encoded.sources.buffer, encoded.documents.buffer]);
}
const done: WorkerMessage = { kind: 'done' };
port.postMessage(done);
