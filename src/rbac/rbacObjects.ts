/**
 * The RBAC objects as the API defines them (rbac.authorization.k8s.io/v1): which resources
 * are RBAC objects, the subjects and roleRef of a binding, and how to name them in messages.
 * Subject semantics follow `pkg/apis/rbac/validation/validation.go` and
 * `pkg/registry/rbac/validation/rule.go` (`appliesToUser`).
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import type { KeptObject } from '../model/clusterModel.js';
import { asArray, asRecord, asString, type JsonRecord } from '../k8s/shape.js';
import { policyRuleOf } from './ruleMatch.js';
import type { ObjectRef, PolicyRule } from './types.js';

export const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

/** True when the resource is served by the RBAC API (a CRD may also call its kind `Role`). */
const RBAC_API_PREFIX = `${RBAC_API_GROUP}/`;

export function isRbacResource(resource: Pick<KeptObject, 'ref'>): boolean {
  return resource.ref.apiVersion.startsWith(RBAC_API_PREFIX);
}

export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;

export interface Subject {
  readonly kind: string;
  readonly name: string;
  /** As written; for a ServiceAccount in a RoleBinding an empty namespace means the binding's. */
  readonly namespace?: string;
  readonly index: number;
  readonly path: FieldPath;
}

/** `subjects[]` of a binding; entries that are not maps or have no kind/name are skipped. */
export function subjectsOf(binding: Pick<KeptObject, 'object'>): Subject[] {
  const out: Subject[] = [];
  asArray(binding.object.subjects).forEach((raw, index) => {
    const s = asRecord(raw);
    const kind = asString(s?.kind);
    const name = asString(s?.name);
    if (kind === undefined || name === undefined) return;
    const namespace = asString(s?.namespace);
    out.push({
      kind,
      name,
      ...(namespace !== undefined && namespace !== '' ? { namespace } : {}),
      index,
      path: ['subjects', index],
    });
  });
  return out;
}

/**
 * The namespace of a ServiceAccount subject: its own, else (in a RoleBinding only) the
 * binding's — upstream defaults it there; a ClusterRoleBinding requires it.
 */
export function serviceAccountNamespace(
  subject: Subject,
  bindingNamespace: string | undefined,
): string | undefined {
  return subject.namespace ?? bindingNamespace;
}

/** `ServiceAccount shop/web`, `User alice`, `Group system:masters`. */
export function describeSubject(subject: Subject, bindingNamespace: string | undefined): string {
  if (subject.kind === 'ServiceAccount') {
    return `ServiceAccount ${serviceAccountNamespace(subject, bindingNamespace) ?? '<no namespace>'}/${subject.name}`;
  }
  return `${subject.kind} ${subject.name}`;
}

export interface RoleRef {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
}

/**
 * The role a binding references; undefined when it is malformed, or a ClusterRoleBinding that
 * names a Role (the API server rejects both, so they grant nothing).
 */
export function roleRefOf(binding: Pick<KeptObject, 'ref' | 'object'>): RoleRef | undefined {
  const ref = asRecord(binding.object.roleRef);
  const kind = asString(ref?.kind);
  const name = asString(ref?.name);
  if (name === undefined || name === '') return undefined;
  if (kind === 'ClusterRole') return { kind, name };
  if (kind === 'Role' && binding.ref.kind === 'RoleBinding') return { kind, name };
  return undefined;
}

/** `ClusterRole edit`, `Role shop/reader`. */
export function describeRoleRef(ref: RoleRef, bindingNamespace: string | undefined): string {
  return ref.kind === 'Role'
    ? `Role ${bindingNamespace ?? 'default'}/${ref.name}`
    : `ClusterRole ${ref.name}`;
}

/** `ClusterRoleBinding web-admin`, `RoleBinding shop/web`, `ClusterRole edit`. */
export function describeObject(ref: Pick<ObjectRef<unknown>, 'kind' | 'namespace' | 'name'>): string {
  return ref.namespace === '' ? `${ref.kind} ${ref.name}` : `${ref.kind} ${ref.namespace}/${ref.name}`;
}

export interface IndexedPolicyRule {
  readonly rule: PolicyRule;
  readonly index: number;
}

/** Narrowed once per role object: a dozen rules read the same role's `rules[]`. */
const rulesByRole = new WeakMap<JsonRecord, readonly IndexedPolicyRule[]>();

/**
 * The `rules[]` of a Role or ClusterRole object as written, with their indexes (for findings
 * that point at `rules[i]`); entries that are not maps are skipped, lists of the wrong type read
 * as empty (`policyRuleOf`).
 */
export function policyRulesOf(role: JsonRecord): readonly IndexedPolicyRule[] {
  const cached = rulesByRole.get(role);
  if (cached !== undefined) return cached;
  const out: IndexedPolicyRule[] = [];
  asArray(role.rules).forEach((entry, index) => {
    const record = asRecord(entry);
    if (record !== undefined) out.push({ rule: policyRuleOf(record), index });
  });
  rulesByRole.set(role, out);
  return out;
}
