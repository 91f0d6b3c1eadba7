/**
 * Paths, blast radius and exposure figures on small clusters worked out by hand (the
 * arithmetic is in the comments), and node escape that no NetworkPolicy stops.
 */
import { describe, expect, it } from 'vitest';
import { attackGraphOf, vertexNamed } from '../../test/attackGraphInput.js';
import { exposureOf } from './exposure.js';
import { attackPaths, blastRadius } from './queries.js';

/*
 * Cluster "open": namespace shop, no NetworkPolicy.
 *  - web  (Deployment, port 8080, LoadBalancer Service web, token of shop/default mounted);
 *  - api  (Deployment, port 9000, no token);
 *  - agent (DaemonSet, privileged, no token, no port, reads Secret db-pass from env);
 *  - Role "read" (get secrets) bound to shop/default.
 * Assets: web, api, agent, Secret db-pass, Node/*, ClusterAdmin = 6.
 * Edges: Service→web ENDPOINT_EXPLOIT; web→default IDENTITY_ASSUME; default→db-pass SECRET_READ;
 * web→api, api→web, agent→web, agent→api NETWORK_REACH (agent serves no port: nobody reaches it);
 * agent→db-pass SECRET_READ; agent→Node CE_PRIV_MOUNT, CE_MODULE_LOAD; Node→each pod POD_ATTACH,
 * Node→default TOKEN_STEAL, Node→db-pass SECRET_READ.
 * From the entry point: web, api, db-pass = 3 of 6 → 50 %.
 * Blast radius: web {api 1, db-pass 2} = 2; api {web 1, db-pass 3} = 2;
 * agent {Node 1, web 1, api 1, db-pass 1} = 4. Mean 8/3 of 6 assets → 44.44 %.
 * No path reaches ClusterAdmin: share 0 %, fewest hops none.
 */
const OPEN = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {automountServiceAccountToken: false, containers: [{name: api, image: api, ports: [{containerPort: 9000}]}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: shop}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      automountServiceAccountToken: false
      containers:
        - name: agent
          image: agent
          securityContext: {privileged: true}
          env: [{name: P, valueFrom: {secretKeyRef: {name: db-pass, key: p}}}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: read, namespace: shop}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read, namespace: shop}
subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read}
`;

/*
 * Cluster "segmented": namespace shop, a default-deny NetworkPolicy for ingress and egress of
 * every pod.
 *  - web (Deployment, privileged, port 8080, LoadBalancer Service, no token);
 *  - ops (Deployment, port 9000, runs as shop/ops with its token; shop/ops bound to cluster-admin).
 * Assets: web, ops, Node/*, ClusterAdmin = 4. No NETWORK_REACH at all (default deny).
 * Entry → web → Node (CE_PRIV_MOUNT) → shop/ops (TOKEN_STEAL) → ClusterAdmin (PERMISSION_DISCOVER):
 * 4 hops from the endpoint; everything is reached: 4/4 → 100 %, share 1/1 → 100 %.
 * Blast radius: web {Node 1, ops 2, ClusterAdmin 3} = 3; ops {ClusterAdmin 2, web 2 (POD_EXEC),
 * Node 2 (POD_CREATE)} = 3. Mean 3 of 4 → 75 %.
 */
const SEGMENTED = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      automountServiceAccountToken: false
      containers: [{name: web, image: web, securityContext: {privileged: true}, ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ops, namespace: shop}
spec:
  selector: {matchLabels: {app: ops}}
  template:
    metadata: {labels: {app: ops}}
    spec: {serviceAccountName: ops, containers: [{name: ops, image: ops, ports: [{containerPort: 9000}]}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-admin}
subjects: [{kind: ServiceAccount, name: ops, namespace: shop}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
`;

const hopsOf = (paths: ReturnType<typeof attackPaths>) =>
  paths.map((p) => p.hops.map((h) => `${h.edge} → ${h.to.kind}/${h.to.name}`));

