import { defineRule } from '../../types.js';
import { WORKLOAD_WRITE } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacWorkloadCreate = defineRule({
  id: 'rbac-workload-create',
  title: 'Role can create or change workloads',
  category: 'rbac',
  severity: 'high',
  description:
    "A Role or ClusterRole `rules[i]` grants `create`, `update` or `patch` on pods or replicationcontrollers (core), deployments, daemonsets, statefulsets or replicasets (`apps`), jobs or cronjobs (`batch`), directly or through `*`. A rule narrowed by `resourceNames` never grants `create` of a top-level object (the request carries no name), so only its update/patch count. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    'Creating a pod — directly or through a controller — means choosing its image, command, service account and security context: the holder runs code as any service account of the namespace (and so gets its token and permissions), mounts any Secret or ConfigMap of the namespace, and, where Pod Security Admission does not forbid it, runs a privileged pod that owns the node. Changing an existing workload does the same. One step from namespace or node takeover, hence high.',
  remediation:
    'Give deploy rights to the CD system only, not to workloads; scope them to one namespace with a RoleBinding and enforce Pod Security `restricted` on that namespace so created pods cannot escape. Workloads that only scale need `patch` on the `*/scale` subresource, not on the workload.',
  references: {
    cis: ['5.1.4'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1610', 'T1609'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(WORKLOAD_WRITE),
});
