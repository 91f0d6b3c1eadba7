/**
 * The grants an attacker wants, as (verbs × API group × resources) probes: one definition per
 * escalation primitive (kubernetes.io "RBAC good practices — privilege escalation risks";
 * `reference/identity.md` §2.3), used by the risky-grant rules of the catalog, the workload
 * identity rules and `kubeward rbac workloads` (`riskyAccess.ts`), so that "can read secrets"
 * means the same thing everywhere. Whether a rule or a binding grants a probe is decided by the
 * authorizer's rule matching (`ruleMatch.ts`, `bindingAccess.ts`), never here.
 *
 * Overlap policy: a rule entry with `*` verbs on `*` resources in the core or `*` group is
 * reported once, by `rbac-wildcard`; the specific rules skip it ({@link coveredByWildcard}).
 * Partial wildcards (`verbs: ["*"]` on secrets, `resources: ["*"]` with `get`) are reported by
 * `rbac-wildcard-partial` AND by each specific rule they reach, because the specific message
 * says what the wildcard actually hands out, at that grant's own severity (a `resources: ["*"]`
 * entry with `patch` is critical through rbac-webhook-config, not merely a high wildcard).
 * ConfigMap writes that reach kube-system/aws-auth are reported by `rbac-aws-auth` only.
 */
import { bindingAccess } from './bindingAccess.js';
import type { RbacIndex, ResolvedBinding } from './rbacIndex.js';
import { ruleGrantsSomeName, type RuleEntries } from './ruleMatch.js';
import type { PolicyRule } from './types.js';

export interface GrantProbe {
  readonly verbs: readonly string[];
  readonly apiGroup: string;
  /** `resource` or `resource/subresource`. */
  readonly resources: readonly string[];
  /**
   * Only a ClusterRoleBinding grants it: resources the API server treats as cluster-wide though
   * no discovery document lists them (users and groups, which have no namespace, to impersonate).
   */
  readonly clusterWide?: boolean;
}

export interface RiskyGrant {
  /** The rule id that reports this grant on a Role/ClusterRole. */
  readonly id: string;
  /** What the holder can do, for messages: `read secrets`. */
  readonly does: string;
  readonly probes: readonly GrantProbe[];
}

const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const SECRETS_READ: RiskyGrant = {
  id: 'rbac-secrets-read',
  does: 'read secrets',
  // get and also list/watch: both return the secret data (RBAC good practices, "Listing secrets").
  probes: [{ verbs: ['get', 'list', 'watch'], apiGroup: '', resources: ['secrets'] }],
};

export const WORKLOAD_WRITE: RiskyGrant = {
  id: 'rbac-workload-create',
  does: 'create or change workloads',
  probes: [
    { verbs: ['create', 'update', 'patch'], apiGroup: '', resources: ['pods', 'replicationcontrollers'] },
    {
      verbs: ['create', 'update', 'patch'],
      apiGroup: 'apps',
      resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'],
    },
    { verbs: ['create', 'update', 'patch'], apiGroup: 'batch', resources: ['jobs', 'cronjobs'] },
  ],
};

export const POD_EXEC: RiskyGrant = {
  id: 'rbac-pods-exec-attach',
  does: 'run commands in pods',
  probes: [
    // `create` only: since Kubernetes 1.31 (KEP-4006, feature gate
    // AuthorizePodWebsocketUpgradeCreatePermission, on by default) the websocket upgrade of
    // exec/attach is authorized as `create` too; before, a `get` sufficed — not modelled, the
    // engine's default version is newer.
    { verbs: ['create'], apiGroup: '', resources: ['pods/exec', 'pods/attach'] },
    // An ephemeral container is a new process of any image inside the pod's namespaces.
    { verbs: ['update', 'patch'], apiGroup: '', resources: ['pods/ephemeralcontainers'] },
  ],
};

export const PORT_FORWARD: RiskyGrant = {
  id: 'rbac-portforward',
  does: 'tunnel into pods',
  probes: [{ verbs: ['create'], apiGroup: '', resources: ['pods/portforward'] }],
};

export const NODES_PROXY: RiskyGrant = {
  id: 'rbac-nodes-proxy',
  does: 'reach the kubelet API',
  // The kubelet maps GET to `get` and POST to `create` on nodes/proxy; websocket exec is a GET.
  probes: [{ verbs: ['get', 'create'], apiGroup: '', resources: ['nodes/proxy'] }],
};

