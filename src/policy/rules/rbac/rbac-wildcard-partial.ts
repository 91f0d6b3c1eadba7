import { defineRule, type Report } from '../../types.js';
import { policyRulesOf } from '../../../rbac/rbacObjects.js';
import { apiGroupsDisplay, coveredByWildcard } from '../../../rbac/riskyGrants.js';
import { isUserRbacObject } from '../../../rbac/userObjects.js';
import { entryIndex, heldByRole, ROLE_KINDS } from './riskyGrantRule.js';

export const rbacWildcardPartial = defineRule({
  id: 'rbac-wildcard-partial',
  title: 'Role uses a wildcard in verbs or resources',
  category: 'rbac',
  severity: 'high',
  description:
    'A Role or ClusterRole has a `rules[i]` entry whose `verbs` contain `"*"`, or whose `resources` contain `"*"` or a `"*/<subresource>"` ' +
    'entry, and that is not the every-verb-on-every-resource shape reported by `rbac-wildcard`. Reported at the wildcard entry ' +
    '(`rules[i].verbs[j]` or `rules[i].resources[k]`); when both are wildcards (in a group other than core or `*`), once at the verbs. ' +
    'Rules with only `nonResourceURLs` are not considered. The specific rbac rules still report what the wildcard reaches ' +
    '(e.g. `rbac-secrets-read` for `resources: ["*"]` with `get`). Bootstrap roles are not reported.',
  rationale:
    '`verbs: ["*"]` includes the verbs nobody writes down on purpose — `escalate`, `bind`, `impersonate`, `deletecollection` — and every ' +
    'verb a future API adds; `resources: ["*"]` includes Secrets, every subresource (`pods/exec`, `serviceaccounts/token`, `nodes/proxy`) and ' +
    'every CRD installed later. The holder gets more than was reviewed, usually a path to secrets or code execution. Not every such rule ' +
    'is full control (that is `rbac-wildcard`), hence high.',
  remediation:
    'Replace the wildcard with the explicit verbs (`get`, `list`, `watch`, …) and resources the workload uses; for read-only access ' +
    'bind the built-in `view` ClusterRole, which excludes Secrets.',
  references: {
    cis: ['5.1.3'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1078'],
    links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
  },
  targets: [...ROLE_KINDS],
  needsModel: true,
  *check(ctx): Iterable<Report> {
    const { resource } = ctx;
    if (!isUserRbacObject(resource)) return;
    for (const { rule, index } of policyRulesOf(resource.object)) {
      if (rule.resources.length === 0 || coveredByWildcard(rule)) continue;
      const starVerb = rule.verbs.includes('*');
      const starResource = rule.resources.find((r) => r === '*' || r.startsWith('*/'));
      const groups = `in API groups ${apiGroupsDisplay(rule.apiGroups)}`;
      const verbsPath = ['rules', index, 'verbs'];
      const resourcesPath = ['rules', index, 'resources'];
      if (starVerb) {
        const on =
          starResource === undefined
            ? rule.resources.join(', ')
            : starResource === '*'
              ? 'every resource (resources "*")'
              : `subresource "${starResource.slice(2)}" of every resource ("${starResource}")`;
        yield {
          message: `rules[${index}] grants every verb (verbs "*") on ${on} ${groups}${heldByRole(ctx)}`,
          path: [...verbsPath, entryIndex(resource.object, verbsPath, '*')],
        };
      } else if (starResource !== undefined) {
        const on =
          starResource === '*'
            ? 'every resource (resources "*")'
            : `subresource "${starResource.slice(2)}" of every resource ("${starResource}")`;
        yield {
          message: `rules[${index}] grants ${rule.verbs.join(', ')} on ${on} ${groups}${heldByRole(ctx)}`,
          path: [...resourcesPath, entryIndex(resource.object, resourcesPath, starResource)],
        };
      }
    }
  },
});
