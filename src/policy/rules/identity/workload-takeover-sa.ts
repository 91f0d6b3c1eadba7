import { defineWorkloadRule } from '../../types.js';
import type { ServiceAccountBinding } from '../../rbacPatterns/bindings.js';
import {
  describeHits,
  grantHits,
  POD_EXEC,
  SECRETS_READ,
  WORKLOAD_WRITE,
} from '../../rbacPatterns/riskyGrants.js';
import { adminGrant, boundPhrase, scopePhrase, serviceAccountGrantCheck } from './workloadGrants.js';

/** The grants that hand over other workloads' identities and data. */
const TAKEOVER = [SECRETS_READ, WORKLOAD_WRITE, POD_EXEC];

/** Binding objects are shared by every workload of the SA (bindingsOfServiceAccount memoises them). */
const described = new WeakMap<ServiceAccountBinding, string | null>();

/** `get, list on secrets; create on pods/exec`, or undefined when the binding grants none of it (or is admin). */
function takeoverGrants(b: ServiceAccountBinding): string | undefined {
  let text = described.get(b);
  if (text === undefined) {
    const hits =
      b.role === undefined || adminGrant(b) !== undefined
        ? []
        : TAKEOVER.flatMap((g) => b.role!.rules.flatMap((r) => grantHits(r.rule, g)));
    text = hits.length === 0 ? null : describeHits(hits);
    described.set(b, text);
  }
  return text ?? undefined;
}

export const workloadTakeoverSa = defineWorkloadRule({
  id: 'workload-takeover-sa',
  title: 'Pods hold a token that can take over other workloads',
  category: 'identity',
  severity: 'high',
  description:
    'Through a binding in the input (ClusterRoleBinding, or RoleBinding in any namespace — also one referencing a ClusterRole, which then ' +
    "grants in the RoleBinding's namespace only), the pod's ServiceAccount can read Secrets (get/list/watch), create/update/patch pods or workload " +
    'controllers, or exec/attach into pods (create pods/exec, pods/attach; patch pods/ephemeralcontainers) — exactly the grants of ' +
    '`rbac-secrets-read`, `rbac-workload-create` and `rbac-pods-exec-attach`. Roles are taken from the input, with aggregation resolved; the ' +
    'user-facing built-in ClusterRoles (`admin`, `edit`) are known when absent. Subjects are matched as in workload-admin-sa. Bindings that ' +
    'workload-admin-sa reports are not repeated here, roles that are neither in the input nor built in are skipped, and nothing is reported when ' +
    'the token is not mounted. One finding per binding, at the field naming the ServiceAccount, listing the grants.',
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
  check: serviceAccountGrantCheck((sa, b) => {
    const grants = takeoverGrants(b);
    return grants === undefined
      ? undefined
      : `${boundPhrase(sa, b)}, which grants ${grants} in ${scopePhrase(b)}`;
  }),
});
