/**
 * `kubeward install`: the complete deployment of the webhook as manifests, shaped by the
 * failure stories of admission.md §4 — never the outage: kube-system and kubeward's own
 * namespace are not sent to it, node identities and its own service account are skipped
 * by matchConditions before any network hop, only pod-bearing kinds are matched (never
 * `*`), timeoutSeconds 3, ≥2 replicas spread by anti-affinity with a PodDisruptionBudget,
 * no CPU limit; least privilege: the ClusterRole reads namespaces and nothing else; a CA
 * and serving certificate generated here (their `caBundle` in the webhook configurations),
 * or cert-manager objects that issue and inject them.
 */
import { componentNetworkPolicies } from '../netpol/componentPolicies.js';
import type { JsonRecord } from '../k8s/shape.js';
import { yamlLib } from '../load/yamlLib.js';
import { generateWebhookCertificates } from './certificates.js';

export interface InstallOptions {
  /** @default "kubeward" */
  readonly namespace?: string;
  /** @default 3 */
  readonly replicas?: number;
  /** Issue the certificates with cert-manager instead of generating them now. */
  readonly certManager?: boolean;
  /** The kubeward image. */
  readonly image: string;
  /** @default "Fail" — for the validating webhook; the mutating one is best effort (Ignore). */
  readonly failurePolicy?: 'Fail' | 'Ignore';
  readonly now?: Date;
}

const NAME = 'kubeward';
const PORT = 8443;

/** Pod-bearing kinds (DESIGN.md "Workload") by API group; PSA's evaluated pod subresource with them. */
const WORKLOAD_RESOURCES = [
  {
    apiGroups: [''],
    apiVersions: ['v1'],
    resources: ['pods', 'pods/ephemeralcontainers', 'replicationcontrollers', 'podtemplates'],
  },
  {
    apiGroups: ['apps'],
    apiVersions: ['v1'],
    resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'],
  },
  { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['jobs', 'cronjobs'] },
];

function webhook(
  ns: string,
  kind: 'validate' | 'mutate',
  caBundle: string | undefined,
  failurePolicy: 'Fail' | 'Ignore',
): JsonRecord {
  return {
    name: `${kind}.kubeward.io`,
    admissionReviewVersions: ['v1'],
    clientConfig: {
      service: { name: NAME, namespace: ns, path: `/${kind}`, port: 443 },
      ...(caBundle !== undefined ? { caBundle } : {}),
    },
    rules: [
      ...WORKLOAD_RESOURCES.map((r) => ({
        ...r,
        // Mutation never patches a pod's subresource; DELETE and CONNECT are never denied, so never sent.
        resources: kind === 'mutate' ? r.resources.filter((x) => !x.includes('/')) : r.resources,
        operations: ['CREATE', 'UPDATE'],
        scope: 'Namespaced',
      })),
      // Namespaces whose kubeward.io/* mode labels do not parse are refused, as PSA refuses its own.
      ...(kind === 'validate'
        ? [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              resources: ['namespaces'],
              operations: ['CREATE', 'UPDATE'],
              scope: 'Cluster',
            },
          ]
        : []),
    ],
    failurePolicy,
    sideEffects: 'None',
    timeoutSeconds: 3,
    matchPolicy: 'Equivalent',
    namespaceSelector: {
      matchExpressions: [
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', ns] },
      ],
    },
    matchConditions: [
      { name: 'not-a-node', expression: "!('system:nodes' in request.userInfo.groups)" },
      { name: 'not-a-lease', expression: "request.resource.group != 'coordination.k8s.io'" },
      {
        name: 'not-kubeward-itself',
        expression: `request.userInfo.username != 'system:serviceaccount:${ns}:${NAME}'`,
      },
    ],
    ...(kind === 'mutate' ? { reinvocationPolicy: 'IfNeeded' } : {}),
  };
}

