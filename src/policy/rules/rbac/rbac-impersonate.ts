import { defineRule } from '../../types.js';
import { IMPERSONATE } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacImpersonate = defineRule({
  id: 'rbac-impersonate',
  title: 'Role can impersonate users, groups or service accounts',
  category: 'rbac',
  severity: 'critical',
  description:
    "A Role or ClusterRole `rules[i]` grants `impersonate` on `users`, `groups` or `serviceaccounts` (core group) or `userextras` (`authentication.k8s.io`), directly or through `*`. Users, groups and extras have no namespace, so only a ClusterRole can grant them (through a ClusterRoleBinding); a Role is reported for `serviceaccounts` only. A rule narrowed by `resourceNames` still counts (the message lists the names). Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    'Impersonation makes every request run as another identity (`kubectl --as=… --as-group=system:masters`). Impersonating any user or group includes `system:masters`, which bypasses RBAC entirely; impersonating service accounts grants the rights of every service account in scope. Direct escalation to the strongest identity available, hence critical.',
  remediation:
    'Remove `impersonate`. If a proxy must impersonate, bind it with `resourceNames` limited to the identities it serves and never groups.',
  references: {
    cis: ['5.1.8'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1078'],
    links: ['https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(IMPERSONATE),
});
