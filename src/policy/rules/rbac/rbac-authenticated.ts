import { defineRule, type Report } from '../../types.js';
import { BINDING_KINDS, describeRoleRef } from '../../../rbac/rbacObjects.js';
import { boundSubjects, DISCOVERY_CLUSTER_ROLES } from '../../../rbac/userObjects.js';

/** Groups whose members are every user, or every pod, of the cluster. */
const EVERYONE: ReadonlyMap<string, string> = new Map([
  ['system:authenticated', 'every authenticated user and service account'],
  ['system:serviceaccounts', 'every service account, so every pod'],
]);

export const rbacAuthenticated = defineRule({
  id: 'rbac-authenticated',
  title: 'Binding grants a role to every authenticated identity',
  category: 'rbac',
  severity: 'high',
  description:
    'A RoleBinding or ClusterRoleBinding has a subject Group `system:authenticated` or `system:serviceaccounts` (every service account of ' +
    'the cluster) and a roleRef other than the discovery roles `system:basic-user`, `system:discovery`, `system:public-info-viewer`. ' +
    'Reported at `subjects[i]`. `system:serviceaccounts:<ns>` (one namespace) is not reported. Bootstrap bindings are not reported.',
  rationale:
    'Every identity the cluster accepts — each user, each service account, and on managed clusters sometimes any account of the cloud provider ' +
    '(GKE treated any Google account as authenticated) — gets the role. One stolen pod token anywhere is enough to use it; high.',
  remediation: 'Bind the role to the specific Groups or ServiceAccounts that need it.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1078'],
    links: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles'],
  },
  targets: [...BINDING_KINDS],
  *check({ resource, model }): Iterable<Report> {
    for (const { subject: s, roleRef: ref, namespace: ns } of boundSubjects(resource, model)) {
      if (ref.kind === 'ClusterRole' && DISCOVERY_CLUSTER_ROLES.has(ref.name)) return;
      const who = s.kind === 'Group' ? EVERYONE.get(s.name) : undefined;
      if (who === undefined) continue;
      yield {
        message: `binds Group ${s.name} (${who}) to ${describeRoleRef(ref, ns)}${ns !== undefined ? ` in namespace ${ns}` : ''}`,
        path: s.path,
      };
    }
  },
});
