/**
 * The admin tiers per pod class: for each class, the ANP rules whose subject selects it
 * (in evaluation order: policy priority, then written order) and the baseline's rules,
 * each with the peers it matches. How a connection walks the tiers is in reachability.ts.
 */
import { selectorMatches } from '../k8s/selector.js';
import { ConnectionSet } from './connectionSet.js';
import type { AdminPorts, AdminRule, AdminSelection, CompiledAdminPolicy } from './adminPolicy.js';
import type { ContainerPort } from './model.js';
import { selectInNamespace, type PeerMatch } from './peers.js';
import type { PodClass, PodClassIndex } from './podClasses.js';

export interface AdminGrant {
  readonly policy: CompiledAdminPolicy;
  readonly rule: AdminRule;
  readonly peers: PeerMatch;
}

export interface ClassAdminRules {
  readonly ingress: readonly AdminGrant[];
  readonly egress: readonly AdminGrant[];
}

const NO_RULES: ClassAdminRules = { ingress: [], egress: [] };

/** The classes a subject or pod peer selects. */
export function selectedClasses(selection: AdminSelection, index: PodClassIndex): PodClass[] {
  const out: PodClass[] = [];
  for (const [ns, labels] of index.namespaces) {
    if (!selectorMatches(selection.namespaceSelector, labels)) continue;
    const selected = selectInNamespace(selection.podSelector, ns, index);
    out.push(...(selection.excludesHostNetwork === true ? selected.filter((c) => !c.hostNetwork) : selected));
  }
  return out;
}

/** Admin rules per class id, in evaluation order, for the given policies (already sorted by priority). */
export function adminRulesPerClass(
  policies: readonly CompiledAdminPolicy[],
  index: PodClassIndex,
): readonly ClassAdminRules[] {
  if (policies.length === 0) return index.classes.map(() => NO_RULES);
  const perClass = index.classes.map(() => ({ ingress: [] as AdminGrant[], egress: [] as AdminGrant[] }));
  for (const policy of policies) {
    const subject = selectedClasses(policy.subject, index);
    if (subject.length === 0) continue;
    for (const direction of ['ingress', 'egress'] as const) {
      const grants = policy[direction].map((rule) => ({ policy, rule, peers: rulePeers(rule, index) }));
      for (const cls of subject) perClass[cls.id]![direction].push(...grants);
    }
  }
  return perClass;
}

function rulePeers(rule: AdminRule, index: PodClassIndex): PeerMatch {
  const classes = new Set<number>();
  const representatives: PeerMatch['representatives'][number][] = [];
  for (const selection of rule.pods) {
    const matched = selectedClasses(selection, index);
    for (const cls of matched) classes.add(cls.id);
    representatives.push({ representative: selection.representative, matched: matched.length > 0 });
  }
  if (!rule.networks.isEmpty()) {
    for (const cls of index.withIps) if (cls.ips!.overlaps(rule.networks)) classes.add(cls.id);
  }
  return {
    classes,
    ips: rule.networks,
    representatives,
    entireCluster: representatives.some((r) => r.representative.entireCluster),
  };
}

/** The connections an admin rule's ports cover towards a destination with these container ports (undefined: an address). */
export function adminPortsOn(
  ports: AdminPorts | undefined,
  destination: readonly ContainerPort[] | undefined,
): ConnectionSet {
  if (ports === undefined) return ConnectionSet.all;
  let out = ports.numeric;
  for (const name of ports.named) {
    const port = destination?.find((p) => p.name === name);
    const protocol = port?.protocol || 'TCP';
    if (port !== undefined && (protocol === 'TCP' || protocol === 'UDP' || protocol === 'SCTP')) {
      out = out.union(ConnectionSet.range(protocol, port.containerPort));
    }
  }
  return out;
}
