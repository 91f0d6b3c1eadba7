/**
 * A parse worker: claims files from the shared queue, reads and parses each, and either posts
 * it back encoded (transfer.ts), or — with a session — keeps it in the session and posts what
 * the session returns for it, then waits for `finish` and posts the session's results.
 * Started by parallelParse.ts; never imported otherwise.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { errnoMessage } from './errno.js';
import { parseManifestText } from './parse.js';
import { encodeParsedFile } from './transfer.js';
import { sessionFactory, type FinishMessage, type WorkerInput, type WorkerMessage } from './parallelParse.js';

const { paths, queue, session: hook, shares } = workerData as WorkerInput;
const session = hook ? (await sessionFactory(hook))(hook.data) : undefined;
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
  const parsed = parseManifestText(text, file, shares?.[index]);
  if (session !== undefined) {
    const message: WorkerMessage = {
      kind: 'file',
      index,
      summary: session.file(index, parsed, text),
      errors: parsed.errors,
    };
    port.postMessage(message);
    continue;
  }
  const encoded = encodeParsedFile(parsed, text);
  const message: WorkerMessage = { kind: 'file', index, text, encoded };
  port.postMessage(message, [encoded.sources.buffer, encoded.documents.buffer]);
}
const done: WorkerMessage = { kind: 'done' };
port.postMessage(done);
if (session !== undefined) {
  port.once('message', (m: FinishMessage) => {
    const finished: WorkerMessage = { kind: 'finished', results: session.finish(m.input) };
    port.postMessage(finished);
  });
}
