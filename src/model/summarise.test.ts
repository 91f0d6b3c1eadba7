import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../load/parse.js';
import { mergeFragments } from './merge.js';
import { ClusterModelIndex } from './modelIndex.js';
import { summariseResources } from './summarise.js';

const SHOP = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: a}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  uid: d-1
spec:
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      serviceAccount: web-sa
      automountServiceAccountToken: false
      hostPID: true
      imagePullSecrets: [{name: regcred}]
      initContainers:
      - name: init
        image: busybox
      containers:
      - name: app
        image: shop/web:1.2
        ports:
        - {name: http, containerPort: 8080}
        - {containerPort: 53, protocol: UDP, hostPort: 5353}
        securityContext:
          privileged: yes
          capabilities: {add: [CAP_SYS_ADMIN, net_raw]}
        env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        envFrom:
        - configMapRef: {name: settings, optional: true}
        volumeMounts:
        - {name: docker, mountPath: /var/run/docker.sock, readOnly: true}
      volumes:
      - name: docker
        hostPath: {path: /var/run/docker.sock, type: Socket}
      - name: tls
        secret: {secretName: web-tls}
      - name: token
        projected:
          sources:
          - serviceAccountToken: {audience: vault, path: token}
          - configMap: {name: ca}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  tls: [{hosts: [shop.example.com]}]
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: api, namespace: shop}
spec:
  parentRefs: [{name: public, namespace: infra}]
  rules: [{backendRefs: [{name: api, port: 8080}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Cluster
  names: {plural: widgets, kind: Widget}
`;

function fragmentOf(text: string, file = 'shop.yaml') {
  const parsed = parseManifestText(text, file);
  expect(parsed.errors).toEqual([]);
  return summariseResources(parsed.resources);
}

describe('summariseResources', () => {
  const f = fragmentOf(SHOP);

  it('records the namespace with the label the API server adds, and the workload with its facts', () => {
    expect(f.namespaces).toEqual([
      {
        name: 'shop',
        declared: true,
        labels: { team: 'a', 'kubernetes.io/metadata.name': 'shop' },
        source: { file: 'shop.yaml', documentIndex: 0, line: 1 },
      },
    ]);
    expect(f.workloads).toHaveLength(1);
    const w = f.workloads[0]!;
    expect(w).toMatchObject({
      ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      namespace: 'shop',
      uid: 'd-1',
      podLabels: { app: 'web', tier: 'front' },
      serviceAccount: 'web-sa',
      serviceAccountField: 'serviceAccount',
      podAutomountToken: false,
      hostNetwork: false,
      hostPID: true,
      hostIPC: false,
      hostPaths: [
        {
          volume: 'docker',
          path: '/var/run/docker.sock',
          type: 'Socket',
          fieldPath: ['spec', 'template', 'spec', 'volumes', 0, 'hostPath'],
        },
      ],
      projectedTokens: [{ volume: 'token', audience: 'vault' }],
      owners: [],
      windows: false,
    });
    expect(w.containers.map((c) => [c.list, c.name, c.privileged, c.capabilitiesAdded])).toEqual([
      ['initContainers', 'init', false, []],
      ['containers', 'app', true, ['SYS_ADMIN', 'NET_RAW']],
    ]);
    expect(w.containers[1]!.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { containerPort: 53, protocol: 'UDP', hostPort: 5353 },
    ]);
    expect(w.containers[1]!.mounts).toEqual([
      { volume: 'docker', path: '/var/run/docker.sock', readOnly: true },
    ]);
  });

  it('records who the containers run as (the container wins over the pod) and a shared process namespace', () => {
    const f2 = fragmentOf(`apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  shareProcessNamespace: true
  securityContext: {runAsUser: 1000, runAsNonRoot: true}
  containers:
  - {name: inherits, image: a}
  - {name: root, image: b, securityContext: {runAsUser: 0, runAsNonRoot: false}}
  - {name: odd, image: c, securityContext: {runAsUser: "0"}}
`);
    const w = f2.workloads[0]!;
    expect(w.shareProcessNamespace).toBe(true);
    expect(w.containers.map((c) => [c.name, c.runAsUser, c.runAsNonRoot])).toEqual([
      ['inherits', { value: 1000, level: 'pod' }, true],
      ['root', { value: 0, level: 'container' }, false],
      // a string is no user id: the API server rejects it, the summary does not guess
      ['odd', undefined, true],
    ]);
    expect(f.workloads[0]!.shareProcessNamespace).toBe(false);
    expect(f.workloads[0]!.containers.map((c) => [c.runAsUser, c.runAsNonRoot])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('records which Secrets are in the input, never their data', () => {
    const f3 = fragmentOf(
      'apiVersion: v1\nkind: Secret\nmetadata: {name: pw, namespace: shop}\nstringData: {p: hunter2}\n---\napiVersion: example.com/v1\nkind: Secret\nmetadata: {name: other}\n',
    );
    expect(f3.secrets).toEqual([
      {
        ref: { apiVersion: 'v1', kind: 'Secret', namespace: 'shop', name: 'pw' },
        source: { file: 'shop.yaml', documentIndex: 0, line: 1 },
      },
    ]);
  });

  it('lists every Secret and ConfigMap the pods read, with the field that names it', () => {
    const spec = ['spec', 'template', 'spec'];
    const app = [...spec, 'containers', 0];
    expect(f.workloads[0]!.references).toEqual([
      {
        kind: 'Secret',
        name: 'web-tls',
        via: 'volume',
        path: [...spec, 'volumes', 1, 'secret', 'secretName'],
        optional: false,
      },
      {
        kind: 'ConfigMap',
        name: 'ca',
        via: 'projected',
        path: [...spec, 'volumes', 2, 'projected', 'sources', 1, 'configMap', 'name'],
        optional: false,
      },
      {
        kind: 'Secret',
        name: 'db',
        via: 'env',
        path: [...app, 'env', 0, 'valueFrom', 'secretKeyRef', 'name'],
        optional: false,
      },
      {
        kind: 'ConfigMap',
        name: 'settings',
        via: 'envFrom',
        path: [...app, 'envFrom', 0, 'configMapRef', 'name'],
        optional: true,
      },
      {
        kind: 'Secret',
        name: 'regcred',
        via: 'imagePullSecret',
        path: [...spec, 'imagePullSecrets', 0, 'name'],
        optional: false,
      },
    ]);
  });

  it('summarises Services, Ingress and Gateway routes, and keeps policies whole', () => {
    expect(f.services).toMatchObject([
      {
        namespace: 'shop',
        type: 'LoadBalancer',
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
        externalIPs: [],
      },
    ]);
    expect(f.routes.map((r) => [r.ref.kind, r.tls, r.parents, r.backends])).toEqual([
      [
        'Ingress',
        true,
        [],
        [
          {
            kind: 'Service',
            namespace: 'shop',
            name: 'web',
            port: 80,
            path: ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service'],
          },
        ],
      ],
      [
        'HTTPRoute',
        undefined,
        ['infra/public'],
        [
          {
            kind: 'Service',
            namespace: 'shop',
            name: 'api',
            port: 8080,
            path: ['spec', 'rules', 0, 'backendRefs', 0],
          },
        ],
      ],
    ]);
    expect(f.networkPolicies.map((p) => p.object.spec)).toEqual([
      { podSelector: {}, policyTypes: ['Ingress'] },
    ]);
    expect(f.customResources).toMatchObject([
      { group: 'example.com', plural: 'widgets', kind: 'Widget', scope: 'Cluster' },
    ]);
  });

  it('records a namespace only named by an object as undeclared, with its default label', () => {
    const g = fragmentOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    expect(g.namespaces).toEqual([
      { name: 'default', declared: false, labels: { 'kubernetes.io/metadata.name': 'default' } },
    ]);
  });
});

describe('ClusterModelIndex', () => {
  const text = `${SHOP}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: api, namespace: shop}
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec: {template: {metadata: {labels: {app: web}}, spec: {serviceAccountName: api, containers: [{name: a, image: x}]}}}
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop, labels: {app: web, tier: front}}
spec: {containers: [{name: a, image: x}]}
---
apiVersion: v1
kind: Service
metadata: {name: manual, namespace: shop}
spec: {ports: [{port: 80}]}
`;
  const index = new ClusterModelIndex(mergeFragments([fragmentOf(text)]));
  const [web, api, debug] = index.model.workloads;

  it('decides the token mount: the pod spec, else the ServiceAccount, else mounted', () => {
    expect(index.tokenMount(web!)).toEqual({ mounted: false, decidedBy: 'pod' });
    expect(index.tokenMount(api!)).toMatchObject({ mounted: false, decidedBy: 'serviceAccount' });
    expect(index.tokenMount(debug!)).toEqual({ mounted: true, decidedBy: 'unknown' });
  });

  it('finds the workloads a Service selects, in input order; a Service without selector selects none', () => {
    const [svc, manual] = index.model.services;
    expect(index.workloadsSelectedBy(svc!).map((w) => w.ref.name)).toEqual(['web', 'api', 'debug']);
    expect(index.workloadsSelectedBy(manual!)).toEqual([]);
    expect(index.workloadsRunningAs('shop', 'default').map((w) => w.ref.name)).toEqual(['debug']);
    expect(index.workloadsIn('shop')).toHaveLength(3);
  });
});

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.(ya?ml|json)$/.test(name) ? [path] : [];
    });
}

describe('the model of the shared corpus', () => {
  const files = yamlFiles(corpus);
  const parsed = files.map((f) => parseManifestText(readFileSync(f, 'utf8'), f));
  const resources = parsed.flatMap((p) => p.resources);

  it('is the same whether the input is summarised at once or file by file and merged', () => {
    expect([files.length, resources.length]).toEqual([104, 437]);
    const whole = mergeFragments([summariseResources(resources)]);
    const byFile = mergeFragments(parsed.map((p) => summariseResources(p.resources)));
    expect(byFile).toEqual(whole);
    const counts = Object.fromEntries(
      Object.entries(whole).flatMap(([k, v]) => (Array.isArray(v) ? [[k, v.length]] : [])),
    );
    expect(counts).toEqual({
      namespaces: 10,
      workloads: 42,
      services: 45,
      routes: 0,
      networkPolicies: 21,
      adminNetworkPolicies: 0,
      serviceAccounts: 40,
      roles: 21,
      clusterRoles: 34,
      roleBindings: 22,
      clusterRoleBindings: 25,
      webhookConfigurations: 4,
      limitRanges: 0,
      persistentVolumes: 0,
      persistentVolumeClaims: 0,
      customResources: 81,
      secrets: 10,
    });
  });

  it('is plain data: a JSON round trip and a structured clone give it back unchanged', () => {
    const model = mergeFragments([summariseResources(resources)]);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    expect(structuredClone(model)).toEqual(model);
  });
});
