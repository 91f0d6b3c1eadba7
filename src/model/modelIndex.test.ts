import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../load/parse.js';
import { buildModelIndex } from './build.js';
import type { ClusterModelIndex } from './modelIndex.js';

const INPUT = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: a}}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: b}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  uid: d-1
  annotations: {deployment.kubernetes.io/revision: "3"}
spec:
  replicas: 2
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: shop}
spec: {containers: [{name: web, image: nginx:1.27}]}
---
apiVersion: v1
kind: PodTemplate
metadata: {name: tpl, namespace: shop}
template:
  metadata: {labels: {app: web}}
  spec: {containers: [{name: web, image: nginx:1.27}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, uid: d-2}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.28}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: empty, namespace: shop}
spec: {selector: {}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: builder, namespace: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: calico, namespace: shop}
spec: {selector: all()}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: elsewhere}
spec: {podSelector: {}}
---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec: {limits: [{type: Container, default: {cpu: 500m}}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: shop}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin-extra}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin-extra}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
`;

function indexOf(yaml: string, defaultNamespace?: string): ClusterModelIndex {
  const parsed = parseManifestText(yaml, 'in.yaml');
  expect(parsed.errors).toEqual([]);
  return buildModelIndex(parsed.resources, defaultNamespace !== undefined ? { defaultNamespace } : {});
}

const names = (list: readonly { ref: { name: string } }[]) => list.map((o) => o.ref.name);
const kindNames = (list: readonly { ref: { kind: string; name: string } }[]) =>
  list.map((o) => `${o.ref.kind}/${o.ref.name}`);

describe('ClusterModelIndex lookups', () => {
  const index = indexOf(INPUT, 'apps');

  it('answers the effective namespace of an object from the default namespace alone', () => {
    expect(index.defaultNamespace).toBe('apps');
    expect(index.namespaceOf({ kind: 'Deployment' })).toBe('apps');
    expect(index.namespaceOf({ kind: 'Deployment', namespace: 'shop' })).toBe('shop');
    expect(index.namespaceOf({ kind: 'ClusterRole', namespace: 'shop' })).toBeUndefined();
    expect(index.namespaceOf({ kind: 'Namespace' })).toBeUndefined();
  });

  it('keeps the later of two Namespace objects of one name, at the place of the first', () => {
    expect(index.model.namespaces.map((n) => n.name)).toEqual(['shop', 'apps']);
    expect(index.namespace('shop')).toMatchObject({ declared: true, labels: { team: 'b' } });
    expect(index.namespace('apps')?.declared).toBe(false);
  });

  it('lists the pod-running workloads of a namespace, without the PodTemplate', () => {
    expect(kindNames(index.podWorkloadsIn('shop'))).toEqual([
      'Deployment/web',
      'Pod/web-1',
      'Deployment/web',
    ]);
    expect(kindNames(index.workloadsIn('shop'))).toEqual([
      'Deployment/web',
      'Pod/web-1',
      'PodTemplate/tpl',
      'Deployment/web',
    ]);
    expect(kindNames(index.podWorkloadsIn('apps'))).toEqual(['Deployment/api']);
    expect(index.podWorkloadsIn('nowhere')).toEqual([]);
  });

  it('finds a workload by kind, namespace and name (the later of two), and by its source', () => {
    expect(index.workload('Deployment', 'shop', 'web')?.uid).toBe('d-2');
    expect(index.workload('Deployment', 'apps', 'api')?.ref.name).toBe('api');
    expect(index.workload('Deployment', 'shop', 'api')).toBeUndefined();
    const first = index.model.workloads[0]!;
    // another object with the same coordinates, as a finding from another thread carries
    expect(index.workloadAt(structuredClone(first.source))).toBe(first);
    expect(index.workloadAt({ file: 'in.yaml', documentIndex: 99, line: 1 })).toBeUndefined();
  });

  it('records what controller de-duplication needs of a workload', () => {
    const [web, pod] = index.model.workloads;
    expect([web!.specPath, web!.metadataPath, web!.revision, web!.replicas]).toEqual([
      ['spec', 'template', 'spec'],
      ['spec', 'template', 'metadata'],
      '3',
      2,
    ]);
    expect([pod!.specPath, pod!.metadataPath, pod!.revision, pod!.replicas]).toEqual([
      ['spec'],
      ['metadata'],
      undefined,
      undefined,
    ]);
  });

  it('finds Services by name and the workloads a selector picks, never a PodTemplate', () => {
    expect(index.service('shop', 'web')?.selector).toEqual({ app: 'web' });
    expect(index.service('apps', 'web')).toBeUndefined();
    expect(names(index.servicesIn('shop'))).toEqual(['web', 'empty']);
    expect(kindNames(index.workloadsSelectedBy(index.service('shop', 'web')!))).toEqual([
      'Deployment/web',
      'Deployment/web',
    ]);
    expect(index.workloadsSelectedBy(index.service('shop', 'empty')!)).toEqual([]);
    expect(index.workloadsSelectedBy({ namespace: 'shop' })).toEqual([]);
    expect(kindNames(index.workloadsSelectedBy({ namespace: 'apps', selector: { app: 'api' } }))).toEqual([
      'Deployment/api',
    ]);
  });

  it('lists ServiceAccounts, NetworkPolicies and LimitRanges of a namespace, in input order', () => {
    expect(names(index.serviceAccountsIn('shop'))).toEqual(['builder']);
    expect(names(index.serviceAccountsIn('apps'))).toEqual(['web']);
    expect(index.serviceAccount('apps', 'web')?.ref.name).toBe('web');
    // every object of kind NetworkPolicy: the rules filter by API group themselves
    expect(names(index.networkPoliciesIn('shop'))).toEqual(['deny', 'calico']);
    expect(names(index.networkPoliciesIn('apps'))).toEqual(['elsewhere']);
    expect(index.limitRangesIn('shop').map((lr) => lr.object.spec)).toEqual([
      { limits: [{ type: 'Container', default: { cpu: '500m' } }] },
    ]);
    expect(index.limitRangesIn('apps')).toEqual([]);
  });

  it('finds roles by name and lists role objects and bindings', () => {
    expect(index.role('shop', 'reader')?.ref.namespace).toBe('shop');
    expect(index.role('apps', 'reader')?.ref.namespace).toBeUndefined();
    expect(index.role('other', 'reader')).toBeUndefined();
    expect(index.clusterRole('admin-extra')?.ref.name).toBe('admin-extra');
    expect(index.clusterRole('reader')).toBeUndefined();
    expect(names(index.clusterRoles())).toEqual(['admin-extra']);
    expect(names(index.clusterRoleBindings())).toEqual(['crb']);
    expect(names(index.roleBindings())).toEqual(['rb']);
  });
});

describe('ClusterModelIndex: pods with the same labels', () => {
  it('keeps label sets apart that would read alike joined with separators (hostile values)', () => {
    const pod = (name: string, labels: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ns, labels: ${labels}}\nspec: {containers: [{name: c, image: x}]}\n`;
    const index = indexOf(
      [
        pod('plain', '{a: "1", b: "2"}'),
        pod('hostile', '{a: "1\\u0002b\\u00012"}'),
        pod('again', '{b: "2", a: "1"}'),
      ].join('---\n'),
    );
    expect(names(index.workloadsSelectedBy({ namespace: 'ns', selector: { a: '1', b: '2' } }))).toEqual([
      'plain',
      'again',
    ]);
    expect(names(index.workloadsSelectedBy({ namespace: 'ns', selector: { a: '1\u0002b\u00012' } }))).toEqual(
      ['hostile'],
    );
  });
});
