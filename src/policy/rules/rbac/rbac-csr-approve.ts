import { defineRule } from '../../types.js';
import { CSR_APPROVE } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacCsrApprove = defineRule({
  id: 'rbac-csr-approve',
  title: 'Role can approve certificate signing requests',
  category: 'rbac',
  severity: 'high',
  description:
    "A Role or ClusterRole `rules[i]` grants `update` or `patch` on `certificatesigningrequests/approval` (`certificates.k8s.io`), directly or through `*`. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    'Approving CSRs for the `kubernetes.io/kube-apiserver-client` signer issues client certificates for any user and group — including `system:masters` — that cannot be revoked before they expire. The holder also needs `approve` on the signer and `create` on CSRs, which is why this alone is high rather than critical.',
  remediation:
    "Leave CSR approval to the controller manager's built-in approvers; grant manual approval only to administrators, restricted to specific signers with `resourceNames` on the `signers` resource.",
  references: {
    cis: ['5.1.11'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1649'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(CSR_APPROVE),
});
