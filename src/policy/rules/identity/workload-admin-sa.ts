import { defineWorkloadRule } from '../../types.js';
import { adminGrant, boundPhrase, scopePhrase, serviceAccountGrantCheck } from './workloadGrants.js';

export const workloadAdminSa = defineWorkloadRule({
  id: 'workload-admin-sa',
  title: 'Pods hold an administrator token',
  category: 'identity',
  severity: 'critical',
  description:
    "Evaluated on the effective permissions of the pod's ServiceAccount, as the RBAC engine (the API server's semantics) computes them: " +
    'every ClusterRoleBinding or RoleBinding (in any namespace) that applies to the SA — named (kind ServiceAccount; a RoleBinding subject without ' +
    "namespace is in the binding's), as User `system:serviceaccount:<ns>:<name>`, or through Group `system:serviceaccounts`, " +
    '`system:serviceaccounts:<ns>` or `system:authenticated` — whose role is ClusterRole `cluster-admin` or allows every verb on every resource ' +
    '(`rbac-wildcard`), with ClusterRole aggregation recomputed from the input and the default roles of a real cluster known when the input lacks them. ' +
    "A RoleBinding grants in its own namespace only — also when it references a ClusterRole, and also when that is not the pod's " +
    'namespace (it may name the SA with its namespace); the message states the scope. Only reported when the token is mounted (see sa-token-automount). ' +
    'One finding per binding, on the workload whose pods carry the token, at the field naming the ServiceAccount.',
  rationale:
    'Any code execution in these pods — an RCE in the application, a compromised dependency — reads the mounted token and becomes administrator ' +
    'of the cluster (or of the namespace: its Secrets, its service accounts, and through a privileged pod its nodes). There is no further step ' +
    'for the attacker to take, hence critical.',
  remediation:
    'Bind the ServiceAccount to a role with only the verbs and resources the workload uses; if the workload does not call the API, also set ' +
    '`automountServiceAccountToken: false`. Operators that truly need broad rights belong in their own namespace, isolated from exposed workloads.',
  references: {
    cis: ['5.1.1', '5.1.6'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1528', 'T1078.001'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: ['workload'],
  needsModel: true,
  check: serviceAccountGrantCheck((index, sa, b) => {
    const admin = adminGrant(index, b);
    if (admin === undefined) return undefined;
    const granting = admin === 'cluster-admin' ? '' : `, which grants ${admin}`;
    return `${boundPhrase(sa, b)}${granting}: full control of ${scopePhrase(b)} for anyone who runs code in the pods`;
  }),
});
