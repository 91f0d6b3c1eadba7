/**
 * What a stolen token could do, as a short list a reviewer reads first: the risky-permission
 * catalog of `reference/identity.md` §2.3 (RBAC good practices, "Privilege escalation risks";
 * Kubernetes docs "RBAC: restrictions on role creation or update"), each entry a set of requests
 * asked in the identity's namespace (cluster-scoped ones without a namespace). An entry holds
 * when any of its requests is allowed (`yes`) or allowed for some names only (`partial`).
 */
import { accessOf, bestAccess, type Access } from './access.js';
import { userInfoOf } from './identity.js';
import type { RbacIndex } from './rbacIndex.js';
import type { ResourceRequest, SubjectRef } from './types.js';

export interface RiskyAccess {
  readonly id: string;
  readonly title: string;
  /**
   * Requests asked in the identity's namespace, or with none when `clusterWide` (only a
   * ClusterRoleBinding grants those: impersonating users and groups, which have no namespace).
   */
  readonly requests: readonly RiskRequest[];
}

type RiskRequest = Omit<ResourceRequest, 'namespace'> & { readonly clusterWide?: boolean };

const req = (verb: string, apiGroup: string, resource: string, subresource = ''): RiskRequest => ({
  verb,
  apiGroup,
  resource,
  ...(subresource !== '' ? { subresource } : {}),
});
const each = (verbs: readonly string[], apiGroup: string, resources: readonly string[], sub = '') =>
  verbs.flatMap((v) => resources.map((r) => req(v, apiGroup, r, sub)));

export const RISKY_ACCESS: readonly RiskyAccess[] = [
  {
    id: 'cluster-admin',
    title: 'everything, cluster-wide',
    requests: [{ ...req('*', '*', '*'), clusterWide: true }],
  },
  { id: 'namespace-admin', title: 'everything in its namespace', requests: [req('*', '*', '*')] },
  { id: 'read-secrets', title: 'read Secrets', requests: each(['get', 'list', 'watch'], '', ['secrets']) },
  {
    id: 'create-pods',
    title: 'create pods or pod controllers (run as any ServiceAccount of the namespace)',
    requests: [
      ...each(['create'], '', ['pods', 'replicationcontrollers']),
      ...each(['create', 'update', 'patch'], 'apps', [
        'deployments',
        'daemonsets',
        'statefulsets',
        'replicasets',
      ]),
      ...each(['create', 'update', 'patch'], 'batch', ['jobs', 'cronjobs']),
    ],
  },
  {
    id: 'exec',
    title: 'exec or attach into pods, add ephemeral containers',
    requests: [
      ...each(['create', 'get'], '', ['pods'], 'exec'),
      ...each(['create', 'get'], '', ['pods'], 'attach'),
      ...each(['patch', 'update'], '', ['pods'], 'ephemeralcontainers'),
    ],
  },
  {
    id: 'impersonate',
    title: 'impersonate users, groups or ServiceAccounts',
    requests: [
      ...each(['impersonate'], '', ['users', 'groups']).map((r) => ({ ...r, clusterWide: true })),
      { ...req('impersonate', 'authentication.k8s.io', 'userextras'), clusterWide: true },
      req('impersonate', '', 'serviceaccounts'),
    ],
  },
  {
    id: 'escalate-bind',
    title: 'escalate or bind roles (grant what it does not hold)',
    requests: each(['escalate', 'bind'], 'rbac.authorization.k8s.io', ['roles', 'clusterroles']),
  },
  {
    id: 'create-tokens',
    title: 'create ServiceAccount tokens',
    requests: [req('create', '', 'serviceaccounts', 'token')],
  },
  {
    id: 'nodes-proxy',
    title: 'nodes/proxy (kubelet API: exec in any pod of the node)',
    requests: each(['get', 'create'], '', ['nodes'], 'proxy'),
  },
  {
    id: 'approve-csr',
    title: 'approve CertificateSigningRequests',
    requests: [req('update', 'certificates.k8s.io', 'certificatesigningrequests', 'approval')],
  },
  {
    id: 'webhooks',
    title: 'write admission webhook configurations',
    requests: each(['create', 'update', 'patch'], 'admissionregistration.k8s.io', [
      'mutatingwebhookconfigurations',
      'validatingwebhookconfigurations',
    ]),
  },
  {
    id: 'create-persistentvolumes',
    title: 'create PersistentVolumes (host paths)',
    requests: [req('create', '', 'persistentvolumes')],
  },
];

export interface RiskyAccessHit {
  readonly id: string;
  readonly title: string;
  readonly access: Exclude<Access, 'no'>;
}

/** The risky accesses an identity holds, in catalog order; `namespace-admin` is left out when `cluster-admin` holds. */
export function riskyAccessOf<S>(
  index: RbacIndex<S>,
  subject: SubjectRef,
  namespace: string,
): RiskyAccessHit[] {
  const user = userInfoOf(subject);
  const hits: RiskyAccessHit[] = [];
  for (const risk of RISKY_ACCESS) {
    if (risk.id === 'namespace-admin' && hits.some((h) => h.id === 'cluster-admin' && h.access === 'yes'))
      continue;
    let access: Access = 'no';
    for (const { clusterWide, ...r } of risk.requests) {
      access = bestAccess(
        access,
        accessOf(index, user, { ...r, namespace: clusterWide ? '' : namespace }).access,
      );
      if (access === 'yes') break;
    }
    if (access !== 'no') hits.push({ id: risk.id, title: risk.title, access });
  }
  return hits;
}