export const ESCALATE_BIND: RiskyGrant = {
  id: 'rbac-escalate-bind',
  does: 'escalate or bind roles',
  probes: [{ verbs: ['escalate', 'bind'], apiGroup: RBAC_GROUP, resources: ['roles', 'clusterroles'] }],
};

export const IMPERSONATE: RiskyGrant = {
  id: 'rbac-impersonate',
  does: 'impersonate identities',
  // reference/identity.md E4: users, groups and extras have no namespace (only a ClusterRoleBinding
  // grants them); impersonating a ServiceAccount is namespaced.
  probes: [
    { verbs: ['impersonate'], apiGroup: '', resources: ['users', 'groups'], clusterWide: true },
    {
      verbs: ['impersonate'],
      apiGroup: 'authentication.k8s.io',
      resources: ['userextras'],
      clusterWide: true,
    },
    { verbs: ['impersonate'], apiGroup: '', resources: ['serviceaccounts'] },
  ],
};

export const BINDING_WRITE: RiskyGrant = {
  id: 'rbac-binding-create',
  does: 'create or change role bindings',
  // Subjects of an existing binding are mutable (only roleRef is not), so update/patch count too.
  probes: [
    {
      verbs: ['create', 'update', 'patch'],
      apiGroup: RBAC_GROUP,
      resources: ['rolebindings', 'clusterrolebindings'],
    },
  ],
};

export const WEBHOOK_WRITE: RiskyGrant = {
  id: 'rbac-webhook-config',
  does: 'change admission control',
  probes: [
    {
      verbs: WRITE,
      apiGroup: 'admissionregistration.k8s.io',
      resources: [
        'mutatingwebhookconfigurations',
        'validatingwebhookconfigurations',
        'validatingadmissionpolicies',
        'validatingadmissionpolicybindings',
        'mutatingadmissionpolicies',
        'mutatingadmissionpolicybindings',
      ],
    },
  ],
};

export const CSR_APPROVE: RiskyGrant = {
  id: 'rbac-csr-approve',
  does: 'approve certificate signing requests',
  probes: [
    {
      verbs: ['update', 'patch'],
      apiGroup: 'certificates.k8s.io',
      resources: ['certificatesigningrequests/approval'],
    },
  ],
};

export const SA_TOKEN_CREATE: RiskyGrant = {
  id: 'rbac-sa-token-create',
  does: 'mint service-account tokens',
  probes: [{ verbs: ['create'], apiGroup: '', resources: ['serviceaccounts/token'] }],
};

export const PV_CREATE: RiskyGrant = {
  id: 'rbac-create-pv',
  does: 'create persistent volumes',
  probes: [{ verbs: ['create'], apiGroup: '', resources: ['persistentvolumes'] }],
};

export const SERVICES_STATUS: RiskyGrant = {
  id: 'rbac-services-status',
  does: 'set load-balancer status',
  probes: [{ verbs: ['update', 'patch'], apiGroup: '', resources: ['services/status'] }],
};

export const NETWORKING_WRITE: RiskyGrant = {
  id: 'rbac-networking-write',
  does: 'change traffic routing or segmentation',
  probes: [
    { verbs: WRITE, apiGroup: '', resources: ['services', 'endpoints'] },
    { verbs: WRITE, apiGroup: 'discovery.k8s.io', resources: ['endpointslices'] },
    { verbs: WRITE, apiGroup: 'networking.k8s.io', resources: ['networkpolicies', 'ingresses'] },
  ],
};

export const CONFIGMAP_WRITE: RiskyGrant = {
  id: 'rbac-configmap-write',
  does: 'change configmaps',
  probes: [{ verbs: WRITE, apiGroup: '', resources: ['configmaps'] }],
};

/** Every risky grant, in catalog order. */
export const RISKY_GRANTS: readonly RiskyGrant[] = [
  SECRETS_READ,
  WORKLOAD_WRITE,
  POD_EXEC,
  PORT_FORWARD,
  NODES_PROXY,
  ESCALATE_BIND,
  IMPERSONATE,
  BINDING_WRITE,
  WEBHOOK_WRITE,
  CSR_APPROVE,
  SA_TOKEN_CREATE,
  PV_CREATE,
  SERVICES_STATUS,
  NETWORKING_WRITE,
  CONFIGMAP_WRITE,
];

/** One (verb, group, resource) a rule grants, with the entries that matched and its name restriction. */
export interface GrantHit {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly match: RuleEntries;
  readonly resourceNames: readonly string[];
  /** From a probe only a ClusterRoleBinding grants ({@link GrantProbe.clusterWide}). */
  readonly clusterWide?: boolean;
}

