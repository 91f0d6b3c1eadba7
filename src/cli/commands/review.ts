/** `kubeward review FILE`: one AdmissionReview through the webhook's own code path, offline. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InputError } from '../../errors.js';
import { loadAdmission } from '../../admission/setup.js';
import type { CliIo } from '../io.js';

export interface ReviewFlags {
  readonly mutate?: boolean;
  readonly config?: string;
  readonly namespaces?: string;
}

/** Prints the answering AdmissionReview; exit 0 allowed, 1 denied, 2 not an AdmissionReview. */
export async function runReview(file: string, flags: ReviewFlags, io: CliIo): Promise<number> {
  const { handler } = await loadAdmission({ ...flags, cwd: io.cwd });
  let body: string;
  try {
    body = file === '-' ? await io.readStdin() : await readFile(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new InputError(
      `${file}: cannot read the AdmissionReview (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const answer = handler.handle(flags.mutate === true ? 'mutate' : 'validate', body, performance.now());
  if (answer.status !== 200) {
    io.stderr(`kubeward: ${file}: ${answer.error ?? 'bad request'}\n`);
    return 2;
  }
  io.stdout(`${JSON.stringify(JSON.parse(answer.body), null, 2)}\n`);
  return answer.decision?.response.allowed === false ? 1 : 0;
}
