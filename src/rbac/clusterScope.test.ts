import { describe, expect, it } from 'vitest';
import { minorVersionOf, requestNamespace, scopeResolver } from './clusterScope.js';

describe('cluster-scoped resources', () => {
  it.each([
    ['', 'nodes', true],
    ['', 'persistentvolumes', true],
    ['', 'namespaces', true],
    ['', 'pods', false],
    ['', 'secrets', false],
    ['rbac.authorization.k8s.io', 'clusterrolebindings', true],
    ['rbac.authorization.k8s.io', 'rolebindings', false],
    ['admissionregistration.k8s.io', 'validatingwebhookconfigurations', true],
    ['certificates.k8s.io', 'certificatesigningrequests', true],
    ['scheduling.k8s.io', 'priorityclasses', true],
    ['storage.k8s.io', 'storageclasses', true],
    ['storage.k8s.io', 'csistoragecapacities', false],
    ['apiextensions.k8s.io', 'customresourcedefinitions', true],
    ['authorization.k8s.io', 'localsubjectaccessreviews', false],
    ['example.com', 'nodes', false],
  ] as const)('%s/%s cluster-scoped: %s', (group, resource, expected) => {
    expect(scopeResolver('1.34').isClusterScoped(group, resource)).toBe(expected);
  });

  it('follows the Kubernetes version: servicecidrs are served from 1.29', () => {
    expect(scopeResolver('1.28').isClusterScoped('networking.k8s.io', 'servicecidrs')).toBe(false);
    expect(scopeResolver('v1.29.3').isClusterScoped('networking.k8s.io', 'servicecidrs')).toBe(true);
  });

  it('takes a custom resource scope from its CRD', () => {
    const scope = scopeResolver('1.34', [
      { group: 'example.com', resource: 'clusterwidgets', scope: 'Cluster' },
      { group: 'example.com', resource: 'widgets', scope: 'Namespaced' },
    ]);
    expect([
      scope.isClusterScoped('example.com', 'clusterwidgets'),
      scope.isClusterScoped('example.com', 'widgets'),
    ]).toEqual([true, false]);
  });

  it('parses versions', () => {
    expect(['1.30', 'v1.30.2', '2.0', 'latest'].map(minorVersionOf)).toEqual([30, 30, undefined, undefined]);
  });
});

describe('the namespace of a request, as the API server sets it', () => {
  const scope = scopeResolver('1.34');
  it.each([
    [{ verb: 'get', resource: 'pods', namespace: 'shop' }, 'shop'],
    [{ verb: 'get', resource: 'nodes', namespace: 'shop' }, ''],
    [{ verb: 'get', resource: 'namespaces', name: 'shop' }, 'shop'],
    [
      { verb: 'update', resource: 'namespaces', subresource: 'finalize', name: 'shop', namespace: 'other' },
      'shop',
    ],
    [{ verb: 'list', resource: 'namespaces', namespace: 'shop' }, ''],
    [{ verb: 'get', apiGroup: 'example.com', resource: 'namespaces', namespace: 'shop' }, 'shop'],
  ])('%j → "%s"', (request, expected) => {
    expect(requestNamespace(scope, request)).toBe(expected);
  });
});
