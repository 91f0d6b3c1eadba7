import { defineRule } from '../../types.js';
import { awsAuthHits } from './rbac-aws-auth.js';
import { CONFIGMAP_WRITE } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacConfigmapWrite = defineRule({
  id: 'rbac-configmap-write',
  title: 'Role can change ConfigMaps',
  category: 'rbac',
  severity: 'medium',
  description:
    'A Role or ClusterRole `rules[i]` grants create, update, patch, delete or deletecollection on `configmaps` (core), directly or through `*`. ' +
    'Reported at the matching `rules[i].resources[j]`. Not reported: bootstrap roles, `*`-on-`*` entries (`rbac-wildcard`), and entries ' +
    '`rbac-aws-auth` reports (writes that reach kube-system/aws-auth).' +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    'ConfigMaps steer other software: the `coredns` Corefile in kube-system (redirect cluster DNS), proxy and feature configuration of ' +
    'applications, scripts mounted into pods. Changing them alters what other workloads do without touching their specs. It takes a consumer ' +
    'that trusts the ConfigMap to become code execution, hence medium.',
  remediation:
    'Give workloads read access to the ConfigMaps they need (`get` with `resourceNames`); keep writes with the CD system, and never in kube-system.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1565.001'],
    links: ['https://kubernetes.io/docs/concepts/configuration/configmap/'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(CONFIGMAP_WRITE, {
    skip: ({ rule }, { resource, model }) => awsAuthHits(rule, resource, model).length > 0,
  }),
});
