/**
 * Least-privilege NetworkPolicies from intents, verified: a default-deny of ingress and
 * egress in every namespace of the input's workloads (kube-system aside: the cluster DNS
 * and the control plane live there), and one policy per workload that allows exactly its
 * intended connections — ingress from its intended sources, egress to its intended
 * destinations, and DNS to the cluster DNS pods by the labels CoreDNS really carries
 * (`k8s-app: kube-dns` in the namespace whose `kubernetes.io/metadata.name` is
 * `kube-system`, UDP and TCP 53; inspektor-gadget#5338 shows what a DNS rule on other
 * labels breaks).
 *
 * Then the engine recomputes reachability with the generated policies added to the
 * input's, and every connection of a generated namespace's workload must be exactly the
 * intended ones plus DNS: a connection allowed but not intended (another policy allows
 * it, or a selector also selects another workload) or intended but not allowed (an admin
 * policy denies it) is an error that names it.
 */
import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { analyzeNetworkPolicies, type NetpolAnalysis } from './analyze.js';
import { CandidateSources } from './candidateSources.js';
import { ConnectionSet, type Protocol } from './connectionSet.js';
import type { Intent, IntentEnd } from './intents.js';
import { formatRange, type IpRange, type IpSet } from './ipSet.js';
import { NAMESPACE_NAME_LABEL, workloadName, type NetpolInput, type NetpolWorkload } from './model.js';

export const DNS_NAMESPACE = 'kube-system';
export const DNS_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };

/** Labels controllers add per revision or per pod: a selector on them would miss the next rollout. */
const UNSTABLE_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
  'controller-uid',
  'job-name',
]);

export interface RuleComment {
  /** One line per intended connection the rule carries. */
  readonly lines: readonly string[];
}

export interface GeneratedPolicy {
  readonly policy: V1NetworkPolicy;
  /** What the policy is for (first comment line). */
  readonly title: string;
  /** Comments of `spec.ingress[i]` and `spec.egress[i]`, in order. */
  readonly ingress: readonly RuleComment[];
  readonly egress: readonly RuleComment[];
}

export interface Generation {
  readonly policies: readonly GeneratedPolicy[];
  /** Verification errors: connections that differ from the intent, each named. */
  readonly errors: readonly string[];
  /** What was not generated or verified, and why. */
  readonly warnings: readonly string[];
}

const isDns = (w: NetpolWorkload) =>
  w.ref.namespace === DNS_NAMESPACE && Object.entries(DNS_LABELS).every(([k, v]) => w.podLabels[k] === v);

function selectorLabels(w: NetpolWorkload): Record<string, string> {
  return Object.fromEntries(Object.entries(w.podLabels).filter(([k]) => !UNSTABLE_LABELS.has(k)));
}

function endName(e: IntentEnd): string {
  return 'workload' in e ? workloadName(e.workload.ref) : e.cidr;
}

const DNS_PEER = {
  namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: DNS_NAMESPACE } },
  podSelector: { matchLabels: { ...DNS_LABELS } },
};
const DNS_PORTS = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];

function peerOf(end: IntentEnd, policyNamespace: string): Record<string, unknown> {
  if (!('workload' in end)) return { ipBlock: { cidr: end.cidr } };
  const pods = { podSelector: { matchLabels: selectorLabels(end.workload) } };
  return end.workload.ref.namespace === policyNamespace
    ? pods
    : { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: end.workload.ref.namespace } }, ...pods };
}

function describe(intent: Intent): string {
  const how = intent.source === 'inferred' ? 'inferred from' : intent.source === 'flow' ? 'flow' : 'intent';
  return `${endName(intent.src)} -> ${endName(intent.dst)} ${intent.port}/${intent.protocol} (${how} ${intent.origin})`;
}

/** Rules per other end, ports sorted, comments naming every intent a rule carries. */
function rulesOf(
  intents: readonly Intent[],
  other: (i: Intent) => IntentEnd,
  key: 'from' | 'to',
  policyNamespace: string,
): { rules: Record<string, unknown>[]; comments: RuleComment[] } {
  const groups = new Map<string, Intent[]>();
  for (const i of intents) {
    const k = endName(other(i));
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  }
  const rules: Record<string, unknown>[] = [];
  const comments: RuleComment[] = [];
  for (const [, list] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ports = new Map<string, { protocol: Protocol; port: number }>();
    for (const i of list) ports.set(`${i.protocol}/${i.port}`, { protocol: i.protocol, port: i.port });
    rules.push({
      [key]: [peerOf(other(list[0]!), policyNamespace)],
      ports: [...ports.values()].sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : 1)),
    });
    comments.push({ lines: [...new Set(list.map(describe))] });
  }
  return { rules, comments };
}

