import { defineRule } from '../../types.js';
import { WEBHOOK_WRITE } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacWebhookConfig = defineRule({
  id: 'rbac-webhook-config',
  title: 'Role can change admission webhooks or policies',
  category: 'rbac',
  severity: 'critical',
  description:
    "A Role or ClusterRole `rules[i]` grants create, update, patch, delete or deletecollection on mutating/validating webhook configurations or validating/mutating admission policies and their bindings (`admissionregistration.k8s.io`), directly or through `*`. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    "Admission control is where Pod Security, image policy and kubeward's own webhook are enforced. Deleting or loosening a webhook disables those guards for everyone; adding a mutating webhook sends every object — including Secrets — to a server of the holder's choice and lets it inject containers into every new pod. Cluster-wide compromise, hence critical.",
  remediation:
    'Only the installer of each admission controller (its Helm release or operator) should hold these verbs, restricted with `resourceNames` to its own configuration.',
  references: {
    cis: ['5.1.12'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1562.001', 'T1557'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(WEBHOOK_WRITE),
});
