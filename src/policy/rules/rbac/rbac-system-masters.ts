import { defineRule, type Report } from '../../types.js';
import { BINDING_KINDS, describeRoleRef } from '../../../rbac/rbacObjects.js';
import { boundSubjects } from '../../../rbac/userObjects.js';

export const rbacSystemMasters = defineRule({
  id: 'rbac-system-masters',
  title: 'Binding names the system:masters group',
  category: 'rbac',
  severity: 'low',
  description:
    'A RoleBinding or ClusterRoleBinding has a subject Group `system:masters`. Reported at `subjects[i]`. The bootstrap binding ' +
    '(`cluster-admin` → `system:masters`) is not reported.',
  rationale:
    'Members of `system:masters` bypass authorization entirely — RBAC is never consulted for them, so the binding grants nothing and removing it ' +
    'revokes nothing. It signals that credentials in that group (client certificates with `O=system:masters`) are in use and trusted to be ' +
    'governed by RBAC, which they are not; they can only be revoked by rotating the cluster CA. The binding itself gives an attacker nothing, hence low.',
  remediation:
    'Delete the binding. Issue administrators certificates or tokens in a normal group bound to cluster-admin, so that access can be revoked by ' +
    'removing the binding; keep `system:masters` for the break-glass kubeconfig only.',
  references: {
    cis: ['5.1.7'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1078'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...BINDING_KINDS],
  *check({ resource, model }): Iterable<Report> {
    for (const { subject: s, roleRef: ref, namespace: ns } of boundSubjects(resource, model)) {
      if (s.kind !== 'Group' || s.name !== 'system:masters') continue;
      yield {
        message: `binds Group system:masters to ${describeRoleRef(ref, ns)}; its members bypass RBAC, so this binding grants and revokes nothing`,
        path: s.path,
      };
    }
  },
});
