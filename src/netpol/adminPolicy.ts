/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1,
 * network-policy-api ≤ v0.1.7), read into ordered rules.
 *
 * Semantics (CRD text at tag v0.1.7; reference/netpol.md §1.11):
 *  - ANPs are evaluated **before** NetworkPolicy, in ascending `priority` (0–1000, "lower
 *    priority values have higher precedence"); rules of one policy in written order; the
 *    first rule matching a connection decides: `Allow` (even if NetworkPolicy would deny),
 *    `Deny`, or `Pass` (skip the remaining ANP rules; NetworkPolicy decides, and where no
 *    NetworkPolicy selects the pod, the baseline does);
 *  - the BaselineAdminNetworkPolicy (singleton `default`) is evaluated **after**
 *    NetworkPolicy, for pods no NetworkPolicy isolates; actions `Allow` and `Deny`;
 *  - `subject` and peers are `namespaces` (a namespace selector: every pod there) or
 *    `pods` (`namespaceSelector` + `podSelector`); egress peers may also be `networks`
 *    (CIDRs) and `nodes` (nodes are not in the model: such peers match nothing, with a warning);
 *  - ports: exactly one of `portNumber {protocol, port}`, `portRange {protocol, start, end}`
 *    or `namedPort` (resolved on the destination pod, whatever its protocol); protocol
 *    defaults to TCP; no ports means every port.
 * Same-priority ANPs that overlap are implementation-defined upstream: they are ordered by
 * name here, with a warning.
 */
import { compileLabelSelector, type CompiledSelector } from '../k8s/selector.js';
import { asArray, asRecord, asString, isRecord, type JsonRecord } from '../k8s/shape.js';
import { ConnectionSet, isProtocol, MAX_PORT, MIN_PORT } from './connectionSet.js';
import { IpSet } from './ipSet.js';
import { selectorSyntaxProblems } from './labelSyntax.js';
import type { PolicyProblem } from './model.js';
import type { Direction } from './networkPolicy.js';
import { representativeOf, type Representative } from './representatives.js';

/** The shape of a v1alpha1 AdminNetworkPolicy or BaselineAdminNetworkPolicy object (the CRD's fields; no typed model ships with @kubernetes/client-node). */
export interface AdminNetworkPolicyObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string };
  readonly spec?: JsonRecord;
}

export type AdminAction = 'Allow' | 'Deny' | 'Pass';
export type AdminTier = 'admin' | 'baseline';

/** Who a subject or peer selects; `namespaceSelector` undefined with `pods` unset never happens. */
export interface AdminSelection {
  readonly namespaceSelector: CompiledSelector;
  /** ClusterNetworkPolicy: "host-networked pods are not included" in subjects and peers. */
  readonly excludesHostNetwork?: boolean;
  /** Undefined: every pod of the selected namespaces. */
  readonly podSelector?: CompiledSelector;
  /** What the selection stands for beyond the input's workloads (exposure analysis). */
  readonly representative: Representative;
}

export interface AdminPorts {
  readonly numeric: ConnectionSet;
  /** Named ports: resolved on the destination pod with the protocol its container port has. */
  readonly named: readonly string[];
}

export interface AdminRule {
  readonly name: string;
  readonly number: number;
  readonly path: string;
  readonly action: AdminAction;
  readonly direction: Direction;
  readonly pods: readonly AdminSelection[];
  readonly networks: IpSet;
  /** Undefined: every port. */
  readonly ports?: AdminPorts;
}

export interface CompiledAdminPolicy {
  readonly tier: AdminTier;
  readonly kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'ClusterNetworkPolicy';
  readonly name: string;
  readonly priority: number;
  readonly subject: AdminSelection;
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
}

type Sink = { path: string; message: string }[];

