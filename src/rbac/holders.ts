/**
 * Who holds what a role or a binding grants, for the catalog's risky-grant rules: the bindings of
 * the input that reference a role (the index's resolved roles: aggregation and default roles
 * included), and for each binding subject the workloads whose pods run with a mounted token as a
 * member of it. A ServiceAccount subject (or a User spelled `system:serviceaccount:<ns>:<name>`)
 * is that account; the groups every ServiceAccount token carries (`identity.ts`:
 * `system:serviceaccounts`, `system:serviceaccounts:<ns>`, `system:authenticated`) reach every
 * ServiceAccount they cover. Other users and groups reach no workload: their members are people
 * or components outside the input.
 */
import type { WorkloadSummary } from '../model/clusterModel.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import {
  ALL_SERVICE_ACCOUNTS_GROUP,
  AUTHENTICATED_GROUP,
  serviceAccountNamespaceGroup,
  subjectOfUserName,
} from './identity.js';
import type { RbacIndex, ResolvedBinding, ResolvedRole } from './rbacIndex.js';
import type { BindingSubject } from './subjects.js';

interface RoleUse<S> {
  readonly bindings: Map<ResolvedRole<S>, ResolvedBinding<S>[]>;
  /** ClusterRole name → the aggregated ClusterRoles that select it. */
  readonly aggregators: Map<string, ResolvedRole<S>[]>;
  /** {@link bindingsHolding} per role: every rule of a role asks again. */
  readonly holding: Map<ResolvedRole<S>, ResolvedBinding<S>[]>;
}

const uses = new WeakMap<object, RoleUse<unknown>>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function roleUse<S>(index: RbacIndex<S>): RoleUse<S> {
  let use = uses.get(index) as RoleUse<S> | undefined;
  if (use === undefined) {
    use = { bindings: new Map(), aggregators: new Map(), holding: new Map() };
    for (const binding of index.bindings)
      if (binding.role !== undefined) push(use.bindings, binding.role, binding);
    for (const role of index.clusterRoles.values()) {
      for (const name of role.aggregatedFrom ?? []) push(use.aggregators, name, role);
    }
    uses.set(index, use);
  }
  return use;
}

/**
 * The bindings (in visiting order) that grant a role's rules: those whose roleRef resolves to it,
 * and, for a ClusterRole, those of every aggregated ClusterRole that takes its rules in
 * (transitively: `view` → `edit` → `admin`).
 */
export function bindingsHolding<S>(
  index: RbacIndex<S>,
  role: ResolvedRole<S>,
): readonly ResolvedBinding<S>[] {
  const use = roleUse(index);
  const cached = use.holding.get(role);
  if (cached !== undefined) return cached;
  const seen = new Set<ResolvedRole<S>>([role]);
  const queue = [role];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (next.ref.kind !== 'ClusterRole') continue;
    for (const aggregator of use.aggregators.get(next.ref.name) ?? []) {
      if (!seen.has(aggregator)) {
        seen.add(aggregator);
        queue.push(aggregator);
      }
    }
  }
  const holding = [...seen].flatMap((r) => use.bindings.get(r) ?? []).sort((a, b) => a.order - b.order);
  use.holding.set(role, holding);
  return holding;
}

const reached = new WeakMap<ClusterModelIndex, Map<string, readonly WorkloadSummary[]>>();

/** The workloads whose pods carry a mounted token of a member of `subject`, in model order. */
export function workloadsReachedBy(
  model: ClusterModelIndex,
  subject: BindingSubject,
): readonly WorkloadSummary[] {
  let cache = reached.get(model);
  if (cache === undefined) reached.set(model, (cache = new Map<string, readonly WorkloadSummary[]>()));
  const key =
    subject.kind === 'ServiceAccount'
      ? `sa\n${subject.namespace}\n${subject.name}`
      : `${subject.kind}\n${subject.name}`;
  let list = cache.get(key);
  if (list === undefined) {
    // A PodTemplate carries a pod spec but starts no pod, so no token of it exists.
    list = candidates(model, subject).filter(
      (w) => w.ref.kind !== 'PodTemplate' && model.tokenMount(w).mounted,
    );
    cache.set(key, list);
  }
  return list;
}

function candidates(model: ClusterModelIndex, subject: BindingSubject): readonly WorkloadSummary[] {
  if (subject.kind === 'ServiceAccount') return model.workloadsRunningAs(subject.namespace, subject.name);
  if (subject.kind === 'User') {
    const sa = subjectOfUserName(subject.name);
    return sa.kind === 'ServiceAccount' ? model.workloadsRunningAs(sa.namespace, sa.name) : [];
  }
  if (subject.name === ALL_SERVICE_ACCOUNTS_GROUP || subject.name === AUTHENTICATED_GROUP)
    return model.model.workloads;
  const prefix = serviceAccountNamespaceGroup('');
  if (subject.name.startsWith(prefix) && subject.name.length > prefix.length) {
    return model.workloadsIn(subject.name.slice(prefix.length));
  }
  return [];
}