/** The manifests, in apply order. */
export function installManifests(options: InstallOptions): JsonRecord[] {
  const ns = options.namespace ?? NAME;
  const replicas = options.replicas ?? 3;
  const labels = { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/component': 'admission-webhook' };
  const meta = (name: string, extra: JsonRecord = {}): JsonRecord => ({
    name,
    namespace: ns,
    labels,
    ...extra,
  });
  const dnsNames = [`${NAME}.${ns}.svc`, `${NAME}.${ns}.svc.cluster.local`];
  const pki =
    options.certManager === true
      ? undefined
      : generateWebhookCertificates({ dnsNames, ...(options.now ? { now: options.now } : {}) });
  const caBundle = pki !== undefined ? Buffer.from(pki.caCert).toString('base64') : undefined;
  const inject =
    options.certManager === true
      ? { annotations: { 'cert-manager.io/inject-ca-from': `${ns}/${NAME}-serving` } }
      : {};
  const probe = (path: string): JsonRecord => ({
    httpGet: { path, port: 'https', scheme: 'HTTPS' },
    periodSeconds: 5,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });

  const certificates: JsonRecord[] =
    pki !== undefined
      ? [
          {
            apiVersion: 'v1',
            kind: 'Secret',
            // The key is generated for this install, to be applied, not committed: the scan's
            // secret-in-source rule would rightly report it in a repository. --cert-manager keeps
            // the key out of the printed manifests altogether.
            metadata: meta(`${NAME}-tls`, {
              annotations: {
                'kubeward.io/ignore':
                  'secret-in-source: generated by kubeward install for kubectl apply, not for a repository (--cert-manager keeps the key out of the manifests)',
              },
            }),
            type: 'kubernetes.io/tls',
            stringData: { 'tls.crt': pki.cert, 'tls.key': pki.key, 'ca.crt': pki.caCert },
          },
        ]
      : [
          {
            apiVersion: 'cert-manager.io/v1',
            kind: 'Issuer',
            metadata: meta(`${NAME}-selfsigned`),
            spec: { selfSigned: {} },
          },
          {
            apiVersion: 'cert-manager.io/v1',
            kind: 'Certificate',
            metadata: meta(`${NAME}-ca`),
            spec: {
              isCA: true,
              commonName: 'kubeward webhook CA',
              secretName: `${NAME}-ca`,
              duration: '87600h',
              privateKey: { algorithm: 'ECDSA', size: 256 },
              issuerRef: { name: `${NAME}-selfsigned`, kind: 'Issuer' },
            },
          },
          {
            apiVersion: 'cert-manager.io/v1',
            kind: 'Issuer',
            metadata: meta(`${NAME}-ca`),
            spec: { ca: { secretName: `${NAME}-ca` } },
          },
          {
            apiVersion: 'cert-manager.io/v1',
            kind: 'Certificate',
            metadata: meta(`${NAME}-serving`),
            spec: {
              secretName: `${NAME}-tls`,
              dnsNames,
              duration: '2160h',
              renewBefore: '720h',
              privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
              issuerRef: { name: `${NAME}-ca`, kind: 'Issuer' },
            },
          },
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
      metadata: { name: `${NAME}-namespace-reader`, labels },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `${NAME}-namespace-reader`, labels },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: `${NAME}-namespace-reader`,
      },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace: ns }],
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${NAME}-config`),
      data: {
        'server.yaml': yamlLib().stringify({
          exemptions: { namespaces: ['kube-system', ns], usernames: [], runtimeClasses: [] },
          failurePolicy: 'Ignore',
          deadlineMs: 2000,
          decisionLog: { path: '/var/log/kubeward/decisions.log', maxBytes: 10485760, keep: 3 },
        }),
      },
    },
    ...certificates,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(NAME),
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: NAME,
            // The token is projected explicitly: only the namespace watch uses it.
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 65532,
              runAsGroup: 65532,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  {
                    weight: 100,
                    podAffinityTerm: {
                      topologyKey: 'kubernetes.io/hostname',
                      labelSelector: { matchLabels: labels },
                    },
                  },
                ],
              },
            },
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: labels },
              },
            ],
            priorityClassName: 'system-cluster-critical',
            containers: [
              {
                name: 'webhook',
                image: options.image,
                imagePullPolicy: 'IfNotPresent',
                args: [
                  'serve',
                  '--cert',
                  '/tls/tls.crt',
                  '--key',
                  '/tls/tls.key',
                  '--port',
                  String(PORT),
                  '--config',
                  '/config/server.yaml',
                ],
                ports: [{ name: 'https', containerPort: PORT, protocol: 'TCP' }],
                livenessProbe: probe('/healthz'),
                readinessProbe: probe('/readyz'),
                // No CPU limit: throttling is what turns load into timeouts (admission.md §4, story 3).
                resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [
                  { name: 'tls', mountPath: '/tls', readOnly: true },
                  { name: 'config', mountPath: '/config', readOnly: true },
                  {
                    name: 'token',
                    mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
                    readOnly: true,
                  },
                  { name: 'log', mountPath: '/var/log/kubeward' },
                ],
              },
            ],
            volumes: [
              { name: 'tls', secret: { secretName: `${NAME}-tls` } },
              { name: 'config', configMap: { name: `${NAME}-config` } },
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
              { name: 'log', emptyDir: { sizeLimit: '64Mi' } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(NAME),
      spec: { minAvailable: 1, selector: { matchLabels: labels } },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(NAME),
      spec: {
        type: 'ClusterIP',
        selector: labels,
        ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }],
      },
    },
    ...componentNetworkPolicies({ name: NAME, namespace: ns, labels, ingressPort: PORT }),
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: NAME, labels, ...inject },
      webhooks: [webhook(ns, 'validate', caBundle, options.failurePolicy ?? 'Fail')],
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: NAME, labels, ...inject },
      webhooks: [webhook(ns, 'mutate', caBundle, 'Ignore')],
    },
  ];
}

/** The manifests as one multi-document YAML text. */
export function renderInstall(options: InstallOptions): string {
  return installManifests(options)
    .map((o) => yamlLib().stringify(o, { lineWidth: 0 }))
    .join('---\n');
}
