import { defineRule } from '../../types.js';
import { NETWORKING_WRITE } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacNetworkingWrite = defineRule({
  id: 'rbac-networking-write',
  title: 'Role can change Services, endpoints, NetworkPolicies or Ingresses',
  category: 'rbac',
  severity: 'medium',
  description:
    "A Role or ClusterRole `rules[i]` grants create, update, patch, delete or deletecollection on services or endpoints (core), endpointslices (`discovery.k8s.io`), networkpolicies or ingresses (`networking.k8s.io`), directly or through `*`. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    "Writing endpoints and Services redirects in-cluster traffic to pods of the holder's choice; deleting NetworkPolicies removes segmentation; an Ingress or LoadBalancer Service exposes internal services to the internet. It reshapes who can reach what, but gives no code execution or credentials by itself, hence medium.",
  remediation:
    'Let only the CD system manage Services, Ingresses and NetworkPolicies; workloads never need it. Manual endpoints are rarely needed at all.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1557', 'T1562.001'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(NETWORKING_WRITE),
});
