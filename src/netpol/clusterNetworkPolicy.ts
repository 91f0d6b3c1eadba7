/**
 * ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2, network-policy-api v0.2.0),
 * read into the same ordered admin rules as the v1alpha1 policies (adminPolicy.ts).
 *
 * Semantics (apis/v1alpha2/clusternetworkpolicy_types.go; reference/netpol.md §1.11):
 *  - `tier: Admin` is evaluated before NetworkPolicy, `tier: Baseline` after it, for pods
 *    no NetworkPolicy selects; within a tier by ascending `priority` (0–1000; same
 *    priority is implementation-defined: ordered by name here, with a warning), rules in
 *    written order, the first match deciding;
 *  - actions: `Accept` (no further rule of the direction; the other side still decides),
 *    `Deny`, `Pass` (skip the rest of the tier: from Admin to NetworkPolicy — or to the
 *    Baseline tier where no NetworkPolicy selects the pod —, from Baseline to the default
 *    allow);
 *  - subject and peers: `namespaces` (a namespace selector) or `pods` (`namespaceSelector` +
 *    `podSelector`); "host-networked pods are not included"; egress peers may also be
 *    `networks` (CIDRs, which match pod IPs too), `nodes` and `domainNames` (neither is in
 *    the model: they match nothing here, with a warning);
 *  - `protocols`: each one of `tcp|udp|sctp.destinationPort` (`number` or `range
 *    {start < end}`) or `destinationNamedPort` (resolved on the destination pod);
 *    missing: every port of every protocol;
 *  - a peer with no known field fails closed: an Accept rule then matches nothing, a Deny
 *    or Pass rule denies everything.
 */
import { compileLabelSelector } from '../k8s/selector.js';
import { asArray, asRecord, asString, isRecord, type JsonRecord } from '../k8s/shape.js';
import {
  networksOf,
  selectionOf,
  type AdminPorts,
  type AdminRule,
  type CompiledAdminPolicy,
} from './adminPolicy.js';
import { ConnectionSet, MAX_PORT, MIN_PORT, type Protocol } from './connectionSet.js';
import { IpSet } from './ipSet.js';
import type { PolicyProblem } from './model.js';
import type { Direction } from './networkPolicy.js';
import { representativeOf } from './representatives.js';

export const CLUSTER_NETWORK_POLICY_API = 'policy.networking.k8s.io/v1alpha2';

type Sink = { path: string; message: string }[];

const ACTIONS = { Accept: 'Allow', Deny: 'Deny', Pass: 'Pass' } as const;
const PROTOCOL_KEYS: readonly [string, Protocol][] = [
  ['tcp', 'TCP'],
  ['udp', 'UDP'],
  ['sctp', 'SCTP'],
];

/** Reads ClusterNetworkPolicies into the Admin and Baseline tiers, each in evaluation order; invalid ones are left out and reported. */
export function compileClusterNetworkPolicies(
  objects: readonly { readonly metadata?: { readonly name?: string }; readonly spec?: JsonRecord }[],
): {
  admin: CompiledAdminPolicy[];
  baseline: CompiledAdminPolicy[];
  problems: PolicyProblem[];
} {
  const problems: PolicyProblem[] = [];
  const admin: CompiledAdminPolicy[] = [];
  const baseline: CompiledAdminPolicy[] = [];
  for (const object of objects) {
    const name = asString(object.metadata?.name) ?? '';
    const errors: Sink = [];
    const warnings: Sink = [];
    const compiled = compileOne(object.spec ?? {}, name, errors, warnings);
    const kind = 'ClusterNetworkPolicy';
    for (const e of errors) problems.push({ severity: 'error', kind, name, ...e });
    for (const w of warnings) problems.push({ severity: 'warning', kind, name, ...w });
    if (errors.length === 0) (compiled.tier === 'admin' ? admin : baseline).push(compiled);
  }
  const order = (a: CompiledAdminPolicy, b: CompiledAdminPolicy) =>
    a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  for (const tier of [admin, baseline]) {
    tier.sort(order);
    for (let i = 1; i < tier.length; i++) {
      if (tier[i]!.priority !== tier[i - 1]!.priority) continue;
      problems.push({
        severity: 'warning',
        kind: 'ClusterNetworkPolicy',
        name: tier[i]!.name,
        path: 'spec.priority',
        message: `has the same tier and priority (${tier[i]!.priority}) as ClusterNetworkPolicy "${tier[i - 1]!.name}": their order is implementation-defined; evaluated by name here`,
      });
    }
  }
  return { admin, baseline, problems };
}

