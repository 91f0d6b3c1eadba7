/**
 * RBAC techniques, each decided by the authorizer (`rbac/authorizer.ts` grantsOf over the
 * bindings that name the identity): apiGroups, subresources, resourceNames and group subjects
 * are the engine's, so `pods/*` grants no POD_EXEC (kubernetes#78936) and a RoleBinding to
 * `cluster-admin` grants in its namespace only. Each identity is asked once cluster-wide (the
 * request without a namespace, which only ClusterRoleBindings grant) and once per namespace
 * where a RoleBinding names it; a technique that holds cluster-wide is not asked again per
 * namespace. Targets are groups ("every pod of namespace X"), never one edge per pod.
 *
 * `bind` and `escalate` are asked in the namespace of the RoleBinding or Role being written, as
 * the API server's escalation check does (`rbac/validation` BindingAuthorized): a Role may grant
 * `bind` on `clusterroles` within its namespace.
 */
import type { SourceRef } from '../k8s/resource.js';
import { grantsOf, normalizeRequest, bindingsFor, type Grant } from '../rbac/authorizer.js';
import { requestNamespace } from '../rbac/clusterScope.js';
import { isSuperuser, userInfoOf } from '../rbac/identity.js';
import type { RbacIndex, SubjectHit } from '../rbac/rbacIndex.js';
import type { ResourceRequest, SubjectRef } from '../rbac/types.js';
import type { NamespaceSummary } from '../model/clusterModel.js';
import { grantEvidence, grantFix } from './evidence.js';
import type { TechniqueId } from './types.js';
import { ALL, type GraphVertices } from './vertices.js';

type Req = Omit<ResourceRequest, 'namespace'>;
const r = (verb: string, apiGroup: string, resource: string, subresource?: string, name?: string): Req => ({
  verb,
  apiGroup,
  resource,
  ...(subresource !== undefined ? { subresource } : {}),
  ...(name !== undefined ? { name } : {}),
});

const CONTROLLERS: readonly Req[] = [
  r('create', '', 'pods'),
  r('create', '', 'replicationcontrollers'),
  ...['deployments', 'daemonsets', 'statefulsets', 'replicasets'].map((x) => r('create', 'apps', x)),
  ...['jobs', 'cronjobs'].map((x) => r('create', 'batch', x)),
];
const PATCHES: readonly Req[] = ['patch', 'update'].flatMap((verb) => [
  r(verb, '', 'pods'),
  r(verb, '', 'replicationcontrollers'),
  ...['deployments', 'daemonsets', 'statefulsets', 'replicasets'].map((x) => r(verb, 'apps', x)),
  ...['jobs', 'cronjobs'].map((x) => r(verb, 'batch', x)),
]);

type Target = 'pods' | 'secrets' | 'serviceAccounts' | 'node' | 'users' | 'clusterAdmin';

interface Technique {
  readonly id: TechniqueId;
  /** Any one allowed request enables the technique. */
  readonly requests: readonly Req[];
  readonly target: Target;
  readonly what: string;
  readonly clusterOnly?: boolean;
  /** Appended to the evidence: what else the technique needs that the input does not show. */
  readonly note?: string;
}

const TECHNIQUE_TABLE: readonly Technique[] = [
  { id: 'SECRET_READ', requests: [r('get', '', 'secrets')], target: 'secrets', what: 'get secrets' },
  { id: 'TOKEN_LIST', requests: [r('list', '', 'secrets')], target: 'secrets', what: 'list secrets' },
  {
    // KubeHound token_bruteforce*.go: `get` on secrets without resourceNames (the request has no
    // name, so a rule limited by resourceNames does not allow it), to the ServiceAccounts of the
    // grant's namespace, or of every namespace for a cluster-wide grant.
    id: 'TOKEN_BRUTEFORCE',
    requests: [r('get', '', 'secrets')],
    target: 'serviceAccounts',
    what: 'get secrets',
    note: ' — guesses the names of legacy token Secrets (<sa>-token-<5 chars>): only where such Secrets exist (created by hand, or before Kubernetes 1.24)',
  },
  { id: 'POD_EXEC', requests: [r('create', '', 'pods', 'exec')], target: 'pods', what: 'create pods/exec' },
  { id: 'POD_PATCH', requests: PATCHES, target: 'pods', what: 'patch/update of pods and pod controllers' },
  {
    id: 'EPHEMERAL_CONTAINER',
    requests: ['patch', 'update'].map((v) => r(v, '', 'pods', 'ephemeralcontainers')),
    target: 'pods',
    what: 'patch pods/ephemeralcontainers',
  },
  { id: 'POD_CREATE', requests: CONTROLLERS, target: 'node', what: 'create of pods and pod controllers' },
  {
    id: 'POD_CREATE_AS_SA',
    requests: CONTROLLERS,
    target: 'serviceAccounts',
    what: 'create of pods and pod controllers',
  },
  {
    id: 'TOKEN_REQUEST',
    requests: [r('create', '', 'serviceaccounts', 'token')],
    target: 'serviceAccounts',
    what: 'create serviceaccounts/token',
  },
  {
    id: 'IDENTITY_IMPERSONATE',
    requests: [r('impersonate', '', 'serviceaccounts')],
    target: 'serviceAccounts',
    what: 'impersonate serviceaccounts',
  },
  {
    id: 'IDENTITY_IMPERSONATE',
    requests: [r('impersonate', '', 'users')],
    target: 'users',
    what: 'impersonate users',
    clusterOnly: true,
  },
  {
    // A ServiceAccount is the user `system:serviceaccount:<ns>:<name>`: impersonating users covers it.
    id: 'IDENTITY_IMPERSONATE',
    requests: [r('impersonate', '', 'users')],
    target: 'serviceAccounts',
    what: 'impersonate users',
    clusterOnly: true,
  },
  {
    id: 'IDENTITY_IMPERSONATE',
    requests: [r('impersonate', '', 'groups', undefined, 'system:masters')],
    target: 'clusterAdmin',
    what: 'impersonate groups',
    clusterOnly: true,
  },
  {
    id: 'NODE_PROXY_EXEC',
    // The kubelet maps GET (websocket exec) to `get` and POST to `create` on nodes/proxy.
    requests: [r('get', '', 'nodes', 'proxy'), r('create', '', 'nodes', 'proxy')],
    target: 'pods',
    what: 'nodes/proxy',
    clusterOnly: true,
  },
];

