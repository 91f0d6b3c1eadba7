import { defineRule } from '../../types.js';
import { SERVICES_STATUS } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacServicesStatus = defineRule({
  id: 'rbac-services-status',
  title: 'Role can set Service status (load-balancer IPs)',
  category: 'rbac',
  severity: 'medium',
  description:
    "A Role or ClusterRole `rules[i]` grants `update` or `patch` on `services/status` (core), directly or through `*`. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    'Setting `status.loadBalancer.ingress[].ip` of a Service makes kube-proxy route traffic for that IP to the Service on every node (CVE-2020-8554): the holder intercepts cluster traffic meant for an external address. Traffic interception without code execution, hence medium.',
  remediation:
    'Only the cloud controller manager or load-balancer controller should update Service status. Block the attack cluster-wide with an admission policy that denies `status.loadBalancer` changes by others.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1557'],
    links: ['https://github.com/kubernetes/kubernetes/issues/97076'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(SERVICES_STATUS),
});
