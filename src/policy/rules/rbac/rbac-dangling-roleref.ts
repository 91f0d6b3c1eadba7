import { BINDING_KINDS } from '../../../rbac/rbacObjects.js';
import { isUnmodelledDefaultRole, roleNamespaces } from '../../../rbac/danglingRoleRefs.js';
import { isUserRbacObject } from '../../../rbac/userObjects.js';
import { defineRule, type Report } from '../../types.js';
import { rbacIndexOf, resolvedBindingOf } from '../../rbacEngine.js';

export const rbacDanglingRoleref = defineRule({
  id: 'rbac-dangling-roleref',
  title: 'Binding references a role that does not exist',
  category: 'rbac',
  severity: 'low',
  description:
    "A RoleBinding or ClusterRoleBinding whose `roleRef` names a Role or ClusterRole that is neither in the input nor one of Kubernetes' default " +
    "roles (the RBAC engine's default policy, plus the `system:controller:*` ClusterRoles and the kube-system / kube-public Roles every cluster " +
    "creates). A RoleBinding's Role is looked up in the binding's own namespace only: a Role of that name in another namespace does not count. " +
    'Reported at `roleRef.name`. A roleRef the API server rejects (a ClusterRoleBinding naming a Role, an unknown kind, another API group, no ' +
    "name) is reported at the offending field with the engine's reason. The rule always fires on a missing role, also when the input is only " +
    'part of a cluster: the message says the role is "not in the input or Kubernetes\' default roles", so a reviewer who knows the role exists ' +
    'elsewhere can suppress the finding. Bootstrap bindings are not reported.',
  rationale:
    'A binding to a missing role grants nothing today and everything the role will grant once someone creates it: whoever can create a Role ' +
    "in that namespace (or any ClusterRole) decides what the binding's subjects get — role-name squatting — and a later install that happens " +
    'to use the name hands its rights to subjects nobody reviewed for it. It also shows the RBAC configuration has drifted (a renamed or deleted ' +
    'role). Creating the role still requires holding what it grants (RBAC escalation prevention), so the attacker gains reach, not new rights: low.',
  remediation:
    'Delete the binding if the role is gone for good; otherwise create the role with the binding (same manifest, same namespace for a Role), ' +
    "or fix `roleRef` (a RoleBinding's Role must be in the binding's namespace; use kind ClusterRole to reuse one role across namespaces). " +
    'roleRef is immutable: to change it, delete and recreate the binding.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1098.006'],
    links: [
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    ],
  },
  targets: [...BINDING_KINDS],
  needsModel: true,
  *check({ resource, model }): Iterable<Report> {
    if (!isUserRbacObject(resource)) return;
    const binding = resolvedBindingOf(model, resource);
    if (binding === undefined) return;
    const index = rbacIndexOf(model);
    for (const error of index.errors) {
      if (error.object !== binding.ref || !error.path.startsWith('roleRef')) continue;
      yield {
        message: `${error.message}: the API server rejects this binding, so it grants nothing`,
        path: error.path.split('.'),
      };
    }
    const dangling = binding.dangling;
    if (dangling === undefined || isUnmodelledDefaultRole(dangling)) return;
    const { kind, name } = dangling.roleRef;
    const role = kind === 'Role' ? `Role ${binding.ref.namespace}/${name}` : `ClusterRole ${name}`;
    const elsewhere = kind === 'Role' ? roleNamespaces(index, name) : [];
    const note =
      elsewhere.length > 0
        ? ` (a Role of that name exists in namespace ${elsewhere.join(', ')}, but a RoleBinding references Roles of its own namespace only)`
        : '';
    yield {
      message:
        `roleRef names ${role}, which is not in the input or Kubernetes' default roles${note}: ` +
        'whoever creates it decides what the subjects get',
      path: ['roleRef', 'name'],
    };
  },
});
