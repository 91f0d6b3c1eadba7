/**
 * The engine's entry point: policies compiled and validated, pods grouped into
 * equivalence classes, the policy side of reachability computed once per class, and the
 * warnings a reader of the result needs (CNI-dependent cases). A pure function of its input.
 */
import { compileAdminPolicies, type CompiledAdminPolicy } from './adminPolicy.js';
import { compileClusterNetworkPolicies } from './clusterNetworkPolicy.js';
import { IpSet } from './ipSet.js';
import { workloadName, type NetpolInput, type PolicyProblem } from './model.js';
import { compileNetworkPolicies, type CompiledNetworkPolicy } from './networkPolicy.js';
import { ipMatchedClasses } from './peers.js';
import { overlappedCidrs, selectedHostNetworkClasses } from './policyFacts.js';
import { buildPodClasses, type PodClassIndex } from './podClasses.js';
import { familiesIn, Reachability, selectingPolicies } from './reachability.js';

/**
 * The policies compiled and validated, the pods grouped into classes and the policies that
 * select each class: what questions about single policies and pods need (the catalog's rules),
 * without the reachability of every pair.
 */
export interface PolicySelection {
  readonly input: NetpolInput;
  readonly policies: readonly CompiledNetworkPolicy[];
  /** The Admin tier (AdminNetworkPolicies and Admin ClusterNetworkPolicies) in evaluation order. */
  readonly admin: readonly CompiledAdminPolicy[];
  /** The Baseline tier in evaluation order: Baseline ClusterNetworkPolicies, then the BaselineAdminNetworkPolicy. */
  readonly baselines: readonly CompiledAdminPolicy[];
  readonly index: PodClassIndex;
  /** By class id: every NetworkPolicy whose podSelector selects the class, in input order. */
  readonly selecting: readonly (readonly CompiledNetworkPolicy[])[];
  /** The union of every ipBlock and admin network: pod IPs outside it never matter. */
  readonly ipBlocks: IpSet;
  /** Errors (policies left out) and warnings, each naming its policy and field. */
  readonly problems: readonly PolicyProblem[];
}

export interface NetpolAnalysis extends PolicySelection {
  readonly reachability: Reachability;
}

export function selectNetworkPolicies(input: NetpolInput): PolicySelection {
  const compiled = compileNetworkPolicies(input.networkPolicies);
  const problems: PolicyProblem[] = [...compiled.problems];
  const policies = compiled.policies;
  const tiers = compileAdminPolicies(input.adminNetworkPolicies ?? [], input.baselineAdminNetworkPolicy);
  const cnp = compileClusterNetworkPolicies(input.clusterNetworkPolicies ?? []);
  problems.push(...tiers.problems, ...cnp.problems);
  // v1alpha1 and v1alpha2 policies share the Admin tier by priority (ties: by name, as within each).
  const admin = [...tiers.admin, ...cnp.admin].sort(
    (a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const baselines = [...cnp.baseline, ...(tiers.baseline ? [tiers.baseline] : [])];
  let ipBlocks = IpSet.none;
  for (const p of [...admin, ...baselines]) {
    for (const rule of p.egress) ipBlocks = ipBlocks.union(rule.networks);
  }
  for (const p of policies) {
    for (const rule of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
      for (const peer of rule.peers ?? []) if (peer.kind === 'ipBlock') ipBlocks = ipBlocks.union(peer.ips);
    }
  }
  const index = buildPodClasses(
    input,
    ipBlocks,
    policies.map((p) => p.namespace),
  );
  return {
    input,
    policies,
    admin,
    baselines,
    index,
    selecting: selectingPolicies(index, policies),
    ipBlocks,
    problems,
  };
}

export function analyzeNetworkPolicies(input: NetpolInput): NetpolAnalysis {
  return withReachability(selectNetworkPolicies(input));
}

/** The reachability of every pair added to a selection already made (the attack graph reuses the rules' selection). */
export function withReachability(selection: PolicySelection): NetpolAnalysis {
  const { input, policies, index, ipBlocks, admin, baselines } = selection;
  let podIps = IpSet.none;
  for (const w of input.workloads) {
    for (const ip of w.podIPs ?? []) podIps = podIps.union(IpSet.fromAddress(ip) ?? IpSet.none);
  }
  const problems = [
    ...selection.problems,
    ...cniDependentWarnings(policies, index, input.clusterCidrs ?? []),
  ];
  const reachability = new Reachability(
    index,
    policies,
    familiesIn(ipBlocks, podIps),
    admin,
    baselines,
    selection.selecting,
  );
  return { ...selection, reachability, problems };
}

/**
 * Warnings for what network plugins enforce differently (reference/netpol.md §1.5, §1.8):
 * ipBlocks that cover pod IPs or the cluster's pod/node CIDRs (the upstream e2e tests
 * match pod IPs; Cilium and netpol-analyzer do not), and policies selecting hostNetwork
 * pods (most plugins treat their traffic as node traffic).
 */
function cniDependentWarnings(
  policies: readonly CompiledNetworkPolicy[],
  index: PodClassIndex,
  clusterCidrs: readonly string[],
): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const warn = (p: CompiledNetworkPolicy, path: string, message: string) =>
    out.push({
      severity: 'warning',
      kind: 'NetworkPolicy',
      namespace: p.namespace,
      name: p.name,
      path,
      message,
    });
  for (const p of policies) {
    for (const rule of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind !== 'ipBlock') continue;
        const pods = ipMatchedClasses(peer, index).flatMap((c) =>
          c.workloads.map((w) => workloadName(w.ref)),
        );
        if (pods.length > 0) {
          warn(
            p,
            peer.path,
            `ipBlock ${peer.text} contains the pod IPs of ${pods.join(', ')}: matched as the upstream e2e tests do, ` +
              'but some network plugins (Cilium) never match pods by ipBlock',
          );
        }
        if (overlappedCidrs(peer, clusterCidrs).length > 0) {
          warn(
            p,
            peer.path,
            `ipBlock ${peer.text} overlaps the cluster's pod or node CIDRs: whether it matches pods or nodes depends on the network plugin`,
          );
        }
      }
    }
    const hostNetwork = selectedHostNetworkClasses(index, p).flatMap((c) =>
      c.workloads.map((w) => workloadName(w.ref)),
    );
    if (hostNetwork.length > 0) {
      warn(
        p,
        'spec.podSelector',
        `selects hostNetwork pods (${hostNetwork.join(', ')}): most network plugins treat their traffic as node traffic and do not enforce the policy on them`,
      );
    }
  }
  return out;
}
