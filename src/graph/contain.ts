/**
 * `kubeward contain`: a quarantine plan for one compromised workload, verified on the graph.
 *
 * The plan, in the order an incident responder runs it:
 *  1. isolate: a NetworkPolicy denying all ingress and egress to pods that carry both the
 *     workload's own pod labels and the quarantine label, then the label on its running pods
 *     (no restart: the compromised pods stay for forensics);
 *  2. revoke: the bindings that give its ServiceAccount rights — deleted when the account is the
 *     only subject, rewritten without it otherwise — but only when no other workload runs as that
 *     account (else its rights are theirs too and stay: a narrower change is impossible, which the
 *     plan says); group subjects (`system:serviceaccounts…`) are never touched;
 *  3. rotate: the legacy token Secrets of a dedicated account, the pods' bound tokens (they die
 *     with their pod), and the Secrets its pods were given (their values are in the attacker's
 *     hands whatever else is done);
 *  4. keep replacements quarantined: the label and `automountServiceAccountToken: false` on the
 *     pod template (a rollout: run it after the forensic capture);
 *  5. stop: scale to zero when anything is still reachable with the pods running — container
 *     escapes are not network-gated, and the Secrets its pods hold stay readable to whoever holds
 *     the pod — or when asked.
 *
 * Verification recomputes the graph with steps 1–4 applied: what the workload still reaches is
 * listed with the technique of its first hop; no other workload may lose or gain a connection
 * except to or from the quarantined one (the NetworkPolicy engine's connectivity diff); no other
 * identity may lose a technique edge.
 */
import type { V1ClusterRoleBinding, V1NetworkPolicy, V1RoleBinding } from '@kubernetes/client-node';
import { compileLabelSelector, mapSelectorMatches, selectorMatches } from '../k8s/selector.js';
import type { FieldPath } from '../k8s/fieldPath.js';
import type { ClusterModel, Labels, WholeObject, WorkloadSummary } from '../model/clusterModel.js';
import { ClusterModelIndex } from '../model/modelIndex.js';
import { analyzeNetworkPolicies } from '../netpol/analyze.js';
import { connectivityDiff } from '../netpol/diff.js';
import { netpolInputFromModel } from '../netpol/fromModel.js';
import { buildAttackGraph, type BuiltGraph, type GraphOptions } from './build.js';
import { workloadAsset } from './evidence.js';
import { attackPaths, blastRadius } from './queries.js';
import { assetText, type Asset, type TechniqueId } from './types.js';
import { resolveRef } from './workloadRef.js';

export const QUARANTINE_LABEL = 'kubeward.io/quarantine';
const QUARANTINE_VALUE = 'true';

export interface ContainOptions extends GraphOptions {
  /** `auto` (default): only when something stays reachable with the pods running. */
  readonly scaleToZero?: 'auto' | 'always' | 'never';
}

/** An object the plan deletes. */
export interface Deletion {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly reason: string;
}

/** Something the workload still reaches once isolated, with the technique of the first hop. */
export interface Remaining extends Asset {
  readonly hops: number;
  readonly via: TechniqueId;
}

export interface ContainmentPlan {
  readonly workload: Asset;
  /** Assets the workload reaches now (the workload itself never counted). */
  readonly blastRadiusBefore: number;
  /** Assets it reaches with steps 1–4 applied, its pods still running. */
  readonly blastRadiusIsolated: number;
  /** Assets it reaches when the whole plan is applied (0 once scaled to zero: no pod runs). */
  readonly blastRadiusAfter: number;
  readonly remaining: readonly Remaining[];
  readonly scaleToZero: boolean;
  /** Objects to apply: the quarantine NetworkPolicy, bindings rewritten without the ServiceAccount. */
  readonly manifests: readonly Record<string, unknown>[];
  readonly deletions: readonly Deletion[];
  /** The label the running pods get (`kubectl label`), and the pod template too. */
  readonly podLabel: { readonly key: string; readonly value: string };
  /** Shell commands in order; lines starting with `#` say what the next ones do. */
  readonly commands: readonly string[];
  readonly warnings: readonly string[];
  /** Connections between other workloads (or with external addresses) the plan would change: must be empty. */
  readonly otherConnectionsChanged: readonly string[];
  /** Technique edges of other identities the plan would remove: must be empty. */
  readonly otherIdentitiesChanged: readonly string[];
  readonly verified: boolean;
}

