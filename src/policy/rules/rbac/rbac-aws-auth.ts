import type { Resource } from '../../../k8s/resource.js';
import type { ClusterModelIndex } from '../../../model/modelIndex.js';
import { defineRule, type Report } from '../../types.js';
import { policyRulesOf } from '../../../rbac/rbacObjects.js';
import {
  awsAuthWriteHits,
  coveredByWildcard,
  describeHits,
  wildcardNote,
  type GrantHit,
} from '../../../rbac/riskyGrants.js';
import type { PolicyRule } from '../../../rbac/types.js';
import { isUserRbacObject } from '../../../rbac/userObjects.js';
import { heldByRole, resourceEntryPath, ROLE_KINDS } from './riskyGrantRule.js';

/** {@link awsAuthWriteHits} for a Role/ClusterRole of the input. */
export function awsAuthHits(rule: PolicyRule, resource: Resource, model: ClusterModelIndex): GrantHit[] {
  return awsAuthWriteHits(
    rule,
    resource.ref.kind === 'Role' && model.namespaceOf(resource.ref) === 'kube-system',
  );
}

export const rbacAwsAuth = defineRule({
  id: 'rbac-aws-auth',
  title: 'Role can rewrite the EKS aws-auth ConfigMap',
  category: 'rbac',
  severity: 'critical',
  description:
    'A Role in `kube-system` whose `rules[i]` grants `create`, `update` or `patch` on `configmaps` (core) without `resourceNames`, or any ' +
    'Role/ClusterRole whose `rules[i]` grants them with `resourceNames` containing `aws-auth`, directly or through `*`. Reported at the matching ' +
    '`rules[i].resources[j]`; `rbac-configmap-write` does not report the same entry again. Not reported: bootstrap roles and `*`-on-`*` entries (`rbac-wildcard`).',
  rationale:
    'On EKS clusters that still use the aws-auth ConfigMap, it maps AWS IAM roles and users to Kubernetes users and groups. Whoever can write it ' +
    'maps an IAM identity they control to `system:masters` and becomes cluster-admin, persistently and outside Kubernetes RBAC — hence critical.',
  remediation:
    'Remove configmap write access in kube-system from everything but the cluster bootstrap automation; migrate to EKS access entries ' +
    '(authenticationMode API) and delete aws-auth.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1098.006', 'T1078.004'],
    links: ['https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html'],
  },
  targets: [...ROLE_KINDS],
  needsModel: true,
  *check(ctx): Iterable<Report> {
    const { resource, model } = ctx;
    if (!isUserRbacObject(resource)) return;
    for (const { rule, index } of policyRulesOf(resource.object)) {
      if (coveredByWildcard(rule)) continue;
      const hits = awsAuthHits(rule, resource, model);
      if (hits.length === 0) continue;
      const where = rule.resourceNames.length === 0 ? ' in kube-system' : '';
      yield {
        message:
          `rules[${index}] grants ${describeHits(hits)}${where}${wildcardNote(hits)}: ` +
          `aws-auth maps AWS IAM identities to Kubernetes groups such as system:masters${heldByRole(ctx, hits)}`,
        path: resourceEntryPath(resource, index, hits[0]!.match.resource),
      };
    }
  },
});
