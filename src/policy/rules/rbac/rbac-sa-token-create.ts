import { defineRule } from '../../types.js';
import { SA_TOKEN_CREATE } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacSaTokenCreate = defineRule({
  id: 'rbac-sa-token-create',
  title: 'Role can mint service-account tokens',
  category: 'rbac',
  severity: 'high',
  description:
    "A Role or ClusterRole `rules[i]` grants `create` on `serviceaccounts/token` (core), directly or through `*`. A rule narrowed by `resourceNames` still counts for the named service accounts. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    'The TokenRequest API issues a fresh token for any service account in scope, with an expiry the holder chooses: the holder acts as the most privileged service account of the namespace (or cluster) and keeps that access after its own credentials are revoked. High.',
  remediation:
    'Remove it from workloads; only components that legitimately broker tokens (e.g. a CI runner) need it, restricted with `resourceNames`.',
  references: {
    cis: ['5.1.13'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1528', 'T1078.001'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(SA_TOKEN_CREATE),
});
