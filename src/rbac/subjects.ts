/**
 * Binding subjects and roleRefs, checked as the API server validates them
 * (`pkg/apis/rbac/validation/validation.go` ValidateRoleBindingSubject, ValidateRoleBinding):
 *  - kinds are `User`, `Group` (API group `rbac.authorization.k8s.io`, which v1 defaults when
 *    empty) and `ServiceAccount` (API group `""`); every subject needs a name;
 *  - a ServiceAccount subject of a RoleBinding without `namespace` means the binding's namespace
 *    (`pkg/registry/rbac/validation/rule.go` appliesToUser: "default the namespace to namespace
 *    we're working in"); in a ClusterRoleBinding the namespace is required;
 *  - a RoleBinding may reference a Role (of its own namespace) or a ClusterRole, a
 *    ClusterRoleBinding only a ClusterRole.
 * A bad subject is reported and skipped, as the authorizer skips kinds it does not know; the
 * binding's other subjects still apply.
 */
import type { RbacV1Subject, V1RoleRef } from '@kubernetes/client-node';
import type { BindingKind, ObjectRef, RbacError, RoleKind, SubjectRef } from './types.js';

export const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

/** A valid binding subject, the ServiceAccount namespace already defaulted. */
export type BindingSubject =
  | { readonly kind: 'User' | 'Group'; readonly name: string }
  | { readonly kind: 'ServiceAccount'; readonly namespace: string; readonly name: string };

export function subjectRefOf(subject: BindingSubject): SubjectRef {
  return subject.kind === 'ServiceAccount'
    ? { kind: 'ServiceAccount', namespace: subject.namespace, name: subject.name }
    : { kind: subject.kind, name: subject.name };
}

export interface CheckedSubjects<S> {
  readonly subjects: readonly BindingSubject[];
  readonly errors: readonly RbacError<S>[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `raw` is the binding's `subjects` as decoded (typed as RbacV1Subject[], but input may be malformed). */
export function checkSubjects<S>(binding: ObjectRef<S>, raw: unknown): CheckedSubjects<S> {
  const subjects: BindingSubject[] = [];
  const errors: RbacError<S>[] = [];
  const list: readonly unknown[] = Array.isArray(raw) ? raw : [];
  list.forEach((entry, i) => {
    const s: Partial<Record<keyof RbacV1Subject, unknown>> =
      typeof entry === 'object' && entry !== null ? entry : {};
    const kind = str(s.kind);
    const name = str(s.name);
    const apiGroup = str(s.apiGroup);
    const fail = (field: string, message: string): void => {
      errors.push({ object: binding, path: `subjects[${i}]${field}`, message });
    };
    if (name === '') return fail('.name', `subject of kind "${kind}" has no name`);
    switch (kind) {
      case 'User':
      case 'Group':
        if (apiGroup !== '' && apiGroup !== RBAC_API_GROUP) {
          return fail('.apiGroup', `${kind} subjects need apiGroup ${RBAC_API_GROUP}, not "${apiGroup}"`);
        }
        subjects.push({ kind, name });
        return;
      case 'ServiceAccount': {
        if (apiGroup !== '')
          return fail('.apiGroup', `ServiceAccount subjects need apiGroup "", not "${apiGroup}"`);
        const namespace = str(s.namespace) || binding.namespace;
        if (namespace === '') {
          return fail('.namespace', `ServiceAccount "${name}" needs a namespace in a ClusterRoleBinding`);
        }
        subjects.push({ kind, namespace, name });
        return;
      }
      default:
        return fail('.kind', `unsupported subject kind "${kind}" (use User, Group or ServiceAccount)`);
    }
  });
  return { subjects, errors };
}

export interface CheckedRoleRef {
  readonly kind: RoleKind;
  readonly name: string;
}

/** The roleRef when it is valid for this kind of binding, otherwise the reason it is not. */
export function checkRoleRef(
  bindingKind: BindingKind,
  raw: unknown,
): CheckedRoleRef | { readonly path: string; readonly message: string } {
  const ref: Partial<Record<keyof V1RoleRef, unknown>> = typeof raw === 'object' && raw !== null ? raw : {};
  const kind = str(ref.kind);
  const name = str(ref.name);
  const apiGroup = str(ref.apiGroup);
  const allowed: readonly RoleKind[] =
    bindingKind === 'RoleBinding' ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!(allowed as readonly string[]).includes(kind)) {
    return {
      path: 'roleRef.kind',
      message: `a ${bindingKind} cannot reference kind "${kind}" (use ${allowed.join(' or ')})`,
    };
  }
  if (apiGroup !== '' && apiGroup !== RBAC_API_GROUP) {
    return {
      path: 'roleRef.apiGroup',
      message: `roleRef.apiGroup must be ${RBAC_API_GROUP}, not "${apiGroup}"`,
    };
  }
  if (name === '') return { path: 'roleRef.name', message: 'roleRef has no name' };
  return { kind: kind as RoleKind, name };
}
