/**
 * Identities as the API server's authenticators produce them, and the built-in groups the RBAC
 * doc ("Referring to subjects", "Default roles and role bindings") names:
 *  - a service account authenticates as user `system:serviceaccount:<ns>:<name>` in the groups
 *    `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated`;
 *  - every authenticated user is in `system:authenticated`; the anonymous user
 *    `system:anonymous` is in `system:unauthenticated` instead;
 *  - members of `system:masters` are allowed everything before RBAC is asked (the kube-apiserver
 *    puts a privileged-group authorizer first in its chain, `pkg/kubeapiserver/authorizer`), so
 *    no binding can take their rights away.
 */
import type { SubjectRef, UserInfo } from './types.js';

export const SERVICE_ACCOUNT_USER_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';
export const AUTHENTICATED_GROUP = 'system:authenticated';
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';
export const SUPERUSER_GROUP = 'system:masters';

/** `system:serviceaccount:<ns>:<name>`, the user name a service account's token authenticates as. */
export function serviceAccountUserName(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USER_PREFIX}${namespace}:${name}`;
}

/** The subject a user name stands for: `system:serviceaccount:<ns>:<name>` is that service account. */
export function subjectOfUserName(name: string): SubjectRef {
  if (name.startsWith(SERVICE_ACCOUNT_USER_PREFIX)) {
    const rest = name.slice(SERVICE_ACCOUNT_USER_PREFIX.length);
    const colon = rest.indexOf(':');
    if (colon > 0 && colon < rest.length - 1) {
      return { kind: 'ServiceAccount', namespace: rest.slice(0, colon), name: rest.slice(colon + 1) };
    }
  }
  return { kind: 'User', name };
}

export function serviceAccountNamespaceGroup(namespace: string): string {
  return `${ALL_SERVICE_ACCOUNTS_GROUP}:${namespace}`;
}

/**
 * The request identity of a subject. A Group stands for "a member of this group and nothing
 * else": no user name and no implied groups, so its permissions are what bindings to the group give.
 */
export function userInfoOf(subject: SubjectRef): UserInfo {
  switch (subject.kind) {
    case 'ServiceAccount':
      return {
        name: serviceAccountUserName(subject.namespace, subject.name),
        groups: [
          ALL_SERVICE_ACCOUNTS_GROUP,
          serviceAccountNamespaceGroup(subject.namespace),
          AUTHENTICATED_GROUP,
        ],
      };
    case 'User': {
      const implied = subject.name === ANONYMOUS_USER ? UNAUTHENTICATED_GROUP : AUTHENTICATED_GROUP;
      const groups = [...(subject.groups ?? [])];
      if (!groups.includes(implied)) groups.push(implied);
      return { name: subject.name, groups };
    }
    case 'Group':
      return { name: '', groups: [subject.name] };
  }
}

export function isSuperuser(user: UserInfo): boolean {
  return user.groups.includes(SUPERUSER_GROUP);
}

/** Human form of a subject: `sa:<ns>:<name>`, `user:<name>`, `group:<name>`. */
export function subjectText(subject: SubjectRef): string {
  switch (subject.kind) {
    case 'ServiceAccount':
      return `sa:${subject.namespace}:${subject.name}`;
    case 'User':
      return `user:${subject.name}`;
    case 'Group':
      return `group:${subject.name}`;
  }
}
