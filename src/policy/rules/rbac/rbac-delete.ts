import { defineRule, type Report } from '../../types.js';
import { policyRulesOf } from '../../../rbac/rbacObjects.js';
import { apiGroupsDisplay, coveredByWildcard, verbsGrantedByRule } from '../../../rbac/riskyGrants.js';
import { isUserRbacObject } from '../../../rbac/userObjects.js';
import { entryIndex, heldByRole, ROLE_KINDS } from './riskyGrantRule.js';

const DELETE_VERBS = ['delete', 'deletecollection'];

function narrowed(names: readonly string[]): string {
  return names.length === 0
    ? ''
    : ` named ${names.map((n) => `"${n}"`).join(', ')} (narrowed by resourceNames)`;
}

export const rbacDelete = defineRule({
  id: 'rbac-delete',
  title: 'Role can delete resources',
  category: 'rbac',
  severity: 'low',
  description:
    'A Role or ClusterRole `rules[i]` grants `delete` or `deletecollection` (directly or through `verbs: ["*"]`) on any resource. ' +
    'Reported at the matching `rules[i].verbs[j]`. Opt-in: almost every role that manages something may also delete it. ' +
    'Not reported: bootstrap roles and `*`-on-`*` entries (`rbac-wildcard`).',
  rationale:
    'Delete rights destroy data and availability (PersistentVolumeClaims, Deployments, Namespaces) and cover tracks (deleting Events, ' +
    'or the pods whose logs would show an intrusion). They do not give the holder more access, hence low.',
  remediation:
    'Drop `delete`/`deletecollection` from roles that only create or update; never grant them on events, namespaces or persistentvolumeclaims to workloads.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1485', 'T1070'],
  },
  targets: [...ROLE_KINDS],
  needsModel: true,
  optIn: true,
  *check(ctx): Iterable<Report> {
    const { resource } = ctx;
    if (!isUserRbacObject(resource)) return;
    for (const { rule, index } of policyRulesOf(resource.object)) {
      if (rule.resources.length === 0 || rule.apiGroups.length === 0 || coveredByWildcard(rule)) continue;
      const viaStar = rule.verbs.includes('*');
      // The engine decides: a request limited by resourceNames carries a name; deletecollection never does.
      const granted = verbsGrantedByRule(rule, DELETE_VERBS);
      if (granted.length === 0) continue;
      const verbsPath = ['rules', index, 'verbs'];
      yield {
        message:
          `rules[${index}] grants ${granted.join(', ')} on ${rule.resources.map((r) => (r === '*' ? 'every resource ("*")' : r)).join(', ')}` +
          `${narrowed(rule.resourceNames)} in API groups ${apiGroupsDisplay(rule.apiGroups)}${viaStar ? ' (through "*" in verbs)' : ''}${heldByRole(ctx)}`,
        path: [...verbsPath, entryIndex(resource.object, verbsPath, viaStar ? '*' : granted[0]!)],
      };
    }
  },
});
