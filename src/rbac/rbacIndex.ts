/**
 * The RBAC state of one cluster, resolved and indexed once: roles by name (defaults merged in,
 * aggregation computed), bindings checked, and bindings by the user name and group each subject
 * matches, so that a question about one identity touches only the bindings that name it.
 *
 * Subjects are indexed by what the authorizer compares (`rule.go` appliesToUser): a User subject
 * by its name, a ServiceAccount subject by the user name `system:serviceaccount:<ns>:<name>` its
 * tokens authenticate as (so a User subject spelled that way covers the service account too),
 * a Group subject by the group name.
 */
import type { V1ClusterRole, V1ObjectMeta, V1Role } from '@kubernetes/client-node';
import { asStringMap } from '../k8s/shape.js';
import { aggregateClusterRoles } from './aggregation.js';
import { DEFAULT_KUBERNETES_VERSION, scopeResolver, type ScopeResolver } from './clusterScope.js';
import { defaultClusterRoleBindings, defaultClusterRoles } from './defaultRoles.js';
import { serviceAccountUserName } from './identity.js';
import { policyRuleOf } from './ruleMatch.js';
import { checkRoleRef, checkSubjects, type BindingSubject } from './subjects.js';
import type { BindingKind, ObjectRef, PolicyRule, RbacError, RbacInput, RoleKind, Sourced } from './types.js';

export interface RbacOptions {
  /** Kubernetes version (`1.30`) whose cluster-scoped resources apply; default {@link DEFAULT_KUBERNETES_VERSION}. */
  readonly kubernetesVersion?: string;
  /** Add the default roles and bindings of a real cluster (input objects of the same name win); default true. */
  readonly defaults?: boolean;
  /** Namespace of namespaced objects that carry none (kubectl applies them to `default`). */
  readonly defaultNamespace?: string;
}

export interface ResolvedRole<S> {
  readonly ref: ObjectRef<S>;
  /** The rules that grant: for an aggregated ClusterRole the aggregated ones, not its written `rules`. */
  readonly rules: readonly PolicyRule[];
  readonly aggregated: boolean;
  /** For an aggregated ClusterRole, the ClusterRoles its selectors match (where its rules come from). */
  readonly aggregatedFrom?: readonly string[];
}

export interface ResolvedBinding<S> {
  readonly ref: ObjectRef<S>;
  /** The roleRef as written (empty strings where missing). */
  readonly roleRef: { readonly kind: string; readonly name: string };
  /** The referenced role; undefined when the roleRef is invalid or names a role that does not exist. */
  readonly role: ResolvedRole<S> | undefined;
  readonly subjects: readonly BindingSubject[];
  /** Set when the roleRef is valid but its role does not exist. */
  readonly dangling?: DanglingRoleRef<S>;
  /** Position in the authorizer's visiting order: ClusterRoleBindings first, then RoleBindings. */
  readonly order: number;
}

/** A binding whose role does not exist: it grants nothing now and everything once the role is created. */
export interface DanglingRoleRef<S> {
  readonly binding: ObjectRef<S>;
  readonly roleRef: { readonly kind: RoleKind; readonly name: string };
}

/** One subject of one binding, as found through the subject index. */
export interface SubjectHit<S> {
  readonly binding: ResolvedBinding<S>;
  readonly subject: BindingSubject;
}

export interface RbacIndex<S> {
  readonly kubernetesVersion: string;
  readonly scope: ScopeResolver;
  /** Roles by `<namespace>/<name>`. */
  readonly roles: ReadonlyMap<string, ResolvedRole<S>>;
  readonly clusterRoles: ReadonlyMap<string, ResolvedRole<S>>;
  /** Every binding, in visiting order. */
  readonly bindings: readonly ResolvedBinding<S>[];
  readonly clusterRoleBindings: readonly ResolvedBinding<S>[];
  readonly roleBindingsByNamespace: ReadonlyMap<string, readonly ResolvedBinding<S>[]>;
  readonly subjectsByUser: ReadonlyMap<string, readonly SubjectHit<S>[]>;
  readonly subjectsByGroup: ReadonlyMap<string, readonly SubjectHit<S>[]>;
  readonly dangling: readonly DanglingRoleRef<S>[];
  readonly errors: readonly RbacError<S>[];
}

