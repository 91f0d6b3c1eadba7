/**
 * Intended connections: what `kubeward netpol generate` turns into policies. An intent
 * names a source, a destination and one destination port (the port **on the pod**, as
 * NetworkPolicy ports are — reference/netpol.md §1.6; a Service port must be translated
 * to its targetPort first). Intents come from an intent file (parsed here), observed
 * flows (flows.ts) or the Services a workload's configuration names (inferIntents.ts);
 * all are resolved against the workloads of the input here, each problem a message
 * naming its origin (file:line).
 *
 * Intent file format, one rule per line (`#` starts a comment):
 *
 *     allow: frontend -> api:8080/TCP
 *     allow: shop/frontend -> shop/cart:7070          # protocol defaults to TCP
 *     allow: app=web -> tier=db,env=prod:5432/TCP     # pod labels, in every namespace
 *     allow: shop/app=web -> payments:8443/TCP        # pod labels in one namespace
 *     allow: 0.0.0.0/0 -> frontend:8080/TCP           # from addresses outside the cluster
 *     allow: api -> 203.0.113.0/24:443/TCP            # to addresses outside the cluster
 *
 * or an `allow:` line followed by `- frontend -> api:8080/TCP` items. An endpoint is a
 * workload (`name`, `ns/name`, `ns/name[Kind]`), pod labels (`k=v[,k=v]`, optionally
 * `ns/` first), or a CIDR; ports are `PORT[/TCP|UDP|SCTP]`.
 */
import type { Labels } from '../k8s/selector.js';
import { isProtocol, type Protocol } from './connectionSet.js';
import { IpSet } from './ipSet.js';
import { workloadName, type NetpolInput, type NetpolWorkload } from './model.js';

export type EndpointSpec =
  | {
      readonly kind: 'workload';
      readonly namespace?: string;
      readonly name: string;
      readonly workloadKind?: string;
      /** Pod names (Hubble): the workload whose pods are named `name-…`. */
      readonly podName?: boolean;
    }
  | { readonly kind: 'labels'; readonly namespace?: string; readonly labels: Labels }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly ips: IpSet }
  /** Traffic of a node (Hubble `reserved:host` / `remote-node`): not expressible as a pod peer. */
  | { readonly kind: 'node'; readonly text: string };

export interface IntentRule {
  readonly src: EndpointSpec;
  readonly dst: EndpointSpec;
  readonly protocol: Protocol;
  readonly port: number;
  /** Where the rule was written: `intents.txt:3`, `flows.jsonl:12`, `Deployment shop/web env CART_ADDR`. */
  readonly origin: string;
  /** How the rule was obtained, for the comments of the generated policies. */
  readonly source: 'intent' | 'flow' | 'inferred';
}

export interface ParsedRules {
  readonly rules: readonly IntentRule[];
  /** One line each, naming file:line. */
  readonly errors: readonly string[];
  /** Records read but not turned into rules on purpose (Hubble replies, dropped flows). */
  readonly skipped?: number;
}

/** An intent resolved to workloads of the input (or addresses outside the cluster). */
export type IntentEnd =
  { readonly workload: NetpolWorkload } | { readonly cidr: string; readonly ips: IpSet };

export interface Intent {
  readonly src: IntentEnd;
  readonly dst: IntentEnd;
  readonly protocol: Protocol;
  readonly port: number;
  readonly origin: string;
  readonly source: IntentRule['source'];
}

const CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)\/\d{1,3}$/;

