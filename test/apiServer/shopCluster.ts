/**
 * A small cluster as a real one holds it: a Deployment with its ReplicaSet and Pods (owner
 * references, defaulted fields), a StatefulSet reading a Secret, a privileged DaemonSet, a
 * CronJob, Services, an Ingress, Gateway API routes, NetworkPolicies, service accounts and RBAC,
 * a node, volumes, admission configuration, and Secrets (one applied client-side, its values
 * copied into the last-applied-configuration annotation). Objects of every kind the cluster
 * reader lists, for the fixture API server (fixtureApiServer.ts).
 */
import type { FixtureObject } from './fixtureApiServer.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function podSpec(sa: string, image: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    serviceAccountName: sa,
    serviceAccount: sa,
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    terminationGracePeriodSeconds: 30,
    securityContext: {},
    containers: [
      {
        name: 'app',
        image,
        imagePullPolicy: 'IfNotPresent',
        ports: [{ containerPort: 8080, protocol: 'TCP', name: 'http' }],
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ],
    ...extra,
  };
}

const owner = (kind: string, name: string, apiVersion = 'apps/v1') => [
  {
    apiVersion,
    kind,
    name,
    uid: `00000000-0000-4000-a000-${name.padEnd(12, '0').slice(0, 12)}`,
    controller: true,
    blockOwnerDeletion: true,
  },
];

/** The objects, full (kind and apiVersion set), as `kubectl get -o json` would show each. */
export function shopCluster(): FixtureObject[] {
  const webLabels = { app: 'web', 'pod-template-hash': '7d4b9c' };
  const webSpec = podSpec('web', 'registry.example.com/shop/web:1.4.2', {
    volumes: [{ name: 'tls', secret: { secretName: 'web-tls', defaultMode: 420 } }],
  });
  const dbSpec = podSpec('db', 'postgres:16.4', {
    containers: [
      {
        name: 'postgres',
        image: 'postgres:16.4',
        envFrom: [{ secretRef: { name: 'db-credentials' } }],
        resources: {},
      },
    ],
  });
  const agentSpec = podSpec('node-agent', 'registry.example.com/agent:2.0', {
    hostPID: true,
    volumes: [{ name: 'root', hostPath: { path: '/', type: '' } }],
    containers: [
      {
        name: 'agent',
        image: 'registry.example.com/agent:2.0',
        securityContext: { privileged: true },
        volumeMounts: [{ name: 'root', mountPath: '/host' }],
      },
    ],
  });
  const dbSecretApplied = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db-credentials', namespace: 'shop' },
    stringData: { POSTGRES_PASSWORD: 'Tr0ub4dor&3-correct-horse' },
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'shop' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'kube-system',
        labels: {
          'kubernetes.io/metadata.name': 'kube-system',
          'pod-security.kubernetes.io/enforce': 'privileged',
        },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, generation: 3 },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: webSpec },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      },
      status: { replicas: 2, readyReplicas: 2, observedGeneration: 3 },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-7d4b9c',
        namespace: 'shop',
        labels: webLabels,
        ownerReferences: owner('Deployment', 'web'),
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: webLabels },
        template: { metadata: { labels: webLabels }, spec: webSpec },
      },
      status: { replicas: 2 },
    },
    ...['x5k2p', 'q8r4t'].map((suffix): FixtureObject => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `web-7d4b9c-${suffix}`,
        namespace: 'shop',
        labels: webLabels,
        ownerReferences: owner('ReplicaSet', 'web-7d4b9c'),
      },
      spec: { ...webSpec, nodeName: 'node-1' },
      status: { phase: 'Running', podIP: '10.244.1.12', qosClass: 'BestEffort' },
    })),
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop', labels: { app: 'db' } },
      spec: {
        replicas: 1,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: dbSpec },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'node-agent', namespace: 'kube-system' },
      spec: {
        selector: { matchLabels: { app: 'node-agent' } },
        template: { metadata: { labels: { app: 'node-agent' } }, spec: agentSpec },
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', namespace: 'shop' },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                ...podSpec('default', 'registry.example.com/shop/report:latest'),
                restartPolicy: 'OnFailure',
              },
            },
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 31080 }],
        clusterIP: '10.96.12.4',
      },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'db' },
        ports: [{ port: 5432, protocol: 'TCP' }],
        clusterIP: 'None',
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        parentRefs: [{ name: 'public', namespace: 'shop' }],
        hostnames: ['*.example.com'],
        rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'public', namespace: 'shop' },
      spec: {
        gatewayClassName: 'external',
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: 80,
            hostname: '*.example.com',
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'db-from-web', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { app: 'db' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: 'web' } } }],
            ports: [{ port: 5432, protocol: 'TCP' }],
          },
        ],
      },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'shop' } },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'web', namespace: 'shop' },
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'db', namespace: 'shop' },
      imagePullSecrets: [{ name: 'registry' }],
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'node-agent', namespace: 'kube-system' } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'secret-reader', namespace: 'shop' },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'web-secret-reader', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'secret-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'shop' }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'node-agent' },
      rules: [
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'node-agent' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-agent' },
      subjects: [{ kind: 'ServiceAccount', name: 'node-agent', namespace: 'kube-system' }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'ops-admin' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'shop' }],
    },
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'node-1',
        labels: { 'kubernetes.io/hostname': 'node-1', 'node-role.kubernetes.io/worker': '' },
      },
      spec: { podCIDR: '10.244.1.0/24' },
      status: {
        addresses: [{ type: 'InternalIP', address: '192.168.1.11' }],
        nodeInfo: { kubeletVersion: 'v1.33.2' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'local-logs' },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: '/var/log', type: '' },
        claimRef: { namespace: 'shop', name: 'logs' },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'logs', namespace: 'shop' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '10Gi' } },
        volumeName: 'local-logs',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web-config', namespace: 'shop' },
      data: { LOG_LEVEL: 'info', DATABASE_URL: 'postgres://shop:Xk82mQpzL0v@db.shop:5432/shop' },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: 'policy' },
      webhooks: [
        {
          name: 'validate.policy.example.com',
          admissionReviewVersions: ['v1'],
          sideEffects: 'None',
          failurePolicy: 'Ignore',
          clientConfig: { service: { name: 'policy', namespace: 'kube-system', path: '/validate' } },
          rules: [
            { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'], scope: '*' },
          ],
        },
      ],
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'no-latest' },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: ['apps'],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['deployments'],
            },
          ],
        },
        validations: [
          { expression: "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))" },
        ],
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'no-latest' },
      spec: { policyName: 'no-latest', validationActions: ['Deny'] },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'db-credentials',
        namespace: 'shop',
        annotations: { [LAST_APPLIED]: JSON.stringify(dbSecretApplied) },
      },
      type: 'Opaque',
      data: { POSTGRES_PASSWORD: Buffer.from('Tr0ub4dor&3-correct-horse').toString('base64') },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'web-tls',
        namespace: 'shop',
        labels: { app: 'web' },
        annotations: {
          'cert-manager.io/issuer-name': 'letsencrypt',
          'example.com/api-token': 'ghp_R8x2Kq9vLm4Tz7Wb1Yc5Nd3Fh6Jp0Gs2Ua8E',
        },
      },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'LS0tLS1CRUdJTi0tLS0t', 'tls.key': 'LS0tLS1CRUdJTi1LRVktLS0t' },
    },
  ];
}
