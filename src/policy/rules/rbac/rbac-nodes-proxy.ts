import { defineRule } from '../../types.js';
import { NODES_PROXY } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacNodesProxy = defineRule({
  id: 'rbac-nodes-proxy',
  title: 'Role can reach the kubelet API through nodes/proxy',
  category: 'rbac',
  severity: 'high',
  description:
    "A Role or ClusterRole `rules[i]` grants `get` or `create` on `nodes/proxy`, directly or through `*`. Rules are read with the RBAC engine's matching (src/rbac): a namespaced Role is not reported, as it can never grant the cluster-scoped nodes/proxy, and a ClusterRole needs a ClusterRoleBinding to make it effective. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    'nodes/proxy forwards requests to the kubelet API of any node: `/exec`, `/run` and `/attach` on every pod of the node, bypassing admission control and API-server audit of the exec itself (the kubelet maps websocket GET to `get`, so `get` is enough). The holder can run commands in any pod on any node and collect their tokens — one hop from cluster-admin, hence high.',
  remediation:
    'Grant nodes/proxy only to monitoring components that need kubelet metrics, and prefer `nodes/metrics` and `nodes/stats`, which do not allow exec.',
  references: {
    cis: ['5.1.10'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1609', 'T1613'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(NODES_PROXY),
});
