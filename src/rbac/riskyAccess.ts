/**
 * What a stolen token could do, as a short list a reviewer reads first: the risky-permission
 * catalog of `reference/identity.md` §2.3 (RBAC good practices, "Privilege escalation risks";
 * Kubernetes docs "RBAC: restrictions on role creation or update"), each entry a set of requests
 * asked in the identity's namespace (cluster-scoped ones without a namespace). An entry holds
 * when any of its requests is allowed (`yes`) or allowed for some names only (`partial`). The
 * requests are the probes of the catalog's risky-grant rules (`riskyGrants.ts`): one definition.
 */
import { accessOf, bestAccess, type Access } from './access.js';
import { userInfoOf } from './identity.js';
import type { RbacIndex } from './rbacIndex.js';
import {
  CSR_APPROVE,
  ESCALATE_BIND,
  IMPERSONATE,
  NODES_PROXY,
  POD_EXEC,
  PV_CREATE,
  SA_TOKEN_CREATE,
  SECRETS_READ,
  splitResource,
  WEBHOOK_WRITE,
  WORKLOAD_WRITE,
  type RiskyGrant,
} from './riskyGrants.js';
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

/** The requests of a risky grant: the same probes the catalog's rbac rules test (riskyGrants.ts). */
function requestsOf(grant: RiskyGrant): RiskRequest[] {
  return grant.probes.flatMap((p) =>
    p.resources.flatMap((combined) => {
      const [resource, subresource] = splitResource(combined);
      return p.verbs.map((verb) => ({
        verb,
        apiGroup: p.apiGroup,
        resource,
        ...(subresource !== '' ? { subresource } : {}),
        ...(p.clusterWide === true ? { clusterWide: true } : {}),
      }));
    }),
  );
}

const fromGrant = (id: string, title: string, grant: RiskyGrant): RiskyAccess => ({
  id,
  title,
  requests: requestsOf(grant),
});

export const RISKY_ACCESS: readonly RiskyAccess[] = [
  {
    id: 'cluster-admin',
    title: 'everything, cluster-wide',
    requests: [{ verb: '*', apiGroup: '*', resource: '*', clusterWide: true }],
  },
  {
    id: 'namespace-admin',
    title: 'everything in its namespace',
    requests: [{ verb: '*', apiGroup: '*', resource: '*' }],
  },
  fromGrant('read-secrets', 'read Secrets', SECRETS_READ),
  fromGrant(
    'create-pods',
    'create pods or pod controllers (run as any ServiceAccount of the namespace)',
    WORKLOAD_WRITE,
  ),
  fromGrant('exec', 'exec or attach into pods, add ephemeral containers', POD_EXEC),
  fromGrant('impersonate', 'impersonate users, groups or ServiceAccounts', IMPERSONATE),
  fromGrant('escalate-bind', 'escalate or bind roles (grant what it does not hold)', ESCALATE_BIND),
  fromGrant('create-tokens', 'create ServiceAccount tokens', SA_TOKEN_CREATE),
  fromGrant('nodes-proxy', 'nodes/proxy (kubelet API: exec in any pod of the node)', NODES_PROXY),
  fromGrant('approve-csr', 'approve CertificateSigningRequests', CSR_APPROVE),
  fromGrant('webhooks', 'write admission webhook configurations', WEBHOOK_WRITE),
  fromGrant('create-persistentvolumes', 'create PersistentVolumes (host paths)', PV_CREATE),
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
