/**
 * `planContainment` on small clusters whose plans are worked out by hand: what is deleted,
 * rewritten, narrowed and run, the blast radius before / isolated / after, and the checks that
 * no other workload or identity is touched (each check shown to fail on a plan that does).
 */
import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../load/parse.js';
import { buildClusterModel } from '../model/build.js';
import type { ClusterModel } from '../model/clusterModel.js';
import { buildAttackGraph } from './build.js';
import { connectionsChanged, identitiesChanged, planContainment, type ContainmentPlan } from './contain.js';

function modelOf(yaml: string): ClusterModel {
  return buildClusterModel(parseManifestText(yaml, 'test.yaml').resources);
}

function planOf(yaml: string, ref: string, scaleToZero?: 'always' | 'never'): ContainmentPlan {
  const result = planContainment(modelOf(yaml), ref, scaleToZero ? { scaleToZero } : {});
  if ('error' in result) throw new Error(result.error);
  return result.plan;
}

const deployment = (name: string, sa: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      serviceAccountName: ${sa}${extra}
      containers: [{name: ${name}, image: ${name}, ports: [{containerPort: 8080}]}]
---
`;

/*
 * web (SA web, token mounted) and api (SA api, no token, reads Secret db from env).
 * RoleBinding web-read: only subject SA web → Role read (get secrets): deleted.
 * RoleBinding shared-read: SA web and SA api → rewritten with api alone.
 * ClusterRoleBinding sa-view: Group system:serviceaccounts:shop → left, with a warning.
 * NetworkPolicy web: selects app=web, allows egress to app=api:8080 → narrowed.
 * NetworkPolicy deny: default deny, allows nothing → left as it is.
 * NetworkPolicy api: ingress from app=web.
 * Before: web → api (NETWORK_REACH, 1), web → SA web (token) → Secret db (SECRET_READ, 2): 2 assets.
 * Isolated (policy + narrowed web policy + label, bindings revoked, tokenless template): 0.
 */
const DEDICATED = `${deployment('web', 'web')}${deployment(
  'api',
  'api',
  `
      automountServiceAccountToken: false`,
).replace(
  'ports: [{containerPort: 8080}]}]',
  'ports: [{containerPort: 8080}], env: [{name: P, valueFrom: {secretKeyRef: {name: db, key: p}}}]}]',
)}apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: read, namespace: shop}
rules: [{apiGroups: [''], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: web-read, namespace: shop}
subjects: [{kind: ServiceAccount, name: web}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: shared-read, namespace: shop}
subjects: [{kind: ServiceAccount, name: web, namespace: shop}, {kind: ServiceAccount, name: api, namespace: shop}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: sa-view}
subjects: [{kind: Group, name: 'system:serviceaccounts:shop', apiGroup: rbac.authorization.k8s.io}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 8080}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`;

describe('planContainment', () => {
  it('a dedicated ServiceAccount: its bindings deleted or rewritten, the allowing policy narrowed', () => {
    const plan = planOf(DEDICATED, 'shop/web');
    expect(plan.workload).toEqual({ kind: 'Deployment', namespace: 'shop', name: 'web' });
    expect([plan.blastRadiusBefore, plan.blastRadiusIsolated, plan.blastRadiusAfter]).toEqual([2, 0, 0]);
    expect(plan.scaleToZero).toBe(false);
    expect(plan.remaining).toEqual([]);
    expect(plan.deletions).toEqual([
      {
        kind: 'RoleBinding',
        namespace: 'shop',
        name: 'web-read',
        reason: 'its only subject is ServiceAccount shop/web',
      },
    ]);
    expect(plan.manifests).toEqual([
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: {
          name: 'kubeward-quarantine-deployment-web',
          namespace: 'shop',
          labels: { 'app.kubernetes.io/managed-by': 'kubeward' },
          annotations: { 'kubeward.io/quarantine-of': 'shop/Deployment/web' },
        },
        spec: {
          podSelector: { matchLabels: { app: 'web', 'kubeward.io/quarantine': 'true' } },
          policyTypes: ['Ingress', 'Egress'],
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          podSelector: {
            matchLabels: { app: 'web' },
            matchExpressions: [{ key: 'kubeward.io/quarantine', operator: 'DoesNotExist' }],
          },
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 8080 }] }],
        },
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'shared-read', namespace: 'shop' },
        subjects: [{ kind: 'ServiceAccount', name: 'api', namespace: 'shop' }],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read' },
      },
    ]);
    expect(plan.commands.filter((c) => !c.startsWith('#'))).toEqual([
      'kubectl apply -f quarantine.yaml',
      "kubectl label pods -n shop -l 'app=web' kubeward.io/quarantine=true --overwrite",
      'kubectl delete rolebinding web-read -n shop',
      `kubectl patch deployment web -n shop --type merge -p '{"spec":{"template":{"metadata":{"labels":{"kubeward.io/quarantine":"true"}},"spec":{"automountServiceAccountToken":false}}}}'`,
    ]);
    expect(plan.warnings).toEqual([
      "ClusterRoleBinding sa-view grants the ServiceAccount's groups rights shared with other accounts: left as it is",
    ]);
    expect(plan.verified).toBe(true);
  });

  it('a shared ServiceAccount keeps its bindings, and the plan says why', () => {
    const yaml = `${deployment('web', 'default')}${deployment('api', 'default')}apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: admin, namespace: shop}
subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
`;
    const plan = planOf(yaml, 'shop/Deployment/web');
    expect(plan.deletions).toEqual([]);
    expect(plan.manifests.map((m) => m['kind'])).toEqual(['NetworkPolicy']);
    expect(plan.warnings).toEqual([
      'ServiceAccount shop/default is also used by shop/Deployment/api: its bindings stay ' +
        '(removing them would cut their rights); give each workload its own ServiceAccount',
    ]);
    // the tokenless template takes the admin token away from replacement pods: nothing stays
    expect([plan.blastRadiusIsolated, plan.blastRadiusAfter, plan.scaleToZero]).toEqual([0, 0, false]);
    expect(plan.otherIdentitiesChanged).toEqual([]);
  });

  /*
   * agent: privileged DaemonSet, no token; web: token of shop/default, no rights.
   * Isolated, the agent still escapes to the node (CE_PRIV_MOUNT, CE_MODULE_LOAD; never
   * network-gated) and from there reaches web (POD_ATTACH): 2 assets, so the plan stops it.
   */
  const ESCAPE = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: shop}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      automountServiceAccountToken: false
      containers: [{name: agent, image: agent, securityContext: {privileged: true}}]
---
${deployment('web', 'default')}`;

  it('a container escape is not network-gated: the plan scales the workload to zero', () => {
    const plan = planOf(ESCAPE, 'shop/agent');
    expect([plan.blastRadiusBefore, plan.blastRadiusIsolated, plan.blastRadiusAfter]).toEqual([2, 2, 0]);
    expect(plan.remaining).toEqual([
      { kind: 'Deployment', namespace: 'shop', name: 'web', hops: 2, via: 'CE_PRIV_MOUNT' },
      { kind: 'Node', namespace: '', name: '*', hops: 1, via: 'CE_PRIV_MOUNT' },
    ]);
    expect(plan.scaleToZero).toBe(true);
    expect(plan.commands.slice(-2)).toEqual([
      '# 5. stop the workload (what isolation cannot cut: CE_PRIV_MOUNT)',
      `kubectl patch daemonset agent -n shop --type merge -p '{"spec":{"template":{"spec":{"nodeSelector":{"kubeward.io/quarantine":"no-node"}}}}}'`,
    ]);
    expect(plan.verified).toBe(true);
  });

  it('--no-scale-to-zero leaves the escape and says it is not contained', () => {
    const plan = planOf(ESCAPE, 'shop/agent', 'never');
    expect([plan.blastRadiusAfter, plan.scaleToZero]).toEqual([2, false]);
    expect(plan.warnings).toEqual([
      'ServiceAccount shop/default is also used by shop/Deployment/web: its bindings stay (removing them would cut their rights); give each workload its own ServiceAccount',
      'not contained: with its pods running it still reaches 2 asset(s) (shop/Deployment/web by CE_PRIV_MOUNT, Node/* by CE_PRIV_MOUNT)',
    ]);
    expect(plan.commands.some((c) => c.includes('nodeSelector'))).toBe(false);
  });

  it('a Secret the pods were given stays readable while they run: rotated, then stopped', () => {
    const yaml = deployment(
      'api',
      'api',
      `
      automountServiceAccountToken: false
      volumes: [{name: creds, secret: {secretName: db}}]`,
    );
    const plan = planOf(yaml, 'shop/api', 'always');
    expect(plan.remaining).toEqual([
      { kind: 'Secret', namespace: 'shop', name: 'db', hops: 1, via: 'VOLUME_ACCESS' },
    ]);
    expect(plan.commands).toContain(
      '# rotate Secret shop/db at its source: its values were readable in the pods',
    );
    expect(plan.commands).toContain('kubectl scale deployment api -n shop --replicas=0');
  });

  it('warns when the pod labels also pick another workload, or when there are none', () => {
    const overlap = `${deployment('web', 'a')}${deployment('web2', 'b').replace(
      'labels: {app: web2}',
      'labels: {app: web, tier: x}',
    )}`;
    expect(planOf(overlap, 'shop/web').warnings).toEqual([
      'the pod labels of shop/Deployment/web also match shop/Deployment/web2: label only the pods it owns (by name), or the label isolates theirs too',
    ]);
    const bare = deployment('web', 'a').replace('labels: {app: web}', 'labels: {}');
    expect(planOf(bare, 'shop/web').warnings[0]).toBe(
      'shop/Deployment/web has no pod labels: label its pods by name (kubectl get pods -n shop), the command above labels none',
    );
  });

  it('an unknown workload is an error naming the candidates', () => {
    expect(planContainment(modelOf(DEDICATED), 'shop/Deployment/nope')).toEqual({
      error: 'no workload "shop/Deployment/nope" in the input (give ns/Kind/name or ns/name)',
    });
  });
});

