import { defineRule, type Report } from '../../types.js';
import { BINDING_KINDS, describeSubject } from '../../../rbac/rbacObjects.js';
import { boundSubjects } from '../../../rbac/userObjects.js';

export const rbacClusterAdminBinding = defineRule({
  id: 'rbac-cluster-admin-binding',
  title: 'Binding grants cluster-admin',
  category: 'rbac',
  severity: 'high',
  description:
    'A ClusterRoleBinding or RoleBinding with `roleRef` ClusterRole `cluster-admin` and at least one subject. Reported at `roleRef.name`. ' +
    'A RoleBinding grants it in its namespace only (the message says which). The bootstrap binding of `system:masters` is not reported. ' +
    'Roles with the same rules under another name are `rbac-wildcard`; workloads running as a bound service account are `workload-admin-sa`.',
  rationale:
    'cluster-admin allows every verb on every resource: every subject of the binding — and anyone who steals its credentials — controls the ' +
    'cluster (through a RoleBinding: the namespace, including its Secrets and service accounts). Administrators legitimately need it, ' +
    'which is why this is high rather than critical: review who the subjects are.',
  remediation:
    'Bind narrower roles (`admin` or `edit` in a namespace, or a purpose-built ClusterRole). Keep cluster-admin for a small break-glass group, ' +
    'bound to a Group from your identity provider rather than to individual users or service accounts.',
  references: {
    cis: ['5.1.1'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1078', 'T1098.006'],
    links: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles'],
  },
  targets: [...BINDING_KINDS],
  *check({ resource, model }): Iterable<Report> {
    const bound = [...boundSubjects(resource, model)];
    const first = bound[0];
    if (first?.roleRef.kind !== 'ClusterRole' || first.roleRef.name !== 'cluster-admin') return;
    const ns = first.namespace;
    const subjects = bound.map((b) => b.subject);
    const scope = ns === undefined ? 'cluster-wide' : `in namespace ${ns}`;
    yield {
      message: `binds ClusterRole cluster-admin ${scope} to ${subjects.map((s) => describeSubject(s, ns)).join(', ')}`,
      path: ['roleRef', 'name'],
    };
  },
});