/** Every probe of `grant` that `rule` grants (for some object name). */
export function grantHits(
  rule: PolicyRule,
  grant: RiskyGrant,
  clusterScoped?: (apiGroup: string, resource: string) => boolean,
): GrantHit[] {
  const hits: GrantHit[] = [];
  for (const probe of grant.probes) {
    for (const resource of probe.resources) {
      const [res, sub] = splitResource(resource);
      // A Role can never grant a cluster-scoped resource (its RoleBindings grant in one namespace).
      if (clusterScoped !== undefined && (probe.clusterWide === true || clusterScoped(probe.apiGroup, res)))
        continue;
      for (const verb of probe.verbs) {
        const match = ruleGrantsSomeName(rule, {
          verb,
          apiGroup: probe.apiGroup,
          resource: res,
          ...(sub !== '' ? { subresource: sub } : {}),
        });
        if (match === undefined) continue;
        const hit = { verb, apiGroup: probe.apiGroup, resource, match, resourceNames: rule.resourceNames };
        hits.push(probe.clusterWide === true ? { ...hit, clusterWide: true } : hit);
      }
    }
  }
  return hits;
}

const AWS_AUTH_WRITE: RiskyGrant = {
  id: 'rbac-aws-auth',
  does: 'rewrite aws-auth',
  probes: [{ verbs: ['create', 'update', 'patch'], apiGroup: '', resources: ['configmaps'] }],
};

/**
 * The writes of one PolicyRule that reach ConfigMap kube-system/aws-auth, decidable from the role
 * alone: a Role in kube-system (unless its resourceNames leave aws-auth out), or any role whose
 * resourceNames name aws-auth. A ClusterRole with unrestricted configmap writes reaches it only
 * when bound in kube-system or cluster-wide — that is the binding's story (rbac-configmap-write
 * reports the role).
 * `inKubeSystemRole`: the rule is written in a Role of namespace kube-system.
 */
export function awsAuthWriteHits(rule: PolicyRule, inKubeSystemRole: boolean): GrantHit[] {
  const namesIt = rule.resourceNames.includes('aws-auth');
  if (!namesIt && !(inKubeSystemRole && rule.resourceNames.length === 0)) return [];
  return grantHits(rule, AWS_AUTH_WRITE);
}

/** One (verb, resource) a binding grants in its scope, with the names it is narrowed to (empty: every object). */
export type BindingHit = Pick<GrantHit, 'verb' | 'apiGroup' | 'resource' | 'resourceNames'>;

/**
 * Every probe request the binding grants in its scope, as the authorizer decides it
 * ({@link bindingAccess}: a RoleBinding grants in its namespace only, never a cluster-scoped
 * resource; aggregated and default roles resolved by the index).
 */
export function bindingHits<S>(
  index: RbacIndex<S>,
  binding: ResolvedBinding<S>,
  probes: readonly GrantProbe[],
): readonly BindingHit[] {
  // every workload running as one ServiceAccount asks about the same bindings: answer once
  let byProbes = hitsCache.get(binding);
  if (byProbes === undefined)
    hitsCache.set(binding, (byProbes = new Map<readonly GrantProbe[], readonly BindingHit[]>()));
  let hits = byProbes.get(probes);
  if (hits === undefined) byProbes.set(probes, (hits = probeBinding(index, binding, probes)));
  return hits;
}

const hitsCache = new WeakMap<object, Map<readonly GrantProbe[], readonly BindingHit[]>>();

function probeBinding<S>(
  index: RbacIndex<S>,
  binding: ResolvedBinding<S>,
  probes: readonly GrantProbe[],
): readonly BindingHit[] {
  const out: BindingHit[] = [];
  const rules = binding.role?.rules ?? [];
  for (const probe of probes) {
    if (probe.clusterWide === true && binding.ref.kind === 'RoleBinding') continue;
    for (const resource of probe.resources) {
      const [res, sub] = splitResource(resource);
      for (const verb of probe.verbs) {
        const request = {
          verb,
          apiGroup: probe.apiGroup,
          resource: res,
          ...(sub !== '' ? { subresource: sub } : {}),
        };
        const access = bindingAccess(index, binding, request);
        if (access === undefined) continue;
        const resourceNames =
          access.access === 'yes' ? [] : access.ruleIndexes.flatMap((i) => rules[i]?.resourceNames ?? []);
        out.push({ verb, apiGroup: probe.apiGroup, resource, resourceNames });
      }
    }
  }
  return out;
}

