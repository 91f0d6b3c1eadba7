import { defineRule } from '../../types.js';
import { BINDING_WRITE } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacBindingCreate = defineRule({
  id: 'rbac-binding-create',
  title: 'Role can create or change role bindings',
  category: 'rbac',
  severity: 'high',
  description:
    "A Role or ClusterRole `rules[i]` grants `create`, `update` or `patch` on `rolebindings` or `clusterrolebindings` (`rbac.authorization.k8s.io`), directly or through `*`. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    "With binding write access the holder can add any subject — itself, an attacker's account, `system:anonymous` — to any binding whose role it already holds, or, combined with `bind`, to any role. It makes every permission the holder has transferable and persistent. The API server's escalation check still applies without `bind`, hence high rather than critical.",
  remediation:
    'Keep binding management with cluster administrators and GitOps controllers. A namespace admin role may hold it; a workload should not.',
  references: {
    cis: ['5.1.8'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1098.006'],
    links: [
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update',
    ],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(BINDING_WRITE),
});