describe('exposure figures', () => {
  it('open cluster: 50 % from the entry point, 44.44 % assume-breach, no critical path', () => {
    const e = exposureOf(attackGraphOf(OPEN));
    expect({ ...e, chokePoints: undefined }).toEqual({
      attackSurfaceExposure: 50,
      assumeBreachExposure: 44.44,
      entryPoints: 1,
      assets: 6,
      criticalPathEntryShare: 0,
      minHopsToCritical: null,
      chokePoints: undefined,
    });
    // Shortest paths from the endpoint: web (1), api via web (2), db-pass via web's token (3).
    // ENDPOINT_EXPLOIT carries all 3; IDENTITY_ASSUME and SECRET_READ 1 (db-pass), NETWORK_REACH 1
    // (api); ties in the order of their fix text ("add …", "remove …", "set …").
    expect(e.chokePoints.map((c) => [c.edge, c.paths])).toEqual([
      ['ENDPOINT_EXPLOIT', 3],
      ['NETWORK_REACH', 1],
      ['SECRET_READ', 1],
      ['IDENTITY_ASSUME', 1],
    ]);
  });

  it('segmented cluster: the privileged entry point still reaches cluster admin in 4 hops', () => {
    const e = exposureOf(attackGraphOf(SEGMENTED));
    expect({ ...e, chokePoints: undefined }).toEqual({
      attackSurfaceExposure: 100,
      assumeBreachExposure: 75,
      entryPoints: 1,
      assets: 4,
      criticalPathEntryShare: 100,
      minHopsToCritical: 4,
      chokePoints: undefined,
    });
  });
});

describe('blast radius', () => {
  it('lists every reachable asset with its hops, never the workload itself', () => {
    const built = attackGraphOf(OPEN);
    expect(blastRadius(built, vertexNamed(built, 'shop/DaemonSet/agent'))).toEqual({
      workload: { kind: 'DaemonSet', namespace: 'shop', name: 'agent' },
      assets: [
        { kind: 'Deployment', namespace: 'shop', name: 'api', hops: 1 },
        { kind: 'Deployment', namespace: 'shop', name: 'web', hops: 1 },
        { kind: 'Node', namespace: '', name: '*', hops: 1 },
        { kind: 'Secret', namespace: 'shop', name: 'db-pass', hops: 1 },
      ],
    });
    expect(blastRadius(built, vertexNamed(built, 'shop/Deployment/api')).assets).toEqual([
      { kind: 'Deployment', namespace: 'shop', name: 'web', hops: 1 },
      { kind: 'Secret', namespace: 'shop', name: 'db-pass', hops: 3 },
    ]);
  });

  it('node escape is not network-gated: through the node to the tokens of other pods, under default deny', () => {
    const built = attackGraphOf(SEGMENTED);
    expect(blastRadius(built, vertexNamed(built, 'shop/Deployment/web')).assets).toEqual([
      { kind: 'ClusterAdmin', namespace: '', name: 'cluster-admin', hops: 3 },
      { kind: 'Deployment', namespace: 'shop', name: 'ops', hops: 2 },
      { kind: 'Node', namespace: '', name: '*', hops: 1 },
    ]);
  });
});

describe('attack paths', () => {
  it('the shortest path to each asset, cluster admin first, each hop with evidence and fix', () => {
    const built = attackGraphOf(SEGMENTED);
    const paths = attackPaths(built, vertexNamed(built, 'shop/Service/web'));
    expect(hopsOf(paths)).toEqual([
      [
        'ENDPOINT_EXPLOIT → Deployment/web',
        'CE_PRIV_MOUNT → Node/*',
        'TOKEN_STEAL → ServiceAccount/ops',
        'PERMISSION_DISCOVER → ClusterAdmin/cluster-admin',
      ],
      ['ENDPOINT_EXPLOIT → Deployment/web', 'CE_PRIV_MOUNT → Node/*'],
      ['ENDPOINT_EXPLOIT → Deployment/web'],
      ['ENDPOINT_EXPLOIT → Deployment/web', 'CE_PRIV_MOUNT → Node/*', 'POD_ATTACH → Deployment/ops'],
    ]);
    const hop = paths[0]!.hops[3]!;
    expect(hop).toEqual({
      from: { kind: 'ServiceAccount', namespace: 'shop', name: 'ops' },
      to: { kind: 'ClusterAdmin', namespace: '', name: 'cluster-admin' },
      edge: 'PERMISSION_DISCOVER',
      mitre: 'T1069',
      evidence: 'ClusterRoleBinding ops-admin (test.yaml:30) → ClusterRole cluster-admin rule #0',
      fix: 'remove ClusterRoleBinding ops-admin or drop "*" on "*" from rule #0 of ClusterRole cluster-admin',
    });
  });

  it('--to gives the one path to that asset; --max caps the count', () => {
    const built = attackGraphOf(OPEN);
    const from = vertexNamed(built, 'shop/Service/web');
    const to = vertexNamed(built, 'shop/Secret/db-pass');
    expect(hopsOf(attackPaths(built, from, { to }))).toEqual([
      [
        'ENDPOINT_EXPLOIT → Deployment/web',
        'IDENTITY_ASSUME → ServiceAccount/default',
        'SECRET_READ → Secret/db-pass',
      ],
    ]);
    expect(attackPaths(built, from, { max: 2 })).toHaveLength(2);
    expect(attackPaths(built, from, { to: vertexNamed(built, 'Node/*') })).toEqual([]);
  });
});