/** An endpoint as written in an intent file or a flow file; undefined when it cannot be one. */
export function parseEndpoint(text: string): EndpointSpec | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (CIDR.test(t)) {
    const ips = IpSet.fromCidr(t);
    return ips !== undefined ? { kind: 'cidr', cidr: t, ips } : undefined;
  }
  const address = IpSet.fromAddress(t);
  if (address !== undefined)
    return { kind: 'cidr', cidr: t.includes(':') ? `${t}/128` : `${t}/32`, ips: address };
  const slash = t.indexOf('/');
  const namespace = slash >= 0 ? t.slice(0, slash) : undefined;
  const rest = slash >= 0 ? t.slice(slash + 1) : t;
  if (namespace === '' || rest.includes('/')) return undefined;
  if (rest.includes('=')) {
    const labels: Record<string, string> = {};
    for (const pair of rest.split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return undefined;
      labels[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
    return { kind: 'labels', ...(namespace !== undefined ? { namespace } : {}), labels };
  }
  const m = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)(?:\[([A-Za-z]+)\])?$/.exec(rest);
  if (m === null) return undefined;
  return {
    kind: 'workload',
    ...(namespace !== undefined ? { namespace } : {}),
    name: m[1]!,
    ...(m[3] !== undefined ? { workloadKind: m[3] } : {}),
  };
}

/** `PORT[/PROTO]` → protocol and port, or undefined. */
export function parsePort(text: string): { protocol: Protocol; port: number } | undefined {
  const m = /^(\d{1,5})(?:\/([A-Za-z]+))?$/.exec(text.trim());
  if (m === null) return undefined;
  const port = Number(m[1]);
  const protocol = (m[2] ?? 'TCP').toUpperCase();
  return isProtocol(protocol) && port >= 1 && port <= 65535 ? { protocol, port } : undefined;
}

/** Parses an intent file (format in the module comment). */
export function parseIntentFile(text: string, file: string): ParsedRules {
  const rules: IntentRule[] = [];
  const errors: string[] = [];
  let inList = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const at = `${file}:${i + 1}`;
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    let body: string;
    if (/^allow:\s*$/.test(line)) {
      inList = true;
      return;
    } else if (line.startsWith('allow:')) body = line.slice('allow:'.length);
    else if (inList && line.startsWith('- ')) body = line.slice(2);
    else {
      errors.push(`${at}: expected "allow: SRC -> DST:PORT[/PROTOCOL]", not "${line}"`);
      return;
    }
    const rule = parseRule(body, at, 'intent');
    if (typeof rule === 'string') errors.push(`${at}: ${rule}`);
    else rules.push(rule);
  });
  return { rules, errors };
}

/** `SRC -> DST:PORT[/PROTO]`; a message when it is not one. */
function parseRule(text: string, origin: string, source: IntentRule['source']): IntentRule | string {
  const parts = text.split('->');
  if (parts.length !== 2) return `expected "SRC -> DST:PORT[/PROTOCOL]", not "${text.trim()}"`;
  const dstText = parts[1]!.trim();
  const colon = dstText.lastIndexOf(':');
  if (colon < 0) return `"${dstText}" needs a port: DST:PORT[/PROTOCOL]`;
  const port = parsePort(dstText.slice(colon + 1));
  if (port === undefined)
    return `"${dstText.slice(colon + 1)}" is not a port (1-65535, optionally /TCP, /UDP or /SCTP)`;
  const src = parseEndpoint(parts[0]!);
  const dst = parseEndpoint(dstText.slice(0, colon));
  if (src === undefined) return `"${parts[0]!.trim()}" is not a workload, pod labels or a CIDR`;
  if (dst === undefined) return `"${dstText.slice(0, colon)}" is not a workload, pod labels or a CIDR`;
  return { src, dst, ...port, origin, source };
}

export function endpointText(e: EndpointSpec): string {
  switch (e.kind) {
    case 'workload':
      return `${e.namespace !== undefined ? `${e.namespace}/` : ''}${e.name}${e.podName === true ? ' (pod)' : ''}${e.workloadKind !== undefined ? `[${e.workloadKind}]` : ''}`;
    case 'labels':
      return `${e.namespace !== undefined ? `${e.namespace}/` : ''}${Object.entries(e.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}`;
    case 'cidr':
      return e.cidr;
    case 'node':
      return e.text;
  }
}