const RBAC = 'rbac.authorization.k8s.io';
const EVERYTHING = [r('*', '*', '*')];
const CREATE_CLUSTER_BINDINGS = [r('create', RBAC, 'clusterrolebindings')];
const CREATE_BINDINGS = [r('create', RBAC, 'rolebindings')];
const BIND_CLUSTER_ADMIN = [r('bind', RBAC, 'clusterroles', undefined, 'cluster-admin')];
const BIND_ADMIN = ['admin', 'cluster-admin'].map((n) => r('bind', RBAC, 'clusterroles', undefined, n));
/** Pod Security Admission levels that refuse a privileged pod (`pod-security.kubernetes.io/enforce`). */
const REFUSES_PRIVILEGED = new Set(['baseline', 'restricted']);

export interface RbacEdgeContext {
  readonly rbac: RbacIndex<SourceRef>;
  readonly vertices: GraphVertices;
  readonly namespaces: ReadonlyMap<string, NamespaceSummary>;
}

function made(ctx: RbacEdgeContext, req: Req, namespace: string, normalize: boolean): ResourceRequest {
  const raw: ResourceRequest = { ...req, namespace, name: req.name ?? '' };
  return normalize ? { ...raw, namespace: requestNamespace(ctx.rbac.scope, raw) } : raw;
}

const asked = new WeakMap<RbacEdgeContext, Map<Req, Map<string, ResourceRequest>>>();

/** The request as asked in `namespace` (normalized as the API server would, unless told not to), built once per context. */
function askedRequest(
  ctx: RbacEdgeContext,
  req: Req,
  namespace: string,
  normalize: boolean,
): ResourceRequest {
  let byReq = asked.get(ctx);
  if (byReq === undefined) {
    byReq = new Map();
    asked.set(ctx, byReq);
  }
  let byNamespace = byReq.get(req);
  if (byNamespace === undefined) {
    byNamespace = new Map();
    byReq.set(req, byNamespace);
  }
  const key = normalize ? namespace : `\u0000${namespace}`;
  let request = byNamespace.get(key);
  if (request === undefined) {
    request = made(ctx, req, namespace, normalize);
    byNamespace.set(key, request);
  }
  return request;
}

/** The first grant of the first allowed request, or undefined. */
function firstGrant(
  ctx: RbacEdgeContext,
  hits: readonly SubjectHit<SourceRef>[],
  requests: readonly Req[],
  namespace: string,
  normalize = true,
  /** False for requests made up on the spot (named roles): not worth keeping. */
  cache = true,
): Grant<SourceRef> | undefined {
  for (const req of requests) {
    const request = cache
      ? askedRequest(ctx, req, namespace, normalize)
      : made(ctx, req, namespace, normalize);
    for (const hit of hits) {
      const grants = grantsOf(hit, request);
      if (grants[0] !== undefined) return grants[0];
    }
  }
  return undefined;
}

