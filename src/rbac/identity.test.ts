import { describe, expect, it } from 'vitest';
import { subjectText, userInfoOf } from './identity.js';

describe('identities and built-in groups', () => {
  it('a service account is its user name in the service-account groups and system:authenticated', () => {
    expect(userInfoOf({ kind: 'ServiceAccount', namespace: 'shop', name: 'web' })).toEqual({
      name: 'system:serviceaccount:shop:web',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'],
    });
  });
  it('a user keeps its groups and is authenticated; the anonymous user is unauthenticated', () => {
    expect(userInfoOf({ kind: 'User', name: 'alice', groups: ['dev'] })).toEqual({
      name: 'alice',
      groups: ['dev', 'system:authenticated'],
    });
    expect(userInfoOf({ kind: 'User', name: 'system:anonymous' })).toEqual({
      name: 'system:anonymous',
      groups: ['system:unauthenticated'],
    });
  });
  it('a group stands for its members and nothing else', () => {
    expect(userInfoOf({ kind: 'Group', name: 'dev' })).toEqual({ name: '', groups: ['dev'] });
  });
  it('writes subjects in the command-line form', () => {
    expect(
      [
        { kind: 'ServiceAccount', namespace: 'shop', name: 'web' } as const,
        { kind: 'User', name: 'alice' } as const,
        { kind: 'Group', name: 'dev' } as const,
      ].map(subjectText),
    ).toEqual(['sa:shop:web', 'user:alice', 'group:dev']);
  });
});
