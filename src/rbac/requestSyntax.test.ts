import { describe, expect, it } from 'vitest';
import { apiResources } from './builtinResources.js';
import { looksLikeVerb, parseResource, parseSubject } from './requestSyntax.js';

describe('parseSubject', () => {
  it.each([
    ['sa:shop:web', { kind: 'ServiceAccount', namespace: 'shop', name: 'web' }],
    ['user:alice', { kind: 'User', name: 'alice' }],
    ['user:system:kube-proxy', { kind: 'User', name: 'system:kube-proxy' }],
    ['group:system:serviceaccounts:shop', { kind: 'Group', name: 'system:serviceaccounts:shop' }],
  ])('%s', (text, subject) => {
    expect(parseSubject(text)).toEqual(subject);
  });

  it.each([
    'alice',
    'sa:shop',
    'sa::web',
    'sa:shop:',
    'sa:shop:web:x',
    'user:',
    'group:',
    'ServiceAccount:shop:web',
  ])('%s is not a subject, and the error names the accepted forms', (text) => {
    expect(parseSubject(text)).toEqual({
      error: `"${text}" is not a subject: use sa:<namespace>:<name>, user:<name> or group:<name>`,
    });
  });
});

describe('parseResource', () => {
  const known = apiResources('1.34', [
    { group: 'stable.example.com', resource: 'crontabs', scope: 'Namespaced' },
  ]);
  it.each([
    ['pods', { apiGroup: '', resource: 'pods', subresource: '' }],
    ['pods/exec', { apiGroup: '', resource: 'pods', subresource: 'exec' }],
    ['deployments', { apiGroup: 'apps', resource: 'deployments', subresource: '' }],
    ['deployments.apps/scale', { apiGroup: 'apps', resource: 'deployments', subresource: 'scale' }],
    ['cronjobs', { apiGroup: 'batch', resource: 'cronjobs', subresource: '' }],
    // events is served by the core group and events.k8s.io: kubectl prefers the core group
    ['events', { apiGroup: '', resource: 'events', subresource: '' }],
    ['events.events.k8s.io', { apiGroup: 'events.k8s.io', resource: 'events', subresource: '' }],
    ['crontabs', { apiGroup: 'stable.example.com', resource: 'crontabs', subresource: '' }],
    ['widgets', { apiGroup: '', resource: 'widgets', subresource: '' }],
    ['*', { apiGroup: '', resource: '*', subresource: '' }],
    ['/metrics', { path: '/metrics' }],
  ])('%s', (text, spec) => {
    expect(parseResource(text, known)).toEqual(spec);
  });

  it.each(['Pods', 'pods/', 'pods.', 'pods/exec/x', 'po ds'])('%s is refused', (text) => {
    expect(parseResource(text, known)).toHaveProperty('error');
  });
});

describe('looksLikeVerb', () => {
  it.each([
    ['get', true],
    ['deletecollection', true],
    ['*', true],
    ['./get', false],
    ['examples/insecure-shop', false],
    ['rbac.yaml', false],
    ['-', false],
  ])('%s → %s', (text, verb) => {
    expect(looksLikeVerb(text)).toBe(verb);
  });
});