function targetOf(ctx: RbacEdgeContext, target: Target, scope: string): number | undefined {
  const v = ctx.vertices;
  switch (target) {
    case 'pods':
      return v.group('Pod', scope);
    case 'secrets':
      return v.group('Secret', scope);
    case 'serviceAccounts':
      return v.group('ServiceAccount', scope);
    case 'users':
      return v.allUsers();
    case 'clusterAdmin':
      return v.clusterAdmin;
    case 'node': {
      // A new pod may name any node (`spec.nodeName`).
      if (scope === ALL) return v.anyNode;
      const level = ctx.namespaces.get(scope)?.labels['pod-security.kubernetes.io/enforce'];
      return level !== undefined && REFUSES_PRIVILEGED.has(level) ? undefined : v.anyNode;
    }
  }
}

/** Adds the RBAC technique edges leaving the identity vertex `from`. */
export function addRbacEdges(ctx: RbacEdgeContext, from: number, subject: SubjectRef): void {
  const g = ctx.vertices.graph;
  const user = userInfoOf(subject);
  if (isSuperuser(user)) {
    g.technique(from, ctx.vertices.clusterAdmin, 'PERMISSION_DISCOVER', {
      text: 'member of system:masters (allowed everything before RBAC is asked)',
      fix: 'take the identity out of system:masters',
    });
    return;
  }
  const hits = bindingsFor(ctx.rbac, user);
  if (hits.length === 0) return;
  const admin = firstGrant(ctx, hits, EVERYTHING, '');
  if (admin !== undefined) {
    g.technique(from, ctx.vertices.clusterAdmin, 'PERMISSION_DISCOVER', {
      text: grantEvidence(admin),
      fix: grantFix(admin, '"*" on "*"'),
    });
  }
  const namespaces = new Set<string>();
  for (const hit of hits)
    if (hit.binding.ref.kind === 'RoleBinding') namespaces.add(hit.binding.ref.namespace);
  const heldEverywhere = new Set<Technique>();
  for (const scope of [ALL, ...namespaces]) {
    const asked = scope === ALL ? '' : scope;
    for (const t of TECHNIQUE_TABLE) {
      if (t.clusterOnly === true && scope !== ALL) continue;
      if (heldEverywhere.has(t)) continue;
      const grant = firstGrant(ctx, hits, t.requests, asked);
      if (grant === undefined) continue;
      if (scope === ALL) heldEverywhere.add(t);
      const to = targetOf(ctx, t.target, scope);
      if (to !== undefined)
        g.technique(from, to, t.id, {
          text: grantEvidence(grant) + (t.note ?? ''),
          fix: grantFix(grant, t.what),
        });
    }
    addNamedSecretReads(ctx, from, hits, scope);
  }
  addBindEscalate(ctx, from, hits, namespaces);
}

const GET_POD_LOGS = [r('get', '', 'pods', 'log')];

/**
 * The grant that lets a ServiceAccount `get pods/log` in its own namespace (any pod's: the
 * request has no name), as evidence; undefined when the authorizer refuses (CE_VAR_LOG_SYMLINK).
 */
export function podLogGrant(ctx: RbacEdgeContext, namespace: string, name: string): string | undefined {
  const user = userInfoOf({ kind: 'ServiceAccount', namespace, name });
  const hits = bindingsFor(ctx.rbac, user);
  const grant = hits.length === 0 ? undefined : firstGrant(ctx, hits, GET_POD_LOGS, namespace);
  return grant === undefined ? undefined : grantEvidence(grant);
}

/**
 * `get secrets` limited by resourceNames: SECRET_READ of exactly those Secrets — in the namespace
 * of a RoleBinding, or (cluster-wide) every Secret of that name the graph knows.
 */
function addNamedSecretReads(
  ctx: RbacEdgeContext,
  from: number,
  hits: readonly SubjectHit<SourceRef>[],
  scope: string,
): void {
  for (const hit of hits) {
    if (scope === ALL && hit.binding.ref.kind !== 'ClusterRoleBinding') continue;
    for (const rule of hit.binding.role?.rules ?? []) {
      for (const name of rule.resourceNames) {
        // Cluster-wide: the Secrets of that name the graph knows; in a namespace: that one, made
        // an asset only once the grant is found (a name may be a ConfigMap's).
        const namespaces = scope === ALL ? ctx.vertices.secretsNamed(name).map((t) => t.namespace) : [scope];
        for (const namespace of namespaces) {
          const request = { verb: 'get', apiGroup: '', resource: 'secrets', name, namespace };
          const grant = grantsOf(hit, normalizeRequest(ctx.rbac, request))[0];
          if (grant === undefined) continue;
          ctx.vertices.graph.technique(from, ctx.vertices.secret(namespace, name), 'SECRET_READ', {
            text: grantEvidence(grant),
            fix: grantFix(grant, `get of Secret ${name}`),
          });
        }
      }
    }
  }
}

/**
 * ROLE_BIND: create (cluster)rolebindings and `bind` on an admin role (`cluster-admin` and
 * `admin` exist in every cluster). ROLE_ESCALATE: `escalate` plus update/patch on a role already
 * bound to the identity (it can then add any rule to it). Cluster-wide they lead to the critical
 * asset; in a namespace to admin of that namespace.
 */
