import { defineRule } from '../../types.js';
import { PORT_FORWARD } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacPortforward = defineRule({
  id: 'rbac-portforward',
  title: 'Role can port-forward into pods',
  category: 'rbac',
  severity: 'medium',
  description:
    "A Role or ClusterRole `rules[i]` grants `create` on `pods/portforward`, directly or through `*`. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    "Port-forwarding opens a tunnel from the holder's machine to any port of a pod, past Services, Ingress authentication and NetworkPolicies (the API server and kubelet carry the traffic). It reaches admin ports and unauthenticated databases, but runs no code in the pod by itself, hence medium.",
  remediation:
    'Remove `pods/portforward` from service accounts and CI roles; grant it to humans only for debugging, in a dedicated Role.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1572'],
    links: [
      'https://kubernetes.io/docs/tasks/access-application-cluster/port-forward-access-application-cluster/',
    ],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(PORT_FORWARD),
});
