/**
 * `kubeward install --audit`: the in-cluster deployment of `kubeward audit --cluster --watch`,
 * so that each cluster audits itself and writes PolicyReports. Least privilege: a ClusterRole
 * that reads (get/list/watch) exactly the kinds the reader lists (never Secrets: who may list
 * Secrets may read their values), one that may create and update — not delete — kubeward's
 * PolicyReports, and a Role on the one Lease of the leader election. One replica at restricted
 * Pod Security; the Lease keeps a second one (a rollout's surge pod) from writing at once.
 */
import { componentNetworkPolicies } from '../netpol/componentPolicies.js';
import type { JsonRecord } from '../k8s/shape.js';
import { READ_KINDS } from '../load/cluster/kinds.js';
import { yamlLib } from '../load/yamlLib.js';

export interface AuditInstallOptions {
  /** @default "kubeward-audit" */
  readonly namespace?: string;
  readonly image: string;
  /** A Secret in the namespace whose `url` key is the history's postgres:// URL (passed as --db). */
  readonly dbSecret?: string;
  /** The history scope of this cluster's cycles (--scope), for a database several clusters share. */
  readonly scope?: string;
}

const NAME = 'kubeward-audit';
const METRICS_PORT = 9090;
const LEASE = 'kubeward-audit';

/** get/list/watch on every kind the reader lists, grouped by API group. */
function readRules(): JsonRecord[] {
  const byGroup = new Map<string, Set<string>>();
  for (const k of READ_KINDS) {
    const set = byGroup.get(k.group) ?? new Set<string>();
    set.add(k.resource);
    byGroup.set(k.group, set);
  }
  return [...byGroup.entries()].map(([group, resources]) => ({
    apiGroups: [group],
    resources: [...resources].sort(),
    verbs: ['get', 'list', 'watch'],
  }));
}

export function auditInstallManifests(options: AuditInstallOptions): JsonRecord[] {
  const ns = options.namespace ?? NAME;
  const labels = { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/part-of': 'kubeward' };
  const meta = (name: string) => ({ name, namespace: ns, labels });
  const binding = (kind: 'ClusterRoleBinding' | 'RoleBinding', role: string): JsonRecord => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind,
    metadata: kind === 'RoleBinding' ? meta(role) : { name: role, labels },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: kind === 'RoleBinding' ? 'Role' : 'ClusterRole',
      name: role,
    },
    subjects: [{ kind: 'ServiceAccount', name: NAME, namespace: ns }],
  });
  const args = [
    'audit',
    '--cluster',
    '--watch',
    '--leader-elect',
    '--lease-name',
    LEASE,
    '--interval',
    '60s',
    '--metrics-port',
    String(METRICS_PORT),
    ...(options.dbSecret !== undefined ? ['--db', '$(KUBEWARD_DB)'] : []),
    ...(options.scope !== undefined ? ['--scope', options.scope] : []),
  ];
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        labels: {
          ...labels,
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
        },
      },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(NAME), automountServiceAccountToken: false },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `${NAME}-reader`, labels },
      rules: readRules(),
    },
    binding('ClusterRoleBinding', `${NAME}-reader`),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `${NAME}-reports`, labels },
      rules: [
        {
          apiGroups: ['wgpolicyk8s.io'],
          resources: ['policyreports', 'clusterpolicyreports'],
          verbs: ['get', 'list', 'create', 'update'],
        },
      ],
    },
    binding('ClusterRoleBinding', `${NAME}-reports`),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta(`${NAME}-lease`),
      rules: [
        // create cannot be limited to a name (the name is not known before the object exists)
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
        {
          apiGroups: ['coordination.k8s.io'],
          resources: ['leases'],
          resourceNames: [LEASE],
          verbs: ['get', 'update'],
        },
      ],
    },
    binding('RoleBinding', `${NAME}-lease`),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(NAME),
      spec: {
        replicas: 1,
        // the old pod goes before the new one starts; the Lease covers the overlap if it does not
        strategy: { type: 'Recreate' },
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: NAME,
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 65532,
              runAsGroup: 65532,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'audit',
                image: options.image,
                imagePullPolicy: 'IfNotPresent',
                args,
                env: [
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  ...(options.dbSecret !== undefined
                    ? [
                        {
                          name: 'KUBEWARD_DB',
                          valueFrom: { secretKeyRef: { name: options.dbSecret, key: 'url' } },
                        },
                      ]
                    : []),
                ],
                ports: [{ name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' }],
                livenessProbe: {
                  httpGet: { path: '/healthz', port: 'metrics' },
                  periodSeconds: 10,
                  failureThreshold: 3,
                },
                resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [
                  {
                    name: 'token',
                    mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
                    readOnly: true,
                  },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [
              {
                name: 'token',
                projected: {
                  sources: [
                    { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
                    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
                    {
                      downwardAPI: {
                        items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }],
                      },
                    },
                  ],
                },
              },
              { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
            ],
          },
        },
      },
    },
    ...componentNetworkPolicies({
      name: NAME,
      namespace: ns,
      labels,
      // Prometheus scrapes from wherever it runs; PostgreSQL when the history is shared
      ingressPort: METRICS_PORT,
      ...(options.dbSecret !== undefined ? { extraEgressPorts: [5432] } : {}),
    }),
  ];
}

export function renderAuditInstall(options: AuditInstallOptions): string {
  return auditInstallManifests(options)
    .map((o) => yamlLib().stringify(o, { lineWidth: 0 }))
    .join('---\n');
}