function compileOne(spec: JsonRecord, name: string, errors: Sink, warnings: Sink): CompiledAdminPolicy {
  const tier = spec.tier;
  if (tier !== 'Admin' && tier !== 'Baseline')
    errors.push({
      path: 'spec.tier',
      message: `tier must be Admin or Baseline, not ${JSON.stringify(tier)}`,
    });
  const priority = spec.priority;
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 1000)
    errors.push({ path: 'spec.priority', message: 'priority must be an integer from 0 to 1000' });
  const subject = selectionOf(spec.subject, 'spec.subject', errors, true) ?? {
    namespaceSelector: compileLabelSelector(null),
    excludesHostNetwork: true,
    representative: representativeOf(undefined, undefined, undefined),
  };
  const rules = (direction: Direction) =>
    asArray(spec[direction]).map((raw, i) => ruleOf(asRecord(raw) ?? {}, direction, i, errors, warnings));
  return {
    tier: tier === 'Baseline' ? 'baseline' : 'admin',
    kind: 'ClusterNetworkPolicy',
    name,
    priority: typeof priority === 'number' ? priority : 0,
    subject,
    ingress: rules('ingress'),
    egress: rules('egress'),
  };
}

function ruleOf(rule: JsonRecord, direction: Direction, i: number, errors: Sink, warnings: Sink): AdminRule {
  const path = `spec.${direction}[${i}]`;
  const written = rule.action;
  const action =
    typeof written === 'string' && written in ACTIONS ? ACTIONS[written as keyof typeof ACTIONS] : undefined;
  if (action === undefined)
    errors.push({
      path: `${path}.action`,
      message: `action must be Accept, Deny or Pass, not ${JSON.stringify(written)}`,
    });
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const peerList = asArray(rule[peersKey]);
  if (peerList.length === 0)
    errors.push({ path: `${path}.${peersKey}`, message: 'at least one peer is required' });
  const pods: AdminRule['pods'][number][] = [];
  let networks = IpSet.none;
  let failClosed = false;
  peerList.forEach((raw, j) => {
    const at = `${path}.${peersKey}[${j}]`;
    const peer = asRecord(raw) ?? {};
    if (isRecord(peer.namespaces) || isRecord(peer.pods)) {
      const selection = selectionOf(peer, at, errors, true);
      if (selection !== undefined) pods.push(selection);
      return;
    }
    if (direction === 'egress' && Array.isArray(peer.networks)) {
      networks = networks.union(networksOf(peer.networks, `${at}.networks`, errors));
      return;
    }
    if (direction === 'egress' && (isRecord(peer.nodes) || Array.isArray(peer.domainNames))) {
      const what = isRecord(peer.nodes) ? 'nodes' : 'domainNames';
      warnings.push({
        path: `${at}.${what}`,
        message: `${what} are not in the model: this peer matches nothing here`,
      });
      return;
    }
    // An unknown peer (a newer CRD version): fail closed.
    failClosed = true;
    warnings.push({
      path: at,
      message:
        'a peer with no known field: treated as matching nothing for Accept and everything for Deny and Pass (fail closed)',
    });
  });
  const ports = protocolsOf(rule.protocols, `${path}.protocols`, errors);
  const denyAll = failClosed && action !== 'Allow';
  return {
    name: asString(rule.name) ?? `#${i + 1}`,
    number: i + 1,
    path,
    action: denyAll ? 'Deny' : (action ?? 'Deny'),
    direction,
    pods: denyAll
      ? [
          {
            namespaceSelector: compileLabelSelector({}),
            excludesHostNetwork: false,
            representative: representativeOf(undefined, undefined, undefined),
          },
        ]
      : pods,
    networks: denyAll ? IpSet.all : networks,
    ...(ports !== undefined && !denyAll ? { ports } : {}),
  };
}

function protocolsOf(raw: unknown, path: string, errors: Sink): AdminPorts | undefined {
  const list = asArray(raw);
  if (list.length === 0) return undefined;
  let numeric = ConnectionSet.none;
  const named: string[] = [];
  list.forEach((p, i) => {
    const entry = asRecord(p) ?? {};
    const at = `${path}[${i}]`;
    if (typeof entry.destinationNamedPort === 'string' && entry.destinationNamedPort !== '') {
      named.push(entry.destinationNamedPort);
      return;
    }
    const found = PROTOCOL_KEYS.find(([key]) => isRecord(entry[key]));
    if (found === undefined) {
      errors.push({ path: at, message: 'needs one of tcp, udp, sctp or destinationNamedPort' });
      return;
    }
    const [key, protocol] = found;
    const port = asRecord(asRecord(entry[key])?.destinationPort);
    const range = asRecord(port?.range);
    const [first, last] = range !== undefined ? [range.start, range.end] : [port?.number, port?.number];
    if (
      typeof first !== 'number' ||
      typeof last !== 'number' ||
      first < MIN_PORT ||
      last > MAX_PORT ||
      (range !== undefined ? first >= last : false)
    ) {
      errors.push({
        path: `${at}.${key}.destinationPort`,
        message: `needs number (1-65535) or range with start < end, not ${JSON.stringify(port ?? null)}`,
      });
      return;
    }
    numeric = numeric.union(ConnectionSet.range(protocol, first, last));
  });
  return { numeric, named };
}