/** Whether any of `rules` grants the hit's request (for some object name). */
export function grantedByAny(rules: readonly PolicyRule[], hit: BindingHit): boolean {
  const [resource, sub] = splitResource(hit.resource);
  const request = {
    verb: hit.verb,
    apiGroup: hit.apiGroup,
    resource,
    ...(sub !== '' ? { subresource: sub } : {}),
  };
  return rules.some((rule) => ruleGrantsSomeName(rule, request) !== undefined);
}

/**
 * The verbs of `verbs` that `rule` grants on one of its own `resources` entries in one of its API
 * groups, for some object name (a rule narrowed by `resourceNames` never grants the un-named
 * `deletecollection`): what a rule hands out of a verb family, whatever it is written on.
 */
export function verbsGrantedByRule(rule: PolicyRule, verbs: readonly string[]): string[] {
  return verbs.filter((verb) =>
    rule.apiGroups.some((apiGroup) =>
      rule.resources.some((entry) => {
        const [resource, sub] = splitResource(entry);
        const request = { verb, apiGroup, resource, ...(sub !== '' ? { subresource: sub } : {}) };
        return ruleGrantsSomeName(rule, request) !== undefined;
      }),
    ),
  );
}

/** Splits `pods/exec` into `['pods', 'exec']`; `pods` into `['pods', '']`. */
export function splitResource(combined: string): readonly [string, string] {
  const slash = combined.indexOf('/');
  return slash < 0 ? [combined, ''] : [combined.slice(0, slash), combined.slice(slash + 1)];
}

/** `*` verbs on `*` resources in the core or `*` group: full control, reported by rbac-wildcard alone. */
export function coveredByWildcard(rule: PolicyRule): boolean {
  return (
    rule.verbs.includes('*') &&
    rule.resources.includes('*') &&
    (rule.apiGroups.includes('*') || rule.apiGroups.includes(''))
  );
}

/** kubectl's notation: `secrets`, `deployments.apps`, `certificatesigningrequests.certificates.k8s.io/approval`. */
export function resourceDisplay(resource: string, apiGroup: string): string {
  if (apiGroup === '') return resource;
  const [res, sub] = splitResource(resource);
  return sub === '' ? `${res}.${apiGroup}` : `${res}.${apiGroup}/${sub}`;
}

/** `"*"`, `"" (core), "apps"`. */
export function apiGroupsDisplay(groups: readonly string[]): string {
  return groups.map((g) => (g === '' ? '"" (core)' : `"${g}"`)).join(', ');
}

function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/**
 * `get, list, watch on secrets; create on pods/exec` — hits grouped by resource, resources with
 * the same verbs joined; a name restriction is stated (`get on secrets named "db"`).
 */
export function describeHits(
  hits: readonly Pick<GrantHit, 'verb' | 'apiGroup' | 'resource' | 'resourceNames'>[],
): string {
  const byResource = new Map<string, { verbs: string[]; names: readonly string[] }>();
  for (const h of hits) {
    const key = `${resourceDisplay(h.resource, h.apiGroup)}\u0000${h.resourceNames.join(',')}`;
    const entry = byResource.get(key);
    if (entry === undefined) byResource.set(key, { verbs: [h.verb], names: h.resourceNames });
    else if (!entry.verbs.includes(h.verb)) entry.verbs.push(h.verb);
  }
  const groups = new Map<string, string[]>();
  for (const [key, { verbs, names }] of byResource) {
    const res = key.slice(0, key.indexOf('\u0000'));
    const g = `${verbs.join(', ')}\u0000${names.length > 0 ? ` named ${quoteList(names)} (narrowed by resourceNames)` : ''}`;
    const list = groups.get(g);
    if (list) list.push(res);
    else groups.set(g, [res]);
  }
  return [...groups]
    .map(([g, resources]) => {
      const [verbs, names] = g.split('\u0000') as [string, string];
      return `${verbs} on ${resources.join(', ')}${names}`;
    })
    .join('; ');
}

/** ` (through "*" in verbs and resources)` when a wildcard entry produced a hit. */
export function wildcardNote(hits: readonly GrantHit[]): string {
  const where: string[] = [];
  if (hits.some((h) => h.match.verb === '*')) where.push('verbs');
  if (hits.some((h) => h.match.resource.startsWith('*'))) where.push('resources');
  return where.length === 0 ? '' : ` (through "*" in ${where.join(' and ')})`;
}