export type ContainResult = { readonly plan: ContainmentPlan } | { readonly error: string };

const KUBEWARD_SOURCE = { file: '<kubeward contain>', documentIndex: 0, line: 1 } as const;

export function planContainment(
  model: ClusterModel,
  reference: string,
  options: ContainOptions = {},
): ContainResult {
  const before = buildAttackGraph(model, options);
  const resolved = resolveRef(before, reference, 'workload');
  if ('error' in resolved) return { error: resolved.error };
  const asset = before.graph.vertices[resolved.vertex]!.asset;
  const target = model.workloads.find((w) => sameAsset(workloadAsset(w), asset));
  if (target === undefined) return { error: `no workload "${reference}" in the input` };

  const index = new ClusterModelIndex(model);
  const ns = target.namespace;
  const warnings: string[] = [];
  const commands: string[] = [];
  const sharing = model.workloads.filter(
    (w) => w !== target && w.namespace === ns && w.serviceAccount === target.serviceAccount,
  );
  const dedicated = sharing.length === 0;

  // 1. isolate: NetworkPolicies add up, so a deny-all policy isolates nothing another policy
  // allows: the policies that select the workload's pods stop selecting quarantined ones
  const policy = quarantinePolicy(target);
  const narrowed = narrowPolicies(model, target);
  const overlapping = model.workloads.filter(
    (w) => w !== target && w.namespace === ns && mapSelectorMatches(target.podLabels, w.podLabels),
  );
  commands.push(
    '# 1. isolate now: the quarantine NetworkPolicy and the narrowed policies that allowed its pods, then the label on the running pods (no restart)',
    `kubectl apply -f quarantine.yaml`,
    labelCommand(target),
  );
  if (target.ref.kind !== 'Pod' && Object.keys(target.podLabels).length === 0)
    warnings.push(
      `${assetText(asset)} has no pod labels: label its pods by name (kubectl get pods -n ${ns}), the command above labels none`,
    );
  else if (target.ref.kind !== 'Pod' && overlapping.length > 0)
    warnings.push(
      `the pod labels of ${assetText(asset)} also match ${overlapping.map((w) => assetText(workloadAsset(w))).join(', ')}: ` +
        'label only the pods it owns (by name), or the label isolates theirs too',
    );

  // 2. revoke
  const revoked = dedicated ? revokeBindings(model, target) : { deletions: [], rewritten: [], kept: model };
  const sa = `${ns}/${target.serviceAccount}`;
  if (!dedicated)
    warnings.push(
      `ServiceAccount ${sa} is also used by ${sharing.map((w) => assetText(workloadAsset(w))).join(', ')}: ` +
        'its bindings stay (removing them would cut their rights); give each workload its own ServiceAccount',
    );
  for (const g of groupGrants(model, target))
    warnings.push(`${g} grants the ServiceAccount's groups rights shared with other accounts: left as it is`);
  const deletions = revoked.deletions;
  if (deletions.length > 0 || revoked.rewritten.length > 0) {
    commands.push(`# 2. revoke the rights of ServiceAccount ${sa}`);
    for (const d of deletions) commands.push(deleteCommand(d));
    if (revoked.rewritten.length > 0)
      commands.push('# (the bindings that keep other subjects are rewritten in quarantine.yaml)');
  }

  // 3. rotate
  const rotation: string[] = [];
  const saObject = index.serviceAccount(ns, target.serviceAccount);
  const legacy = (saObject?.object.secrets ?? []).map((s) => s.name).filter((n): n is string => !!n);
  if (legacy.length > 0 && dedicated)
    for (const name of legacy) {
      const d = { kind: 'Secret', namespace: ns, name, reason: `legacy token of ServiceAccount ${sa}` };
      deletions.push(d);
      rotation.push(deleteCommand(d));
    }
  else if (legacy.length > 0)
    warnings.push(
      `the legacy token Secrets of ${sa} (${legacy.join(', ')}) are shared: rotating them cuts the other workloads`,
    );
  const held = [...new Set(target.references.filter((r) => r.kind === 'Secret').map((r) => r.name))].sort();
  for (const name of held)
    rotation.push(`# rotate Secret ${ns}/${name} at its source: its values were readable in the pods`);
  if (index.tokenMount(target).mounted || target.projectedTokens.length > 0)
    rotation.push(
      '# the pods\u2019 bound service-account tokens stay valid until their pods are deleted (step 4 or 5)',
    );
  if (rotation.length > 0) commands.push('# 3. rotate what the attacker may hold', ...rotation);

  // 4. keep replacements quarantined
  const templatePatch = target.ref.kind === 'Pod' ? undefined : templatePatchOf(target);
  if (templatePatch !== undefined)
    commands.push(
      '# 4. after the forensic capture: replacement pods stay quarantined and tokenless (starts a rollout)',
      `kubectl patch ${target.ref.kind.toLowerCase()} ${target.ref.name} -n ${ns} --type merge -p '${JSON.stringify(templatePatch)}'`,
    );

  const isolatedWorkload: WorkloadSummary = {
    ...target,
    podLabels: { ...target.podLabels, [QUARANTINE_LABEL]: QUARANTINE_VALUE },
    ...(templatePatch !== undefined ? { podAutomountToken: false } : {}),
  };
  const isolated: ClusterModel = {
    ...revoked.kept,
    workloads: revoked.kept.workloads.map((w) => (w === target ? isolatedWorkload : w)),
    networkPolicies: [
      ...revoked.kept.networkPolicies.map((p) => narrowed.get(p) ?? p),
      { ref: refOf(policy), source: KUBEWARD_SOURCE, object: policy },
    ],
  };
  const afterIsolation = buildAttackGraph(isolated, options);
  const isolatedVertex = afterIsolation.graph.find(asset)!;
  const remaining = remainingOf(afterIsolation, isolatedVertex);

  // 5. stop
  const mode = options.scaleToZero ?? 'auto';
  const scaleToZero = mode === 'always' || (mode === 'auto' && remaining.length > 0);
  if (scaleToZero) {
    const why =
      remaining.length > 0
        ? `what isolation cannot cut: ${[...new Set(remaining.map((r) => r.via))].join(', ')}`
        : 'as asked';
    commands.push(`# 5. stop the workload (${why})`, ...scaleCommands(target));
  }
  if (remaining.some((r) => r.via === 'NETWORK_REACH') && model.adminNetworkPolicies.length > 0)
    warnings.push(
      'admin network policies take precedence over NetworkPolicies: an Allow there keeps connections the quarantine policy denies',
    );
  if (!scaleToZero && remaining.length > 0)
    warnings.push(
      `not contained: with its pods running it still reaches ${remaining.length} asset(s) ` +
        `(${remaining.map((r) => `${assetText(r)} by ${r.via}`).join(', ')})`,
    );
  const final: ClusterModel = scaleToZero
    ? { ...isolated, workloads: isolated.workloads.filter((w) => w !== isolatedWorkload) }
    : isolated;
  const after = scaleToZero ? buildAttackGraph(final, options) : afterIsolation;

  const otherConnectionsChanged = connectionsChanged(model, final, target);
  const otherIdentitiesChanged = identitiesChanged(before, after, {
    target: assetText(asset),
    ...(dedicated
      ? { account: assetText({ kind: 'ServiceAccount', namespace: ns, name: target.serviceAccount }) }
      : {}),
  });
  return {
    plan: {
      workload: asset,
      blastRadiusBefore: blastRadius(before, resolved.vertex).assets.length,
      blastRadiusIsolated: blastRadius(afterIsolation, isolatedVertex).assets.length,
      blastRadiusAfter: scaleToZero ? 0 : remaining.length,
      remaining,
      scaleToZero,
      manifests: [
        policy,
        ...[...narrowed.values()].map((p) => stripServerFields(p.object)),
        ...revoked.rewritten,
      ],
      deletions,
      podLabel: { key: QUARANTINE_LABEL, value: QUARANTINE_VALUE },
      commands,
      warnings,
      otherConnectionsChanged,
      otherIdentitiesChanged,
      verified: otherConnectionsChanged.length === 0 && otherIdentitiesChanged.length === 0,
    },
  };
}

