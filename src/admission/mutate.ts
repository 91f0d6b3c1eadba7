/**
 * The mutating endpoint's decision: secure defaults (securePatch.ts) for pod templates in
 * namespaces that opted in (`kubeward.io/mutate: "true"`, or `mutate: true` in the server
 * configuration). Mutation never denies. Pods are patched on CREATE only: the API server
 * refuses changes to a running pod's security context, so a patched UPDATE would be invalid.
 */
import type { AdmissionDecider, Decision } from './decide.js';
import type { AdmissionRequest } from './protocol.js';
import { securePatch } from './securePatch.js';

export function mutateDecision(decider: AdmissionDecider, req: AdmissionRequest): Decision {
  const skip = (skipped: string): Decision => ({
    response: { uid: req.uid, allowed: true },
    verdict: 'allow',
    rules: [],
    ruleErrors: [],
    skipped,
  });
  if (req.subResource !== '') return skip(`subresource ${req.resource.resource}/${req.subResource}`);
  const found = decider.targetOf(req);
  if ('skipped' in found) return skip(found.skipped);
  const { target } = found;
  if (target.template === undefined) return skip('no pod template');
  if (target.kind === 'Pod' && req.operation !== 'CREATE') return skip('pods are patched on CREATE only');
  if (!decider.mutates(req.namespace)) return skip('mutation not enabled in the namespace');
  const ops = securePatch(target.template);
  if (ops.length === 0) return skip('nothing to patch');
  return {
    response: {
      uid: req.uid,
      allowed: true,
      patchType: 'JSONPatch',
      patch: Buffer.from(JSON.stringify(ops)).toString('base64'),
      auditAnnotations: {
        mutated: ops
          .map((o) => o.path)
          .join(',')
          .slice(0, 1024),
      },
    },
    verdict: 'allow',
    rules: ['secure-defaults'],
    ruleErrors: [],
  };
}