export function generatePolicies(input: NetpolInput, intents: readonly Intent[]): Generation {
  const warnings: string[] = [];
  const namespaces = [...new Set(input.workloads.map((w) => w.ref.namespace))]
    .filter((ns) => ns !== DNS_NAMESPACE)
    .sort();
  const covered = new Set(namespaces);
  const taken = new Set(
    input.networkPolicies.map((p) => `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`),
  );
  const nameIn = (ns: string, name: string) => (taken.has(`${ns}/${name}`) ? `${name}-generated` : name);
  const policies: GeneratedPolicy[] = [];
  for (const ns of namespaces) {
    policies.push({
      policy: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: nameIn(ns, 'default-deny'), namespace: ns },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      },
      title: `namespace ${ns}: deny all ingress and egress not allowed by another policy`,
      ingress: [],
      egress: [],
    });
  }
  const byKey = (w: NetpolWorkload) => workloadName(w.ref);
  const workloads = [...input.workloads]
    .filter((w) => covered.has(w.ref.namespace))
    .sort((a, b) => (byKey(a) < byKey(b) ? -1 : 1));
  for (const w of workloads) {
    if (w.hostNetwork) {
      warnings.push(
        `${byKey(w)} runs with hostNetwork: no policy generated for it and its connections are not verified (most network plugins treat its traffic as node traffic)`,
      );
      continue;
    }
    const labels = selectorLabels(w);
    if (Object.keys(labels).length === 0) {
      warnings.push(`${byKey(w)} has no pod labels: its policy selects every pod of ${w.ref.namespace}`);
    }
    const ns = w.ref.namespace;
    const ingress = rulesOf(
      intents.filter((i) => 'workload' in i.dst && i.dst.workload === w),
      (i) => i.src,
      'from',
      ns,
    );
    const egress = rulesOf(
      intents.filter((i) => 'workload' in i.src && i.src.workload === w),
      (i) => i.dst,
      'to',
      ns,
    );
    policies.push({
      policy: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: nameIn(ns, `${w.ref.name}-allow`), namespace: ns },
        spec: {
          podSelector: Object.keys(labels).length > 0 ? { matchLabels: labels } : {},
          policyTypes: ['Ingress', 'Egress'],
          ingress: ingress.rules,
          egress: [{ to: [DNS_PEER], ports: DNS_PORTS }, ...egress.rules],
        },
      },
      title: `${byKey(w)}: only its intended connections`,
      ingress: ingress.comments,
      egress: [
        { lines: ['DNS to the cluster DNS pods (k8s-app: kube-dns in kube-system), UDP and TCP 53'] },
        ...egress.comments,
      ],
    });
  }
  const errors = verify(input, intents, policies, covered);
  return { policies, errors, warnings };
}

/**
 * Recomputes reachability with the generated policies and compares, for every workload
 * of a generated namespace, each connection with the intent. When the input holds no
 * cluster DNS pod, a stand-in (`kube-system/coredns`, `k8s-app: kube-dns`) is added for
 * the check, so that DNS is verified too.
 */
