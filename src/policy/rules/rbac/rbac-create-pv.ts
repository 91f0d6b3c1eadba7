import { defineRule } from '../../types.js';
import { PV_CREATE } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacCreatePv = defineRule({
  id: 'rbac-create-pv',
  title: 'Role can create persistent volumes',
  category: 'rbac',
  severity: 'medium',
  description:
    "A Role or ClusterRole `rules[i]` grants `create` on `persistentvolumes` (core), directly or through `*`. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    "A PersistentVolume is cluster-scoped and may be a `hostPath` volume: claiming it mounts a host directory into a pod — the kubelet's credentials, container runtime state, other pods' data — even where Pod Security forbids hostPath in pod specs. It also needs the right to create a pod and a claim, hence medium.",
  remediation:
    'Let a StorageClass provisioner create volumes; give users `persistentvolumeclaims` rights instead.',
  references: {
    cis: ['5.1.9'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1611'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(PV_CREATE),
});
