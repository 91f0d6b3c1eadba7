import { policyRulesOf } from '../../../rbac/rbacObjects.js';
import { apiGroupsDisplay, coveredByWildcard } from '../../../rbac/riskyGrants.js';
import { isUserRbacObject } from '../../../rbac/userObjects.js';
import { entryIndex, heldByRole, ROLE_KINDS } from './riskyGrantRule.js';
import { defineRule, type Report } from '../../types.js';

export const rbacWildcard = defineRule({
  id: 'rbac-wildcard',
  title: 'Role grants every verb on every resource',
  category: 'rbac',
  severity: 'critical',
  description:
    'A Role or ClusterRole has a `rules[i]` entry with `verbs: ["*"]` and `resources: ["*"]` in `apiGroups` `"*"` or `""` (core) — ' +
    'the shape of `cluster-admin`. Reported at `rules[i].verbs`. Such an entry is reported here only: the specific rbac rules ' +
    '(secrets, workloads, exec, bindings…) skip it. Partial wildcards are `rbac-wildcard-partial`. ' +
    "Kubernetes' own bootstrap roles (label `kubernetes.io/bootstrapping: rbac-defaults`, reconciled by the API server) are not reported.",
  rationale:
    'Whoever holds this role — through any binding, or by stealing the token of a bound service account — can read every Secret, ' +
    'run pods as any service account, exec into every pod, and edit RBAC itself. Bound cluster-wide that is cluster-admin; bound in ' +
    'a namespace it is full control of the namespace, and a privileged pod turns that into the node and the cluster. `*` also grants ' +
    'every verb and resource added later (custom verbs like `escalate`, new CRDs). Nothing is left to escalate to, hence critical.',
  remediation:
    'List the verbs, API groups and resources the workload actually uses (`kubectl auth can-i --list --as system:serviceaccount:<ns>:<sa>`, ' +
    'or generate a Role from audit logs). Keep `cluster-admin` for break-glass humans only.',
  references: {
    cis: ['5.1.3', '5.1.1'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1078', 'T1098.006'],
    links: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
    ],
  },
  targets: [...ROLE_KINDS],
  needsModel: true,
  *check(ctx): Iterable<Report> {
    const { resource } = ctx;
    if (!isUserRbacObject(resource)) return;
    for (const { rule, index } of policyRulesOf(resource.object)) {
      if (!coveredByWildcard(rule)) continue;
      yield {
        message: `rules[${index}] grants every verb on every resource (verbs "*", resources "*") in API groups ${apiGroupsDisplay(rule.apiGroups)}${heldByRole(ctx)}`,
        path: ['rules', index, 'verbs', entryIndex(resource.object, ['rules', index, 'verbs'], '*')],
      };
    }
  },
});
