// `kubeward vap test`: every manifest object as the CREATE request that would apply it, judged by the
// policy set as the API server would judge it.
import type { Resource } from '../k8s/resource.js';
import { isClusterScoped } from '../k8s/resource.js';
import { admit, namespaceLabelsOf, type AdmissionVerdict } from './admit.js';
import { readPolicySet, type VapProblem } from './policy.js';
import { createAttributesOf, createRequestOf } from './request.js';

export interface VapObjectResult {
  readonly resource: Resource;
  readonly verdict: AdmissionVerdict;
}

export interface VapTestResult {
  readonly results: readonly VapObjectResult[];
  readonly problems: readonly VapProblem[];
  /** Notices: MutatingAdmissionPolicy objects, which are not evaluated. */
  readonly notices: readonly string[];
  readonly policies: number;
  readonly bindings: number;
}

const POLICY_KINDS = new Set(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding']);

export function testPolicies(manifests: readonly Resource[], policyInput: readonly Resource[], defaultNamespace = 'default'): VapTestResult {
  const set = readPolicySet(policyInput);
  const context = [...policyInput, ...manifests];
  const results = manifests
    .filter((r) => !(POLICY_KINDS.has(r.ref.kind) && r.ref.apiVersion.startsWith('admissionregistration.k8s.io/')))
    .map((resource) => {
      const namespace = isClusterScoped(resource.ref.kind) ? undefined : (resource.ref.namespace ?? defaultNamespace);
      const ns = namespace !== undefined ? namespaceLabelsOf(namespace, context) : undefined;
      const verdict = admit(
        {
          attributes: createAttributesOf(resource, defaultNamespace, ns?.labels),
          object: resource.object,
          oldObject: null,
          request: createRequestOf(resource, namespace),
          namespaceObject: ns?.object ?? null,
        },
        { ...set, others: [...set.others, ...manifests] },
        defaultNamespace,
      );
      return { resource, verdict };
    });
  const notices = set.mutating.map(
    (r) => `${r.source.file}:${r.source.line}: ${r.ref.kind} '${r.ref.name}' is not evaluated: kubeward does not run MutatingAdmissionPolicy (ApplyConfiguration needs CEL object construction)`,
  );
  return { results, problems: set.problems, notices, policies: set.policies.size, bindings: set.bindings.length };
}
