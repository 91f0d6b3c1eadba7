import { defineRule } from '../../types.js';
import { ESCALATE_BIND } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacEscalateBind = defineRule({
  id: 'rbac-escalate-bind',
  title: 'Role can escalate or bind roles',
  category: 'rbac',
  severity: 'critical',
  description:
    "A Role or ClusterRole `rules[i]` grants `escalate` or `bind` on `roles` or `clusterroles` (`rbac.authorization.k8s.io`), directly or through `*`. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    "RBAC stops a user from granting permissions they do not hold — unless they have `escalate` (write any rule into a role) or `bind` (bind any role, e.g. cluster-admin, to anyone). Either removes the only guard against self-promotion: the holder becomes admin of the binding's scope (cluster-wide through a ClusterRoleBinding), hence critical.",
  remediation:
    'Remove `escalate` and `bind`. Where an operator must hand out roles, restrict `bind` with `resourceNames` to the exact roles it may grant (e.g. `[view]`) and bind it in a namespace, not cluster-wide.',
  references: {
    cis: ['5.1.8'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1098.006', 'T1078'],
    links: [
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
    ],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(ESCALATE_BIND),
});