/** Reads the ANPs (sorted by priority, then name) and the baseline; invalid ones are left out and reported. */
export function compileAdminPolicies(
  anps: readonly AdminNetworkPolicyObject[],
  banp: AdminNetworkPolicyObject | undefined,
): { admin: CompiledAdminPolicy[]; baseline?: CompiledAdminPolicy; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const read = (object: AdminNetworkPolicyObject, tier: AdminTier): CompiledAdminPolicy | undefined => {
    const kind = tier === 'admin' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
    const name = asString(object.metadata?.name) ?? '';
    const errors: Sink = [];
    const warnings: Sink = [];
    const compiled = compileOne(object.spec ?? {}, tier, kind, name, errors, warnings);
    if (tier === 'baseline' && name !== 'default') {
      errors.push({
        path: 'metadata.name',
        message: 'the BaselineAdminNetworkPolicy must be named "default"',
      });
    }
    for (const e of errors) problems.push({ severity: 'error', kind, name, ...e });
    for (const w of warnings) problems.push({ severity: 'warning', kind, name, ...w });
    return errors.length === 0 ? compiled : undefined;
  };
  const admin = anps
    .map((o) => read(o, 'admin'))
    .filter((p): p is CompiledAdminPolicy => p !== undefined)
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < admin.length; i++) {
    if (admin[i]!.priority === admin[i - 1]!.priority) {
      problems.push({
        severity: 'warning',
        kind: 'AdminNetworkPolicy',
        name: admin[i]!.name,
        path: 'spec.priority',
        message: `has the same priority (${admin[i]!.priority}) as AdminNetworkPolicy "${admin[i - 1]!.name}": their order is implementation-defined; evaluated by name here`,
      });
    }
  }
  const baseline = banp !== undefined ? read(banp, 'baseline') : undefined;
  return { admin, ...(baseline !== undefined ? { baseline } : {}), problems };
}

function compileOne(
  spec: JsonRecord,
  tier: AdminTier,
  kind: CompiledAdminPolicy['kind'],
  name: string,
  errors: Sink,
  warnings: Sink,
): CompiledAdminPolicy {
  const priority = spec.priority;
  if (
    tier === 'admin' &&
    (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 1000)
  ) {
    errors.push({ path: 'spec.priority', message: 'priority must be an integer from 0 to 1000' });
  }
  const subject = selectionOf(spec.subject, 'spec.subject', errors) ?? {
    namespaceSelector: compileLabelSelector(null),
    representative: representativeOf(undefined, undefined, undefined),
  };
  const actions: readonly AdminAction[] = tier === 'admin' ? ['Allow', 'Deny', 'Pass'] : ['Allow', 'Deny'];
  const rules = (direction: Direction) =>
    asArray(spec[direction]).map((raw, i) =>
      ruleOf(asRecord(raw) ?? {}, direction, i, actions, errors, warnings),
    );
  return {
    tier,
    kind,
    name,
    priority: typeof priority === 'number' ? priority : 0,
    subject,
    ingress: rules('ingress'),
    egress: rules('egress'),
  };
}

/** A subject or peer (`namespaces` or `pods`); `excludesHostNetwork` for ClusterNetworkPolicy. */
export function selectionOf(
  raw: unknown,
  path: string,
  errors: Sink,
  excludesHostNetwork = false,
): AdminSelection | undefined {
  const value = asRecord(raw);
  if (value === undefined) {
    errors.push({ path, message: 'must select namespaces or pods' });
    return undefined;
  }
  const selector = (s: unknown, at: string) => {
    const compiled = compileLabelSelector(s ?? {});
    if (compiled.error !== undefined) errors.push({ path: at, message: `selector error: ${compiled.error}` });
    for (const m of selectorSyntaxProblems(s)) errors.push({ path: at, message: `selector error: ${m}` });
    return compiled;
  };
  if (isRecord(value.namespaces)) {
    return {
      namespaceSelector: selector(value.namespaces, `${path}.namespaces`),
      ...(excludesHostNetwork ? { excludesHostNetwork } : {}),
      representative: representativeOf(value.namespaces, undefined, undefined),
    };
  }
  const pods = asRecord(value.pods);
  if (pods !== undefined) {
    return {
      namespaceSelector: selector(pods.namespaceSelector, `${path}.pods.namespaceSelector`),
      podSelector: selector(pods.podSelector, `${path}.pods.podSelector`),
      ...(excludesHostNetwork ? { excludesHostNetwork } : {}),
      representative: representativeOf(pods.namespaceSelector ?? {}, pods.podSelector ?? {}, undefined),
    };
  }
  return undefined;
}