function sameAsset(a: Asset, b: Asset): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

/** Object names are DNS subdomains: at most 253 characters. */
function policyName(w: WorkloadSummary): string {
  return `kubeward-quarantine-${w.ref.kind.toLowerCase()}-${w.ref.name}`.slice(0, 253).replace(/[-.]+$/, '');
}

function quarantinePolicy(w: WorkloadSummary): V1NetworkPolicy & Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: policyName(w),
      namespace: w.namespace,
      labels: { 'app.kubernetes.io/managed-by': 'kubeward' },
      annotations: { 'kubeward.io/quarantine-of': assetText(workloadAsset(w)) },
    },
    spec: {
      // the workload's own labels and the quarantine label: no other pod is selected
      podSelector: { matchLabels: { ...w.podLabels, [QUARANTINE_LABEL]: QUARANTINE_VALUE } },
      policyTypes: ['Ingress', 'Egress'],
    },
  };
}

/**
 * Every NetworkPolicy of the workload's namespace that allows something to pods its podSelector
 * picks among the workload's, rewritten to leave out pods with the quarantine label (only the
 * quarantined workload's pods carry it). Policies that allow nothing stay as they are.
 */
function narrowPolicies(
  model: ClusterModel,
  w: WorkloadSummary,
): Map<WholeObject<V1NetworkPolicy>, WholeObject<V1NetworkPolicy>> {
  const out = new Map<WholeObject<V1NetworkPolicy>, WholeObject<V1NetworkPolicy>>();
  const labels = { ...w.podLabels, [QUARANTINE_LABEL]: QUARANTINE_VALUE };
  for (const p of model.networkPolicies) {
    if ((p.ref.namespace ?? model.defaultNamespace) !== w.namespace) continue;
    const selector = p.object.spec?.podSelector;
    // a policy that allows nothing (default deny) need not change
    const allows = (p.object.spec?.ingress ?? []).length + (p.object.spec?.egress ?? []).length > 0;
    if (!allows || !selectorMatches(compileLabelSelector(selector), labels)) continue;
    const expressions = [
      ...(selector?.matchExpressions ?? []),
      { key: QUARANTINE_LABEL, operator: 'DoesNotExist' },
    ];
    const object: V1NetworkPolicy = {
      ...p.object,
      spec: { ...p.object.spec!, podSelector: { ...selector, matchExpressions: expressions } },
    };
    out.set(p, { ...p, object });
  }
  return out;
}

