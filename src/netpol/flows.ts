/**
 * Observed flows as intents (`kubeward netpol generate --flows FILE`). Three formats,
 * told apart by their content:
 *
 *  - JSON lines (or one JSON array) of `{"src": "shop/frontend", "dst": "shop/cart",
 *    "port": 7070, "protocol": "TCP"}` — ends written as in intent files (a workload,
 *    `ns/k=v` labels, or an IP address / CIDR); `protocol` defaults to TCP;
 *  - CSV with the columns `src,dst,port,protocol` (the header line is optional);
 *  - Cilium Hubble flows, as `hubble observe -o json` prints them (one `{"flow": {...}}`
 *    or bare flow object per line; cilium/cilium api/v1/flow/flow.proto): ends from
 *    `source`/`destination` `.namespace` with `.workloads[0]` (the owner), `.pod_name`
 *    or the `k8s:` `.labels`; `reserved:world` ends are the `IP` address; `reserved:host`
 *    and `remote-node` are nodes; the port is `l4.TCP|UDP|SCTP.destination_port`. Reply
 *    packets (`is_reply`) and verdicts other than FORWARDED and AUDIT (DROPPED, ERROR:
 *    traffic that did not flow) are skipped; both observation points
 *    (`traffic_direction` EGRESS at the source, INGRESS at the destination) describe
 *    the same connection from source to destination.
 */
import { asArray, asRecord, asString, isRecord, type JsonRecord } from '../k8s/shape.js';
import { isProtocol, type Protocol } from './connectionSet.js';
import { parseEndpoint, type EndpointSpec, type IntentRule, type ParsedRules } from './intents.js';

export function parseFlows(text: string, file: string): ParsedRules {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? parseJsonFlows(text, file) : parseCsvFlows(text, file);
}

