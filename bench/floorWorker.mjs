/**
 * The second half of the two-core floor (measure.mjs): a worker that parses the files it is
 * sent exactly as the floor does (read + js-yaml with kubeward's schema, documents kept)
 * and answers with the number of objects. The documents are dropped at the next request.
 */
import { parentPort } from 'node:worker_threads';
import { parseKept } from './floorParse.mjs';

let kept;
parentPort.on('message', (files) => {
  kept = undefined;
  const r = parseKept(files);
  kept = r.kept;
  parentPort.postMessage(r.objects);
});
