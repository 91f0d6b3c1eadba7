/**
 * Which bindings in the input apply to a ServiceAccount, and what they grant — the part of
 * the authorizer's `VisitRulesFor` (kubernetes `pkg/registry/rbac/validation/rule.go`) that a
 * pod's identity needs:
 *  - every ClusterRoleBinding that covers the SA grants cluster-wide; every RoleBinding that
 *    covers it — in ANY namespace — grants in the RoleBinding's namespace only, also when it
 *    references a ClusterRole;
 *  - a subject covers the SA when it is the SA (kind ServiceAccount; in a RoleBinding a missing
 *    namespace means the binding's), the User `system:serviceaccount:<ns>:<name>`, or one of
 *    the groups every SA is in: `system:serviceaccounts`, `system:serviceaccounts:<ns>`,
 *    `system:authenticated` (RBAC doc, "Referring to subjects").
 * Subjects are indexed once per model, so a workload's lookup does not scan every binding.
 */
import type { KeptObject } from '../../model/clusterModel.js';
import type { ClusterModelIndex } from '../../model/modelIndex.js';
import {
  isRbacResource,
  roleRefOf,
  serviceAccountNamespace,
  subjectsOf,
  type RoleRef,
  type Subject,
} from './rbacObjects.js';
import { resolveRole, type ResolvedRole } from './roles.js';

export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

const SA_USER_PREFIX = 'system:serviceaccount:';

/** How a subject covers the SA: `{}` when it names the SA itself, `{via}` through a group or user name. */
export function subjectCoversServiceAccount(
  subject: Subject,
  bindingNamespace: string | undefined,
  sa: ServiceAccountRef,
): { readonly via?: string } | undefined {
  switch (subject.kind) {
    case 'ServiceAccount':
      return subject.name === sa.name && serviceAccountNamespace(subject, bindingNamespace) === sa.namespace
        ? {}
        : undefined;
    case 'User':
      return subject.name === `${SA_USER_PREFIX}${sa.namespace}:${sa.name}`
        ? { via: `User ${subject.name}` }
        : undefined;
    case 'Group':
      return groupsOf(sa).includes(subject.name) ? { via: `Group ${subject.name}` } : undefined;
    default:
      return undefined;
  }
}

/** The groups every ServiceAccount token authenticates with. */
function groupsOf(sa: ServiceAccountRef): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`, 'system:authenticated'];
}

export interface ServiceAccountBinding {
  readonly binding: KeptObject;
  readonly subject: Subject;
  /** Set when the SA is covered through a group or its user name rather than named. */
  readonly via?: string;
  readonly roleRef: RoleRef;
  /** The role and its rules; undefined when the role is neither in the input nor built in. */
  readonly role?: ResolvedRole;
  /** The namespace the grant is limited to (RoleBinding); undefined for a ClusterRoleBinding. */
  readonly namespace?: string;
}

interface Entry {
  /** ClusterRoleBindings first, then RoleBindings, each in input order. */
  readonly order: number;
  readonly binding: KeptObject;
  readonly subject: Subject;
  readonly roleRef: RoleRef;
  readonly namespace?: string;
}

interface SubjectIndex {
  /** `ns\0name` of a ServiceAccount subject or `system:serviceaccount:ns:name` User subject. */
  readonly byServiceAccount: Map<string, Entry[]>;
  readonly byGroup: Map<string, Entry[]>;
  readonly resolved: Map<string, readonly ServiceAccountBinding[]>;
}

const indexes = new WeakMap<ClusterModelIndex, SubjectIndex>();

function saKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

function push(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function subjectIndex(model: ClusterModelIndex): SubjectIndex {
  const known = indexes.get(model);
  if (known !== undefined) return known;
  const index: SubjectIndex = { byServiceAccount: new Map(), byGroup: new Map(), resolved: new Map() };
  let order = 0;
  for (const binding of [...model.clusterRoleBindings(), ...model.roleBindings()]) {
    if (!isRbacResource(binding)) continue;
    const roleRef = roleRefOf(binding);
    if (roleRef === undefined) continue;
    const namespace = binding.ref.kind === 'RoleBinding' ? model.namespaceOf(binding.ref) : undefined;
    order++;
    for (const subject of subjectsOf(binding)) {
      const entry: Entry = {
        order,
        binding,
        subject,
        roleRef,
        ...(namespace !== undefined ? { namespace } : {}),
      };
      if (subject.kind === 'ServiceAccount') {
        const ns = serviceAccountNamespace(subject, namespace);
        if (ns !== undefined) push(index.byServiceAccount, saKey(ns, subject.name), entry);
      } else if (subject.kind === 'User' && subject.name.startsWith(SA_USER_PREFIX)) {
        const [ns, name, ...rest] = subject.name.slice(SA_USER_PREFIX.length).split(':');
        if (ns && name && rest.length === 0) push(index.byServiceAccount, saKey(ns, name), entry);
      } else if (subject.kind === 'Group') {
        push(index.byGroup, subject.name, entry);
      }
    }
  }
  indexes.set(model, index);
  return index;
}

/**
 * Every binding in the input that applies to the ServiceAccount, ClusterRoleBindings first, each
 * once (through its first subject that covers the SA).
 */
export function bindingsOfServiceAccount(
  model: ClusterModelIndex,
  sa: ServiceAccountRef,
): readonly ServiceAccountBinding[] {
  const index = subjectIndex(model);
  const key = saKey(sa.namespace, sa.name);
  const known = index.resolved.get(key);
  if (known !== undefined) return known;
  const candidates = [
    ...(index.byServiceAccount.get(key) ?? []),
    ...groupsOf(sa).flatMap((g) => index.byGroup.get(g) ?? []),
  ].sort((a, b) => a.order - b.order || a.subject.index - b.subject.index);
  const out: ServiceAccountBinding[] = [];
  let last = -1;
  for (const c of candidates) {
    if (c.order === last) continue;
    const covers = subjectCoversServiceAccount(c.subject, c.namespace, sa);
    if (covers === undefined) continue;
    last = c.order;
    const role = resolveRole(c.roleRef, c.namespace, model);
    out.push({
      binding: c.binding,
      subject: c.subject,
      ...(covers.via !== undefined ? { via: covers.via } : {}),
      roleRef: c.roleRef,
      ...(role !== undefined ? { role } : {}),
      ...(c.namespace !== undefined ? { namespace: c.namespace } : {}),
    });
  }
  index.resolved.set(key, out);
  return out;
}

/** `ClusterRoleBinding web-admin`, `RoleBinding shop/web`. */
export function describeBinding(b: ServiceAccountBinding): string {
  return b.namespace === undefined
    ? `ClusterRoleBinding ${b.binding.ref.name}`
    : `RoleBinding ${b.namespace}/${b.binding.ref.name}`;
}