function ruleOf(
  rule: JsonRecord,
  direction: Direction,
  i: number,
  actions: readonly AdminAction[],
  errors: Sink,
  warnings: Sink,
): AdminRule {
  const path = `spec.${direction}[${i}]`;
  const action = rule.action;
  if (!actions.includes(action as AdminAction)) {
    errors.push({
      path: `${path}.action`,
      message: `action must be ${actions.join(', ')}, not ${JSON.stringify(action)}`,
    });
  }
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const pods: AdminSelection[] = [];
  let networks = IpSet.none;
  const peerList = asArray(rule[peersKey]);
  if (peerList.length === 0)
    errors.push({ path: `${path}.${peersKey}`, message: 'at least one peer is required' });
  peerList.forEach((raw, j) => {
    const at = `${path}.${peersKey}[${j}]`;
    const peer = asRecord(raw) ?? {};
    if (direction === 'egress' && Array.isArray(peer.networks)) {
      networks = networks.union(networksOf(peer.networks, `${at}.networks`, errors));
      return;
    }
    if (direction === 'egress' && isRecord(peer.nodes)) {
      warnings.push({
        path: `${at}.nodes`,
        message: 'nodes are not in the model: this peer matches nothing here',
      });
      return;
    }
    const selection = selectionOf(peer, at, errors);
    if (selection !== undefined) pods.push(selection);
  });
  const ports = portsOf(rule.ports, `${path}.ports`, errors);
  return {
    name: asString(rule.name) ?? `#${i + 1}`,
    number: i + 1,
    path,
    action: action as AdminAction,
    direction,
    pods,
    networks,
    ...(ports !== undefined ? { ports } : {}),
  };
}

function portsOf(raw: unknown, path: string, errors: Sink): AdminPorts | undefined {
  const list = asArray(raw);
  if (list.length === 0) return undefined;
  let numeric = ConnectionSet.none;
  const named: string[] = [];
  list.forEach((p, i) => {
    const entry = asRecord(p) ?? {};
    const at = `${path}[${i}]`;
    if (typeof entry.namedPort === 'string') {
      named.push(entry.namedPort);
      return;
    }
    const number = asRecord(entry.portNumber);
    const range = asRecord(entry.portRange);
    const protocol = (number ?? range)?.protocol ?? 'TCP';
    if (!isProtocol(protocol)) {
      errors.push({
        path: at,
        message: `protocol must be TCP, UDP or SCTP, not ${JSON.stringify(protocol)}`,
      });
      return;
    }
    const [first, last] = number !== undefined ? [number.port, number.port] : [range?.start, range?.end];
    if (
      typeof first !== 'number' ||
      typeof last !== 'number' ||
      first < MIN_PORT ||
      last > MAX_PORT ||
      last < first
    ) {
      errors.push({
        path: at,
        message: 'needs exactly one of portNumber, portRange (start <= end, 1-65535) or namedPort',
      });
      return;
    }
    numeric = numeric.union(ConnectionSet.range(protocol, first, last));
  });
  return { numeric, named };
}

/** The union of a `networks` peer's CIDRs (both admin-policy APIs); each invalid entry is an error at `at[k]`. */
export function networksOf(
  list: readonly unknown[],
  at: string,
  errors: { path: string; message: string }[],
): IpSet {
  let union = IpSet.none;
  list.forEach((c, k) => {
    const block = typeof c === 'string' ? IpSet.fromCidr(c) : undefined;
    if (block === undefined)
      errors.push({ path: `${at}[${k}]`, message: `CIDR error: invalid CIDR address ${JSON.stringify(c)}` });
    else union = union.union(block);
  });
  return union;
}
