import { defineRule } from '../../types.js';
import { SECRETS_READ } from '../../../rbac/riskyGrants.js';
import { EFFECTIVE_PERMISSIONS_NOTE, GRANTING_KINDS, riskyGrantCheck } from './riskyGrantRule.js';

export const rbacSecretsRead = defineRule({
  id: 'rbac-secrets-read',
  title: 'Role can read Secrets',
  category: 'rbac',
  severity: 'high',
  description:
    "A Role or ClusterRole `rules[i]` grants `get`, `list` or `watch` on `secrets` in the core group — directly, or through `*` in verbs, resources or apiGroups. A rule narrowed by `resourceNames` still counts (the message says so): it reads those Secrets. Reported at the matching `rules[i].resources[j]`. Not reported: Kubernetes' bootstrap roles, and entries `rbac-wildcard` reports." +
    EFFECTIVE_PERMISSIONS_NOTE,
  rationale:
    'Secrets hold database passwords, cloud keys, TLS private keys and — in clusters that still create them — long-lived service-account tokens. `list` and `watch` return the full Secret data just like `get`. Reading them is credential access to everything those credentials open, including other identities in the cluster (a token of a more privileged service account). Not full control by itself, hence high.',
  remediation:
    'Grant `get` on the named Secrets the workload needs (`resourceNames: [app-db]`), never `list`/`watch` on all Secrets; better, mount the Secret into the pod and give the service account no Secret access at all. Use the `view` ClusterRole for read-only users: it excludes Secrets.',
  references: {
    cis: ['5.1.2'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1552.007', 'T1528'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...GRANTING_KINDS],
  needsModel: true,
  check: riskyGrantCheck(SECRETS_READ),
});