function addBindEscalate(
  ctx: RbacEdgeContext,
  from: number,
  hits: readonly SubjectHit<SourceRef>[],
  namespaces: ReadonlySet<string>,
): void {
  const g = ctx.vertices.graph;
  const bindCluster =
    firstGrant(ctx, hits, CREATE_CLUSTER_BINDINGS, '') !== undefined
      ? firstGrant(ctx, hits, BIND_CLUSTER_ADMIN, '')
      : undefined;
  if (bindCluster !== undefined)
    g.technique(from, ctx.vertices.clusterAdmin, 'ROLE_BIND', {
      text: grantEvidence(bindCluster),
      fix: grantFix(bindCluster, 'bind (and create clusterrolebindings)'),
    });
  const escalateCluster = escalateGrant(ctx, hits, '', 'ClusterRoleBinding');
  if (escalateCluster !== undefined)
    g.technique(from, ctx.vertices.clusterAdmin, 'ROLE_ESCALATE', {
      text: grantEvidence(escalateCluster),
      fix: grantFix(escalateCluster, 'escalate'),
    });
  const csr = csrApproveGrant(ctx, hits);
  if (csr !== undefined)
    g.technique(from, ctx.vertices.clusterAdmin, 'CSR_APPROVE', {
      text: grantEvidence(csr),
      fix: grantFix(csr, 'approve of signers'),
    });
  if (bindCluster !== undefined || escalateCluster !== undefined) return;
  for (const ns of namespaces) {
    const create = firstGrant(ctx, hits, CREATE_BINDINGS, ns);
    const bind = create !== undefined ? firstGrant(ctx, hits, BIND_ADMIN, ns, false) : undefined;
    if (bind !== undefined)
      g.technique(from, ctx.vertices.namespaceAdmin(ns), 'ROLE_BIND', {
        text: grantEvidence(bind),
        fix: grantFix(bind, 'bind (and create rolebindings)'),
      });
    const escalate = escalateGrant(ctx, hits, ns, 'RoleBinding');
    if (escalate !== undefined)
      g.technique(from, ctx.vertices.namespaceAdmin(ns), 'ROLE_ESCALATE', {
        text: grantEvidence(escalate),
        fix: grantFix(escalate, 'escalate'),
      });
  }
}

const CERTIFICATES = 'certificates.k8s.io';
const CSR_STEPS: readonly (readonly Req[])[] = [
  [r('create', CERTIFICATES, 'certificatesigningrequests')],
  [r('update', CERTIFICATES, 'certificatesigningrequests', 'approval')],
  [r('approve', CERTIFICATES, 'signers', undefined, 'kubernetes.io/kube-apiserver-client')],
];

/**
 * CSR_APPROVE: create a CertificateSigningRequest for a client certificate in `system:masters`,
 * approve it (`certificatesigningrequests/approval` and `approve` on the kube-apiserver-client
 * signer — the CSR approval docs, "Authorization"), and read the certificate: every step is
 * needed; the grant shown is the signer approval.
 */
function csrApproveGrant(
  ctx: RbacEdgeContext,
  hits: readonly SubjectHit<SourceRef>[],
): Grant<SourceRef> | undefined {
  let last: Grant<SourceRef> | undefined;
  for (const step of CSR_STEPS) {
    last = firstGrant(ctx, hits, step, '');
    if (last === undefined) return undefined;
  }
  return last;
}

/** The `escalate` grant on a role bound to the identity by a binding of `kind` (in `namespace`) that it may also update. */
function escalateGrant(
  ctx: RbacEdgeContext,
  hits: readonly SubjectHit<SourceRef>[],
  namespace: string,
  kind: 'RoleBinding' | 'ClusterRoleBinding',
): Grant<SourceRef> | undefined {
  for (const hit of hits) {
    const b = hit.binding;
    if (
      b.ref.kind !== kind ||
      b.role === undefined ||
      (kind === 'RoleBinding' && b.ref.namespace !== namespace)
    )
      continue;
    const resource = b.role.ref.kind === 'Role' ? 'roles' : 'clusterroles';
    // A ClusterRole is a cluster-scoped object: updating it is a request without a namespace.
    const where = b.role.ref.kind === 'Role' ? namespace : '';
    const name = b.role.ref.name;
    const escalate = firstGrant(
      ctx,
      hits,
      [r('escalate', RBAC, resource, undefined, name)],
      where,
      false,
      false,
    );
    if (escalate === undefined) continue;
    const update = firstGrant(
      ctx,
      hits,
      ['update', 'patch'].map((v) => r(v, RBAC, resource, undefined, name)),
      where,
      true,
      false,
    );
    if (update !== undefined) return escalate;
  }
  return undefined;
}
