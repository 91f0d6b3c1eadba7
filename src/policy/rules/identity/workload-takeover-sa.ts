import type { SourceRef } from '../../../k8s/resource.js';
import type { RbacIndex } from '../../../rbac/rbacIndex.js';
import { defineWorkloadRule } from '../../types.js';
import {
  bindingHits,
  describeHits,
  POD_EXEC,
  SECRETS_READ,
  WORKLOAD_WRITE,
} from '../../../rbac/riskyGrants.js';
import {
  adminGrant,
  boundPhrase,
  scopePhrase,
  serviceAccountGrantCheck,
  type Hit,
} from './workloadGrants.js';

/** The grants that hand over other workloads' identities and data. */
const TAKEOVER = [SECRETS_READ, WORKLOAD_WRITE, POD_EXEC].flatMap((g) => g.probes);

/** Bindings are shared by every workload of the SA (the engine's index is built once per scan). */
const described = new WeakMap<Hit['binding'], string | null>();

/** `get, list on secrets; create on pods/exec`, or undefined when the binding grants none of it (or is admin). */
function takeoverGrants(index: RbacIndex<SourceRef>, b: Hit): string | undefined {
  let text = described.get(b.binding);
  if (text === undefined) {
    const hits = adminGrant(index, b) !== undefined ? [] : bindingHits(index, b.binding, TAKEOVER);
    text = hits.length === 0 ? null : describeHits(hits);
    described.set(b.binding, text);
  }
  return text ?? undefined;
}

export const workloadTakeoverSa = defineWorkloadRule({
  id: 'workload-takeover-sa',
  title: 'Pods hold a token that can take over other workloads',
  category: 'identity',
  severity: 'high',
  description:
    "Evaluated on the effective permissions of the pod's ServiceAccount, as the RBAC engine (the API server's semantics) computes them: through " +
    "a binding (ClusterRoleBinding, or RoleBinding in any namespace — also one referencing a ClusterRole, which then grants in the RoleBinding's " +
    'namespace only), the SA can read Secrets (get/list/watch), create/update/patch pods or workload controllers, or exec/attach into pods ' +
    '(create pods/exec, pods/attach; patch pods/ephemeralcontainers) — the grants of `rbac-secrets-read`, `rbac-workload-create` and ' +
    '`rbac-pods-exec-attach`. ClusterRole aggregation is recomputed from the input (also into the default roles: a ClusterRole labelled ' +
    '`aggregate-to-view` extends `view`), the default roles of a real cluster (`admin`, `edit`, `view`, …) are known when the input lacks them, and ' +
    'subjects are matched as in workload-admin-sa (groups included). Bindings that workload-admin-sa reports are not repeated here, roles that ' +
    'exist nowhere grant nothing, and nothing is reported when the token is not mounted. One finding per binding, on the workload whose pods carry ' +
    'the token, at the field naming the ServiceAccount, listing the grants.',
  rationale:
    'Code execution in these pods becomes code execution in, or the credentials of, the other workloads in scope: read their Secrets, start a ' +
    'pod as any ServiceAccount of the namespace (inheriting its token), or exec into running pods. One compromised workload becomes many — ' +
    'the lateral movement that turns a breach into a cluster incident. It is not yet full control, hence high.',
  remediation:
    "Remove these verbs from the ServiceAccount's roles, or move the part of the workload that needs them (e.g. a deployer, a secret syncer) " +
    'into its own ServiceAccount and namespace. Set `automountServiceAccountToken: false` where the workload does not call the API.',
  references: {
    cis: ['5.1.2', '5.1.4', '5.1.6'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1528', 'T1552.007', 'T1609', 'T1610'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: ['workload'],
  needsModel: true,
  check: serviceAccountGrantCheck((index, sa, b) => {
    const grants = takeoverGrants(index, b);
    return grants === undefined
      ? undefined
      : `${boundPhrase(sa, b)}, which grants ${grants} in ${scopePhrase(b)}`;
  }),
});