function verify(
  input: NetpolInput,
  intents: readonly Intent[],
  generated: readonly GeneratedPolicy[],
  covered: ReadonlySet<string>,
): string[] {
  const standIn: NetpolWorkload[] = input.workloads.some(isDns)
    ? []
    : [
        {
          ref: { kind: 'Deployment', namespace: DNS_NAMESPACE, name: 'coredns' },
          podLabels: { ...DNS_LABELS },
          ports: [
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          ],
          hostNetwork: false,
        },
      ];
  const analysis: NetpolAnalysis = analyzeNetworkPolicies({
    ...input,
    workloads: [...input.workloads, ...standIn],
    networkPolicies: [...input.networkPolicies, ...generated.map((g) => g.policy)],
  });
  const errors: string[] = analysis.problems
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.kind} ${p.namespace ?? ''}/${p.name} ${p.path}: ${p.message}`);
  const intended = new Map<string, ConnectionSet>();
  const external: {
    workload: NetpolWorkload;
    direction: 'ingress' | 'egress';
    ips: IpSet;
    conns: ConnectionSet;
  }[] = [];
  for (const i of intents) {
    const conns = ConnectionSet.range(i.protocol, i.port);
    if ('workload' in i.src && 'workload' in i.dst) {
      const key = `${byName(i.src.workload)}\u0000${byName(i.dst.workload)}`;
      intended.set(key, (intended.get(key) ?? ConnectionSet.none).union(conns));
    } else if ('workload' in i.src && 'ips' in i.dst) {
      external.push({ workload: i.src.workload, direction: 'egress', ips: i.dst.ips, conns });
    } else if ('ips' in i.src && 'workload' in i.dst) {
      external.push({ workload: i.dst.workload, direction: 'ingress', ips: i.src.ips, conns });
    }
  }
  const checked = (w: NetpolWorkload) => covered.has(w.ref.namespace) && !w.hostNetwork;
  const { index, reachability } = analysis;
  const compare = (src: string, dst: string, actual: ConnectionSet, want: ConnectionSet) => {
    const extra = actual.subtract(want);
    const missing = want.subtract(actual);
    if (!extra.isEmpty()) errors.push(`allowed but not intended: ${src} => ${dst} : ${extra.toString()}`);
    if (!missing.isEmpty()) errors.push(`intended but not allowed: ${src} => ${dst} : ${missing.toString()}`);
  };
  const wantBetween = (s: NetpolWorkload, d: NetpolWorkload) => {
    const want = intended.get(`${byName(s)}\u0000${byName(d)}`) ?? ConnectionSet.none;
    return checked(s) && isDns(d) ? want.union(DNS_CONNS) : want;
  };
  const all = [...input.workloads, ...standIn];
  const seen = new Set<string>();
  const candidates = new CandidateSources(reachability);
  for (const dst of index.classes) {
    for (const src of candidates.of(dst)) {
      const conns = reachability.between(src, dst);
      if (conns.isEmpty()) continue;
      for (const s of src.workloads) {
        for (const d of dst.workloads) {
          if (s === d || (!checked(s) && !checked(d)) || s.hostNetwork || d.hostNetwork) continue;
          seen.add(`${byName(s)}\u0000${byName(d)}`);
          compare(byName(s), byName(d), conns, wantBetween(s, d));
        }
      }
    }
  }
  // What is intended but was never found allowed: connections nothing allows at all.
  const byKey = new Map(all.map((w) => [byName(w), w]));
  const dns = all.filter(isDns);
  const pairs = [
    ...[...intended.keys()].map((k) => k.split('\u0000') as [string, string]),
    ...all.filter(checked).flatMap((s) => dns.map((d): [string, string] => [byName(s), byName(d)])),
  ];
  for (const [src, dst] of pairs) {
    const s = byKey.get(src);
    const d = byKey.get(dst);
    if (s === undefined || d === undefined || seen.has(`${src}\u0000${dst}`)) continue;
    seen.add(`${src}\u0000${dst}`);
    if (s.hostNetwork || d.hostNetwork || (!checked(s) && !checked(d))) continue;
    compare(src, dst, ConnectionSet.none, wantBetween(s, d));
  }
  all.forEach((w, i) => {
    if (!checked(w)) return;
    const cls = index.classes[index.classOf[i]!]!;
    const wantTo = (direction: 'ingress' | 'egress', range: IpRange) =>
      external
        .filter((e) => e.workload === w && e.direction === direction && e.ips.has(range.family, range.start))
        .reduce((acc, e) => acc.union(e.conns), ConnectionSet.none);
    for (const range of reachability.externalDestinations) {
      compare(
        byName(w),
        `${formatRange(range)}[External]`,
        reachability.egressToRange(cls, range),
        wantTo('egress', range),
      );
    }
    for (const range of reachability.externalSources) {
      compare(
        `${formatRange(range)}[External]`,
        byName(w),
        reachability.ingressFromRange(cls, range),
        wantTo('ingress', range),
      );
    }
  });
  return errors;
}

const DNS_CONNS = ConnectionSet.range('UDP', 53).union(ConnectionSet.range('TCP', 53));

function byName(w: NetpolWorkload): string {
  return workloadName(w.ref);
}
