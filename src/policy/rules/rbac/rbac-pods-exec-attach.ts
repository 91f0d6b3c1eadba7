import { defineRule } from '../../types.js';
import { POD_EXEC } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacPodsExecAttach = defineRule({
  id: 'rbac-pods-exec-attach',
  title: 'Role can exec or attach into pods',
  category: 'rbac',
  severity: 'high',
  description:
    'A Role or ClusterRole `rules[i]` grants `create` on `pods/exec` or `pods/attach`, or `update`/`patch` on `pods/ephemeralcontainers`, directly or through `*` (`resources: ["*"]` covers subresources; `pods` alone does not, and `pods/*` is not a wildcard). Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes\' bootstrap roles, and entries `rbac-wildcard` reports.' +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    "exec and attach run commands inside a running container: the holder gets its files, its environment (secrets in env), its mounted service-account token and its network position. Adding an ephemeral container does the same with an image of the holder's choosing. Every pod in scope is compromised at once, hence high.",
  remediation:
    'Remove exec/attach from service accounts; give it to humans through a separate, audited break-glass Role bound only when needed. Narrow it with `resourceNames` to specific pods where it must stay.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1609'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(POD_EXEC),
});