function refOf(o: { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } }) {
  return {
    apiVersion: o.apiVersion ?? '',
    kind: o.kind ?? '',
    name: o.metadata?.name ?? '',
    ...(o.metadata?.namespace !== undefined ? { namespace: o.metadata.namespace } : {}),
  };
}

function selectorText(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function labelCommand(w: WorkloadSummary): string {
  const label = `${QUARANTINE_LABEL}=${QUARANTINE_VALUE}`;
  return w.ref.kind === 'Pod'
    ? `kubectl label pod ${w.ref.name} -n ${w.namespace} ${label} --overwrite`
    : `kubectl label pods -n ${w.namespace} -l '${selectorText(w.podLabels)}' ${label} --overwrite`;
}

function deleteCommand(d: Deletion): string {
  const ns = d.namespace === '' ? '' : ` -n ${d.namespace}`;
  return `kubectl delete ${d.kind.toLowerCase()} ${d.name}${ns}`;
}

/** A merge patch setting `value` at `path` (object keys only). */
function nested(path: FieldPath, value: unknown): Record<string, unknown> {
  let out: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [String(path[i])]: out };
  return out as Record<string, unknown>;
}

function mergeInto(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prior = out[k];
    out[k] =
      typeof prior === 'object' && prior !== null && typeof v === 'object' && v !== null
        ? mergeInto(prior as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

function templatePatchOf(w: WorkloadSummary): Record<string, unknown> {
  return mergeInto(
    nested([...w.metadataPath, 'labels', QUARANTINE_LABEL], QUARANTINE_VALUE),
    nested([...w.specPath, 'automountServiceAccountToken'], false),
  );
}

function scaleCommands(w: WorkloadSummary): string[] {
  const kind = w.ref.kind.toLowerCase();
  const at = `${kind} ${w.ref.name} -n ${w.namespace}`;
  switch (w.ref.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
    case 'ReplicationController':
      return [`kubectl scale ${at} --replicas=0`];
    case 'DaemonSet':
      // no node carries this label, so the controller removes every pod
      return [
        `kubectl patch ${at} --type merge -p '${JSON.stringify(nested([...w.specPath, 'nodeSelector', QUARANTINE_LABEL], 'no-node'))}'`,
      ];
    case 'Job':
      // a suspended Job's active pods are deleted
      return [`kubectl patch ${at} --type merge -p '{"spec":{"suspend":true}}'`];
    case 'CronJob':
      return [
        `kubectl patch ${at} --type merge -p '{"spec":{"suspend":true}}'`,
        `# and suspend the Job it is running, if any: kubectl get jobs -n ${w.namespace}`,
      ];
    default:
      return [`kubectl delete ${at}`];
  }
}

interface Revoked {
  readonly deletions: Deletion[];
  readonly rewritten: Record<string, unknown>[];
  readonly kept: ClusterModel;
}

type Binding = WholeObject<V1RoleBinding> | WholeObject<V1ClusterRoleBinding>;

/** Subject entries that name exactly this ServiceAccount (as a ServiceAccount or as its user name). */
function namesAccount(binding: Binding, subject: unknown, w: WorkloadSummary): boolean {
  if (typeof subject !== 'object' || subject === null) return false;
  const s = subject as { kind?: unknown; name?: unknown; namespace?: unknown };
  if (s.kind === 'ServiceAccount')
    return s.name === w.serviceAccount && (s.namespace ?? binding.ref.namespace) === w.namespace;
  return s.kind === 'User' && s.name === `system:serviceaccount:${w.namespace}:${w.serviceAccount}`;
}

function revokeBindings(model: ClusterModel, w: WorkloadSummary): Revoked {
  const deletions: Deletion[] = [];
  const rewritten: Record<string, unknown>[] = [];
  const revise = <B extends Binding>(list: readonly B[]): B[] =>
    list.flatMap((b) => {
      const subjects: unknown[] = Array.isArray(b.object.subjects) ? b.object.subjects : [];
      const rest = subjects.filter((s) => !namesAccount(b, s, w));
      if (rest.length === subjects.length) return [b];
      if (rest.length === 0) {
        deletions.push({
          kind: b.ref.kind,
          namespace: b.ref.namespace ?? '',
          name: b.ref.name,
          reason: `its only subject is ServiceAccount ${w.namespace}/${w.serviceAccount}`,
        });
        return [];
      }
      const object = { ...b.object, subjects: rest } as B['object'];
      rewritten.push(stripServerFields(object));
      return [{ ...b, object }];
    });
  const kept: ClusterModel = {
    ...model,
    roleBindings: revise(model.roleBindings),
    clusterRoleBindings: revise(model.clusterRoleBindings),
  };
  return { deletions, rewritten, kept };
}

/** What `kubectl apply` must not carry over from an object read back from a cluster. */
function stripServerFields(object: object): Record<string, unknown> {
  const o = object as Record<string, unknown>;
  const metadata = (o['metadata'] ?? {}) as Record<string, unknown>;
  const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, managedFields: _mf, ...kept } = metadata;
  const { status: _status, ...rest } = o;
  return { ...rest, metadata: kept };
}

/** Bindings whose Group subjects include the ServiceAccount (`system:serviceaccounts[:ns]`, `system:authenticated`). */
function groupGrants(model: ClusterModel, w: WorkloadSummary): string[] {
  const groups = new Set([
    'system:serviceaccounts',
    `system:serviceaccounts:${w.namespace}`,
    'system:authenticated',
  ]);
  const out: string[] = [];
  for (const b of [...model.roleBindings, ...model.clusterRoleBindings]) {
    if (b.ref.kind === 'RoleBinding' && b.ref.namespace !== w.namespace) continue;
    const subjects: unknown[] = Array.isArray(b.object.subjects) ? b.object.subjects : [];
    const hit = subjects.some(
      (s) =>
        typeof s === 'object' &&
        s !== null &&
        (s as { kind?: unknown }).kind === 'Group' &&
        groups.has(String((s as { name?: unknown }).name)),
    );
    if (hit) out.push(`${b.ref.kind} ${b.ref.namespace ? `${b.ref.namespace}/` : ''}${b.ref.name}`);
  }
  return out;
}

function remainingOf(built: BuiltGraph, from: number): Remaining[] {
  const radius = blastRadius(built, from).assets;
  const first = new Map<string, TechniqueId>();
  for (const path of attackPaths(built, from, { max: radius.length }))
    if (path.hops.length > 0) first.set(assetText(path.hops[path.hops.length - 1]!.to), path.hops[0]!.edge);
  return radius.map((a) => ({ ...a, via: first.get(assetText(a))! }));
}

/** Pairs whose connections differ and involve neither end the quarantine is about (exported for its test). */
export function connectionsChanged(
  before: ClusterModel,
  after: ClusterModel,
  target: WorkloadSummary,
): string[] {
  const adaptedBefore = netpolInputFromModel(before);
  const name = [...adaptedBefore.membersOf].find(([, members]) => members.includes(target))?.[0];
  const diff = connectivityDiff(
    analyzeNetworkPolicies(adaptedBefore.input),
    analyzeNetworkPolicies(netpolInputFromModel(after).input),
  );
  return diff
    .filter((d) => d.src !== name && d.dst !== name)
    .map((d) => `${d.src} → ${d.dst}: ${d.type}`)
    .sort();
}

/**
 * Technique edges of identities that exist before and not after, except the quarantined
 * workload's own dedicated account and edges into the quarantined workload (exported for its test).
 */
export function identitiesChanged(
  before: BuiltGraph,
  after: BuiltGraph,
  exempt: { readonly target: string; readonly account?: string },
): string[] {
  const identity = new Set(['ServiceAccount', 'User', 'Group']);
  const edgesOf = (built: BuiltGraph): Set<string> => {
    const out = new Set<string>();
    const { vertices, edges } = built.graph;
    for (const e of edges) {
      const from = vertices[e.from]!.asset;
      const to = assetText(vertices[e.to]!.asset);
      if (e.technique === undefined || !identity.has(from.kind) || to === exempt.target) continue;
      if (assetText(from) === exempt.account) continue;
      out.add(`${assetText(from)} ${e.technique} → ${to}`);
    }
    return out;
  };
  const kept = edgesOf(after);
  return [...edgesOf(before)].filter((e) => !kept.has(e)).sort();
}
