/**
 * Every built-in rule. Each family keeps its own list (`rules/<family>/catalog.ts`);
 * this file only concatenates them. Rule files may call the engines (pss, rbac,
 * netpol), which is why the registry, unlike the rest of policy/, sits above them.
 */
import { WORKLOAD_KINDS } from '../k8s/podSpec.js';
import { exposureRules } from './rules/exposure/catalog.js';
import { graphRules } from './rules/graph/catalog.js';
import { hygieneRules } from './rules/hygiene/catalog.js';
import { identityRules } from './rules/identity/catalog.js';
import { networkRules } from './rules/network/catalog.js';
import { podSecurityRules } from './rules/pod-security/catalog.js';
import { pssRules } from './rules/pss/catalog.js';
import { rbacRules } from './rules/rbac/catalog.js';
import { resourcesRules } from './rules/resources/catalog.js';
import { secretsRules } from './rules/secrets/catalog.js';
import { supplyChainRules } from './rules/supply-chain/catalog.js';
import { EVERY_KIND, type Rule } from './types.js';

export const BUILTIN_RULES: readonly Rule[] = [
  ...pssRules,
  ...podSecurityRules,
  ...identityRules,
  ...rbacRules,
  ...networkRules,
  ...secretsRules,
  ...supplyChainRules,
  ...exposureRules,
  ...resourcesRules,
  ...hygieneRules,
  ...graphRules,
];

const byId = new Map(BUILTIN_RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export const BUILTIN_RULE_IDS: ReadonlySet<string> = new Set(byId.keys());

/** Kinds rules read for context (through the cluster model) without reporting on them. */
const CONTEXT_KINDS = [
  'LimitRange',
  'ServiceAccount',
  'NetworkPolicy',
  'Namespace',
  'Service',
  'Ingress',
  'RoleBinding',
  'ClusterRoleBinding',
  'Role',
  'ClusterRole',
  'Secret',
  'ConfigMap',
];

/** Kinds kubeward understands: rule targets, workloads and context kinds. Others are kept but not checked. */
export function knownKinds(rules: readonly Rule[] = BUILTIN_RULES): Set<string> {
  const kinds = new Set<string>([...WORKLOAD_KINDS, ...CONTEXT_KINDS]);
  for (const r of rules) for (const t of r.targets) if (t !== 'workload' && t !== EVERY_KIND) kinds.add(t);
  return kinds;
}
