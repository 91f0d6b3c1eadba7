/**
 * Evidence text: the object, the field that enables the technique, and where the object was
 * read (`file:line` of its document). RBAC evidence names the binding, the role and the rule.
 */
import { formatFieldPath, type FieldPath } from '../k8s/fieldPath.js';
import type { SourceRef } from '../k8s/resource.js';
import type { Grant } from '../rbac/authorizer.js';
import { subjectText } from '../rbac/identity.js';
import type { ObjectRef } from '../rbac/types.js';
import type { WorkloadSummary } from '../model/clusterModel.js';
import { assetText, type Asset } from './types.js';

export function whereText(source: SourceRef | undefined): string {
  return source === undefined ? '' : ` (${source.file}:${source.line})`;
}

export function workloadAsset(w: Pick<WorkloadSummary, 'ref' | 'namespace'>): Asset {
  return { kind: w.ref.kind, namespace: w.namespace, name: w.ref.name };
}

/** `shop/Deployment/web spec.template.spec.hostPID (web.yaml:3)`. */
export function fieldEvidence(w: WorkloadSummary, path: FieldPath): string {
  return `${assetText(workloadAsset(w))} ${formatFieldPath(path)}${whereText(w.source)}`;
}

export function objectText<S extends SourceRef>(ref: ObjectRef<S>): string {
  const name = ref.namespace === '' ? ref.name : `${ref.namespace}/${ref.name}`;
  return `${ref.kind} ${name}`;
}

/** `RoleBinding shop/admin (rbac.yaml:14) → Role shop/admin rule #0, via group system:serviceaccounts`. */
export function grantEvidence(grant: Grant<SourceRef>): string {
  const where = grant.binding.isDefault === true ? ' (default policy)' : whereText(grant.binding.source);
  const via = grant.via.kind === 'ServiceAccount' ? '' : `, via ${subjectText(grant.via)}`;
  return `${objectText(grant.binding)}${where} → ${objectText(grant.role)} rule #${grant.ruleIndex}${via}`;
}

export function grantFix(grant: Grant<SourceRef>, what: string): string {
  return `remove ${objectText(grant.binding)} or drop ${what} from rule #${grant.ruleIndex} of ${objectText(grant.role)}`;
}
