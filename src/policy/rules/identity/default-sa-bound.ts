import { defineRule, type Report } from '../../types.js';
import { BINDING_KINDS, describeRoleRef, describeSubject } from '../../../rbac/rbacObjects.js';
import { boundSubjects } from '../../../rbac/userObjects.js';

export const defaultSaBound = defineRule({
  id: 'default-sa-bound',
  title: 'A role is bound to a default ServiceAccount',
  category: 'identity',
  severity: 'medium',
  description:
    'A RoleBinding or ClusterRoleBinding has a subject of kind ServiceAccount named `default` (in any namespace; in a RoleBinding a subject ' +
    "without namespace is the binding's). Reported at `subjects[i].name`. Bootstrap bindings are not reported.",
  rationale:
    'The `default` ServiceAccount is the identity of every pod in the namespace that names no other, including pods created later by anyone ' +
    'allowed to create pods there. A role bound to it is granted to all of them, and to whoever compromises any one of them. ' +
    'What it grants decides the damage, hence medium.',
  remediation:
    'Create a dedicated ServiceAccount for the workload that needs the role, bind the role to it, and set `serviceAccountName` in that workload.',
  references: {
    cis: ['5.1.5'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1078.001'],
    links: ['https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts'],
  },
  targets: [...BINDING_KINDS],
  *check({ resource, model }): Iterable<Report> {
    for (const { subject: s, roleRef: ref, namespace: ns } of boundSubjects(resource, model)) {
      if (s.kind !== 'ServiceAccount' || s.name !== 'default') continue;
      yield {
        message: `binds ${describeSubject(s, ns)} to ${describeRoleRef(ref, ns)}; every pod of that namespace without its own ServiceAccount gets it`,
        path: [...s.path, 'name'],
      };
    }
  },
});
