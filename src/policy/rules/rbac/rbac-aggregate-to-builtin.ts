import { defineRule, type Report } from '../../types.js';
import { defaultClusterRole } from '../../../rbac/defaultPolicy.js';
import { policyRulesOf } from '../../../rbac/rbacObjects.js';
import {
  coveredByWildcard,
  describeHits,
  grantedByAny,
  grantHits,
  RISKY_GRANTS,
} from '../../../rbac/riskyGrants.js';
import { isUserRbacObject } from '../../../rbac/userObjects.js';

/** Narrowest first: a role labelled for several targets reaches the holders of the narrowest. */
const TARGETS = ['view', 'edit', 'admin'] as const;
const READ_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch']);

export const rbacAggregateToBuiltin = defineRule({
  id: 'rbac-aggregate-to-builtin',
  title: 'ClusterRole widens the built-in view, edit or admin role',
  category: 'rbac',
  severity: 'high',
  description:
    'A ClusterRole labelled `rbac.authorization.k8s.io/aggregate-to-view`, `-edit` or `-admin: "true"` has a `rules[i]` entry that grants a risky ' +
    'permission (any grant the specific rbac rules look for: secrets, workloads, exec, escalate/bind, impersonate, bindings, webhooks, CSR approval, ' +
    'tokens, PVs, service status, networking, configmaps) that the built-in target role does not already grant — and, for `view`, any verb other ' +
    'than get/list/watch (named when the entry grants nothing riskier). Reported at `rules[i]`, once per entry, for the narrowest target labelled. Bootstrap roles are not reported.',
  rationale:
    'The aggregation controller copies these rules into the built-in role, so every subject bound to `view`, `edit` or `admin` — in every namespace ' +
    'where it is bound — silently receives them. A CRD chart that aggregates secret access into `view` hands secrets to every read-only user. ' +
    'The reach is wide but the grant itself is what decides the damage, hence high.',
  remediation:
    'Remove the aggregate-to label and bind the ClusterRole explicitly to the subjects that need it, or drop the risky rule. `view` must stay ' +
    'read-only and free of Secrets.',
  references: {
    cis: ['5.1.3'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1098.006'],
    links: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles'],
  },
  targets: ['ClusterRole'],
  *check({ resource }): Iterable<Report> {
    if (!isUserRbacObject(resource)) return;
    const target = TARGETS.find(
      (t) => resource.labels[`rbac.authorization.k8s.io/aggregate-to-${t}`] === 'true',
    );
    if (target === undefined) return;
    // What Kubernetes' own role already grants is no widening (the engine's default policy alone).
    const builtin = defaultClusterRole(target)?.rules ?? [];
    for (const { rule, index } of policyRulesOf(resource.object)) {
      let what: string;
      if (coveredByWildcard(rule)) {
        what = 'every verb on every resource';
      } else {
        const parts: string[] = [];
        const hits = RISKY_GRANTS.flatMap((g) => grantHits(rule, g)).filter((h) => !grantedByAny(builtin, h));
        if (hits.length > 0) parts.push(describeHits(hits));
        // For view, any write breaks its read-only promise; named only when no risky grant says more.
        const writes =
          target === 'view' && hits.length === 0 ? rule.verbs.filter((v) => !READ_VERBS.has(v)) : [];
        if (writes.length > 0) {
          const on = rule.resources.length > 0 ? rule.resources.join(', ') : rule.nonResourceURLs.join(', ');
          parts.push(`non-read verbs ${writes.join(', ')} on ${on}`);
        }
        if (parts.length === 0) continue;
        what = parts.join('; ');
      }
      yield {
        message: `rules[${index}] adds ${what} to the built-in ClusterRole ${target} (label aggregate-to-${target}) and so to every subject bound to it`,
        path: ['rules', index],
      };
    }
  },
});