function parseJsonFlows(text: string, file: string): ParsedRules {
  const rules: IntentRule[] = [];
  const errors: string[] = [];
  const items: { value: unknown; line: number }[] = [];
  if (text.trimStart().startsWith('[')) {
    try {
      asArray(JSON.parse(text) as unknown).forEach((value, i) => items.push({ value, line: i + 1 }));
    } catch (e) {
      errors.push(`${file}: not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else {
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        items.push({ value: JSON.parse(line) as unknown, line: i + 1 });
      } catch {
        errors.push(`${file}:${i + 1}: not a JSON object`);
      }
    });
  }
  let skipped = 0;
  for (const { value, line } of items) {
    const at = `${file}:${line}`;
    const record = asRecord(value);
    if (record === undefined) {
      errors.push(`${at}: not a JSON object`);
      continue;
    }
    const hubble =
      asRecord(record.flow) ?? (isRecord(record.source) && isRecord(record.destination) ? record : undefined);
    if (hubble !== undefined) {
      const rule = hubbleRule(hubble, at);
      if (typeof rule !== 'string' && 'skip' in rule) skipped++;
      else if (typeof rule === 'string') errors.push(`${at}: ${rule}`);
      else rules.push(rule);
      continue;
    }
    const rule = simpleRule(asString(record.src), asString(record.dst), record.port, record.protocol, at);
    if (typeof rule === 'string') errors.push(`${at}: ${rule}`);
    else rules.push(rule);
  }
  return { rules, errors, ...(skipped > 0 ? { skipped } : {}) };
}

function parseCsvFlows(text: string, file: string): ParsedRules {
  const rules: IntentRule[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (i === 0 && cells[0]?.toLowerCase() === 'src') return;
    if (cells.length < 3 || cells.length > 4) {
      errors.push(`${at}: expected src,dst,port[,protocol], not "${line.trim()}"`);
      return;
    }
    const rule = simpleRule(cells[0], cells[1], cells[2], cells[3] === '' ? undefined : cells[3], at);
    if (typeof rule === 'string') errors.push(`${at}: ${rule}`);
    else rules.push(rule);
  });
  return { rules, errors };
}

function simpleRule(
  srcText: string | undefined,
  dstText: string | undefined,
  portValue: unknown,
  protocolValue: unknown,
  origin: string,
): IntentRule | string {
  const src = srcText !== undefined ? parseEndpoint(srcText) : undefined;
  const dst = dstText !== undefined ? parseEndpoint(dstText) : undefined;
  if (src === undefined) return `src "${srcText ?? ''}" is not a workload, pod labels or an IP address`;
  if (dst === undefined) return `dst "${dstText ?? ''}" is not a workload, pod labels or an IP address`;
  const port = typeof portValue === 'number' ? portValue : Number(portValue);
  const protocol = (typeof protocolValue === 'string' ? protocolValue : 'TCP').toUpperCase();
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return `port ${JSON.stringify(portValue)} is not 1-65535`;
  if (!isProtocol(protocol)) return `protocol ${JSON.stringify(protocolValue)} is not TCP, UDP or SCTP`;
  return { src, dst, protocol, port, origin, source: 'flow' };
}

/** Labels Cilium adds that are not pod labels (`k8s:io.kubernetes.pod.namespace`, `k8s:io.cilium.k8s.policy.*`). */
function podLabelsOf(labels: readonly unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of labels) {
    if (typeof l !== 'string' || !l.startsWith('k8s:')) continue;
    const text = l.slice(4);
    const eq = text.indexOf('=');
    const key = eq < 0 ? text : text.slice(0, eq);
    if (key.startsWith('io.kubernetes.') || key.startsWith('io.cilium.')) continue;
    out[key] = eq < 0 ? '' : text.slice(eq + 1);
  }
  return out;
}

function hubbleEnd(end: JsonRecord, ip: string | undefined): EndpointSpec | string {
  const labels = asArray(end.labels);
  const reserved = labels.filter((l): l is string => typeof l === 'string' && l.startsWith('reserved:'));
  if (reserved.includes('reserved:world')) {
    const spec = ip !== undefined ? parseEndpoint(ip) : undefined;
    return spec ?? 'an address outside the cluster without an IP';
  }
  if (reserved.includes('reserved:host') || reserved.includes('reserved:remote-node')) {
    return { kind: 'node', text: `node (${reserved.join(', ')}${ip !== undefined ? ` ${ip}` : ''})` };
  }
  const namespace = asString(end.namespace);
  if (namespace === undefined || namespace === '') {
    return `an end with no namespace (${reserved.length > 0 ? reserved.join(', ') : (ip ?? 'no IP')})`;
  }
  const owner = asRecord(asArray(end.workloads)[0]);
  const ownerName = asString(owner?.name);
  if (ownerName !== undefined) {
    const kind = asString(owner?.kind);
    return {
      kind: 'workload',
      namespace,
      name: ownerName,
      ...(kind !== undefined ? { workloadKind: kind } : {}),
    };
  }
  const pod = asString(end.pod_name);
  if (pod !== undefined && pod !== '') return { kind: 'workload', namespace, name: pod, podName: true };
  const podLabels = podLabelsOf(labels);
  if (Object.keys(podLabels).length > 0) return { kind: 'labels', namespace, labels: podLabels };
  return `an end in ${namespace} with neither pod name nor labels`;
}

function hubbleRule(flow: JsonRecord, origin: string): IntentRule | string | { skip: true } {
  if (flow.is_reply === true) return { skip: true };
  const verdict = asString(flow.verdict);
  if (verdict !== undefined && verdict !== 'FORWARDED' && verdict !== 'AUDIT') return { skip: true };
  const l4 = asRecord(flow.l4);
  const protocol = (['TCP', 'UDP', 'SCTP'] as const).find((p) => isRecord(l4?.[p]));
  const port = protocol !== undefined ? asRecord(l4?.[protocol])?.destination_port : undefined;
  if (protocol === undefined || typeof port !== 'number') {
    return 'not a TCP, UDP or SCTP flow with a destination port (NetworkPolicy covers layer 4 only)';
  }
  const ip = asRecord(flow.IP);
  const src = hubbleEnd(asRecord(flow.source) ?? {}, asString(ip?.source));
  const dst = hubbleEnd(asRecord(flow.destination) ?? {}, asString(ip?.destination));
  if (typeof src === 'string') return `source is ${src}`;
  if (typeof dst === 'string') return `destination is ${dst}`;
  return { src, dst, protocol: protocol satisfies Protocol, port, origin, source: 'flow' };
}