const metaOf = (obj: { metadata?: V1ObjectMeta }): Partial<Record<keyof V1ObjectMeta, unknown>> =>
  typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {};
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function objectRef<S>(
  kind: ObjectRef<S>['kind'],
  obj: Sourced<{ metadata?: V1ObjectMeta }, S>,
  namespace: string,
  isDefault: boolean,
): ObjectRef<S> {
  const ref: { -readonly [K in keyof ObjectRef<S>]: ObjectRef<S>[K] } = {
    kind,
    namespace,
    name: text(metaOf(obj).name),
  };
  if (isDefault) ref.isDefault = true;
  if (obj.source !== undefined) ref.source = obj.source;
  return ref;
}

const rulesOf = (obj: V1Role | V1ClusterRole): PolicyRule[] =>
  Array.isArray(obj.rules) ? obj.rules.map((r) => policyRuleOf(r)) : [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function resolveClusterRoles<S>(
  input: readonly Sourced<V1ClusterRole, S>[],
  withDefaults: boolean,
  errors: RbacError<S>[],
): Map<string, ResolvedRole<S>> {
  const entries: { obj: Sourced<V1ClusterRole, S>; isDefault: boolean }[] = input.map((obj) => ({
    obj,
    isDefault: false,
  }));
  if (withDefaults) {
    const named = new Set(input.map((o) => text(metaOf(o).name)));
    for (const obj of defaultClusterRoles()) {
      if (!named.has(text(metaOf(obj).name))) entries.push({ obj, isDefault: true });
    }
  }
  const refs = new Map<string, { ref: ObjectRef<S>; obj: V1ClusterRole }>();
  for (const { obj, isDefault } of entries) {
    const ref = objectRef<S>('ClusterRole', obj, '', isDefault);
    if (ref.name === '') {
      errors.push({ object: ref, path: 'metadata.name', message: 'ClusterRole has no name' });
      continue;
    }
    refs.set(ref.name, { ref, obj });
  }
  const aggregation = aggregateClusterRoles(
    [...refs.values()].map(({ ref, obj }) => {
      const agg: unknown = obj.aggregationRule;
      const selectors =
        typeof agg === 'object' && agg !== null
          ? ((agg as { clusterRoleSelectors?: unknown }).clusterRoleSelectors ?? [])
          : undefined;
      return {
        name: ref.name,
        labels: asStringMap(metaOf(obj).labels),
        selectors: selectors === undefined ? undefined : Array.isArray(selectors) ? selectors : [selectors],
        rules: rulesOf(obj),
      };
    }),
  );
  for (const p of aggregation.problems) {
    errors.push({ object: refs.get(p.name)!.ref, path: p.path, message: p.message });
  }
  const out = new Map<string, ResolvedRole<S>>();
  for (const [name, { ref, obj }] of refs) {
    const aggregated = typeof obj.aggregationRule === 'object' && obj.aggregationRule !== null;
    const from = aggregation.selected.get(name);
    out.set(name, {
      ref,
      rules: aggregation.rules.get(name) ?? [],
      aggregated,
      ...(aggregated && from !== undefined ? { aggregatedFrom: from } : {}),
    });
  }
  return out;
}

/** Resolves and indexes the input. Never throws on bad input: problems are in `errors`. */
export function buildRbacIndex<S = unknown>(input: RbacInput<S>, options: RbacOptions = {}): RbacIndex<S> {
  const version = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const withDefaults = options.defaults ?? true;
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const errors: RbacError<S>[] = [];
  const namespaceOf = (obj: { metadata?: V1ObjectMeta }): string =>
    text(metaOf(obj).namespace) || defaultNamespace;

  const clusterRoles = resolveClusterRoles(input.clusterRoles, withDefaults, errors);
  const roles = new Map<string, ResolvedRole<S>>();
  for (const obj of input.roles) {
    const ref = objectRef<S>('Role', obj, namespaceOf(obj), false);
    if (ref.name === '') errors.push({ object: ref, path: 'metadata.name', message: 'Role has no name' });
    else roles.set(`${ref.namespace}/${ref.name}`, { ref, rules: rulesOf(obj), aggregated: false });
  }

  const bindings: ResolvedBinding<S>[] = [];
  const dangling: DanglingRoleRef<S>[] = [];
  const addBinding = (
    kind: BindingKind,
    obj: Sourced<{ metadata?: V1ObjectMeta; roleRef?: unknown; subjects?: unknown }, S>,
    isDefault: boolean,
  ): void => {
    const ref = objectRef<S>(kind, obj, kind === 'RoleBinding' ? namespaceOf(obj) : '', isDefault);
    const rawRef: Partial<Record<'kind' | 'name', unknown>> =
      typeof obj.roleRef === 'object' && obj.roleRef !== null ? obj.roleRef : {};
    const checkedSubjects = checkSubjects(ref, obj.subjects);
    errors.push(...checkedSubjects.errors);
    const roleRef = checkRoleRef(kind, obj.roleRef);
    let role: ResolvedRole<S> | undefined;
    let missing: DanglingRoleRef<S> | undefined;
    if ('message' in roleRef) {
      errors.push({ object: ref, path: roleRef.path, message: roleRef.message });
    } else {
      role =
        roleRef.kind === 'Role'
          ? roles.get(`${ref.namespace}/${roleRef.name}`)
          : clusterRoles.get(roleRef.name);
      if (role === undefined) {
        missing = { binding: ref, roleRef };
        dangling.push(missing);
      }
    }
    bindings.push({
      ...(missing === undefined ? {} : { dangling: missing }),
      ref,
      roleRef: { kind: text(rawRef.kind), name: text(rawRef.name) },
      role,
      subjects: checkedSubjects.subjects,
      order: bindings.length,
    });
  };
  for (const obj of input.clusterRoleBindings) addBinding('ClusterRoleBinding', obj, false);
  if (withDefaults) {
    const named = new Set(input.clusterRoleBindings.map((o) => text(metaOf(o).name)));
    for (const obj of defaultClusterRoleBindings()) {
      if (!named.has(text(metaOf(obj).name))) addBinding('ClusterRoleBinding', obj, true);
    }
  }
  for (const obj of input.roleBindings) addBinding('RoleBinding', obj, false);

  const clusterRoleBindings: ResolvedBinding<S>[] = [];
  const roleBindingsByNamespace = new Map<string, ResolvedBinding<S>[]>();
  const subjectsByUser = new Map<string, SubjectHit<S>[]>();
  const subjectsByGroup = new Map<string, SubjectHit<S>[]>();
  for (const binding of bindings) {
    if (binding.ref.kind === 'ClusterRoleBinding') clusterRoleBindings.push(binding);
    else push(roleBindingsByNamespace, binding.ref.namespace, binding);
    for (const subject of binding.subjects) {
      const hit = { binding, subject };
      if (subject.kind === 'ServiceAccount') {
        push(subjectsByUser, serviceAccountUserName(subject.namespace, subject.name), hit);
      } else if (subject.kind === 'Group') push(subjectsByGroup, subject.name, hit);
      else push(subjectsByUser, subject.name, hit);
    }
  }
  return {
    kubernetesVersion: version,
    scope: scopeResolver(version, input.customResources),
    roles,
    clusterRoles,
    bindings,
    clusterRoleBindings,
    roleBindingsByNamespace,
    subjectsByUser,
    subjectsByGroup,
    dangling,
    errors,
  };
}