describe('the containment checks fail on a plan that touches others', () => {
  it('connectionsChanged: dropping the api ingress policy cuts web → api, which involves neither target', () => {
    const yaml = `${DEDICATED}---\n${deployment('db', 'db')}`;
    const before = modelOf(yaml);
    const after: ClusterModel = {
      ...before,
      networkPolicies: before.networkPolicies.filter((p) => p.ref.name !== 'api'),
    };
    const db = before.workloads.find((w) => w.ref.name === 'db')!;
    const api = before.workloads.find((w) => w.ref.name === 'api')!;
    expect(connectionsChanged(before, after, db)).toEqual([
      'shop/web[Deployment] → shop/api[Deployment]: removed',
    ]);
    // with api as the target, the change is about api itself: exempt
    expect(connectionsChanged(before, after, api)).toEqual([]);
  });

  it('identitiesChanged: deleting a binding of another account is reported', () => {
    const before = modelOf(DEDICATED);
    const after: ClusterModel = {
      ...before,
      roleBindings: before.roleBindings.filter((b) => b.ref.name !== 'shared-read'),
    };
    expect(
      identitiesChanged(buildAttackGraph(before), buildAttackGraph(after), {
        target: 'shop/Deployment/web',
        account: 'shop/ServiceAccount/web',
      }),
    ).toEqual([
      // get secrets: read them, and guess legacy token Secrets' names
      'shop/ServiceAccount/api SECRET_READ → shop/Secret/*',
      'shop/ServiceAccount/api TOKEN_BRUTEFORCE → shop/ServiceAccount/*',
    ]);
  });
});