/** The workloads (or addresses) an endpoint stands for, or a message saying why none. */
function resolveEndpoint(spec: EndpointSpec, input: NetpolInput): IntentEnd[] | string {
  switch (spec.kind) {
    case 'cidr':
      return [{ cidr: spec.cidr, ips: spec.ips }];
    case 'node':
      return `${spec.text} is node traffic: NetworkPolicy cannot select nodes (traffic from a pod's own node is always allowed; use an ipBlock for others)`;
    case 'labels': {
      const found = input.workloads.filter(
        (w) =>
          (spec.namespace === undefined || w.ref.namespace === spec.namespace) &&
          Object.entries(spec.labels).every(([k, v]) => w.podLabels[k] === v),
      );
      return found.length > 0
        ? found.map((workload) => ({ workload }))
        : `no workload of the input has pods labelled ${endpointText(spec)}`;
    }
    case 'workload': {
      const matches = (w: NetpolWorkload) =>
        (spec.namespace === undefined || w.ref.namespace === spec.namespace) &&
        (spec.workloadKind === undefined || w.ref.kind === spec.workloadKind);
      let found = input.workloads.filter((w) => matches(w) && w.ref.name === spec.name);
      if (found.length === 0 && spec.podName === true) {
        // A pod of a Deployment is `name-<replicaset hash>-<pod hash>`, of a StatefulSet `name-N`, of a DaemonSet `name-<hash>`.
        found = input.workloads.filter((w) => matches(w) && spec.name.startsWith(`${w.ref.name}-`));
        const longest = Math.max(0, ...found.map((w) => w.ref.name.length));
        found = found.filter((w) => w.ref.name.length === longest);
      }
      if (found.length === 0) return `no workload ${endpointText(spec)} in the input`;
      if (found.length > 1) {
        return `${endpointText(spec)} names ${found.length} workloads (${found.map((w) => workloadName(w.ref)).join(', ')}): write ns/name[Kind]`;
      }
      return [{ workload: found[0]! }];
    }
  }
}

/**
 * The intents of the rules, against the input. A rule with an end that matches nothing,
 * a hostNetwork pod (most plugins treat its traffic as node traffic: no pod rule can
 * express it, reference/netpol.md §1.8), a node, or two external ends, is left out with a
 * message naming its origin.
 */
export function resolveIntents(
  rules: readonly IntentRule[],
  input: NetpolInput,
): { intents: Intent[]; problems: string[] } {
  const intents: Intent[] = [];
  const problems: string[] = [];
  for (const rule of rules) {
    const src = resolveEndpoint(rule.src, input);
    const dst = resolveEndpoint(rule.dst, input);
    const what = `${endpointText(rule.src)} -> ${endpointText(rule.dst)}:${rule.port}/${rule.protocol}`;
    if (typeof src === 'string' || typeof dst === 'string') {
      problems.push(`${rule.origin}: ${what} left out: ${typeof src === 'string' ? src : (dst as string)}`);
      continue;
    }
    for (const s of src) {
      for (const d of dst) {
        const host = [s, d].find((e) => 'workload' in e && e.workload.hostNetwork);
        if (host !== undefined && 'workload' in host) {
          problems.push(
            `${rule.origin}: ${what} left out: ${workloadName(host.workload.ref)} runs with hostNetwork; most network plugins treat its traffic as node traffic, which no pod rule selects`,
          );
          continue;
        }
        if ('cidr' in s && 'cidr' in d) {
          problems.push(`${rule.origin}: ${what} left out: one end must be a workload of the input`);
          continue;
        }
        if ('workload' in s && 'workload' in d && s.workload === d.workload) continue; // loopback needs no rule
        intents.push({
          src: s,
          dst: d,
          protocol: rule.protocol,
          port: rule.port,
          origin: rule.origin,
          source: rule.source,
        });
      }
    }
  }
  return { intents, problems };
}
