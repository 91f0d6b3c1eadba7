/**
 * Intents inferred from configuration, for `kubeward netpol generate` without an intent
 * or flow file — every one labelled inferred, with the setting it came from. As
 * np-guard's cluster-topology-analyzer does (used by `roxctl netpol generate`), a
 * workload is taken to connect to a Service when one of its settings names it: a
 * container's `env` value (literal, or the ConfigMap key it reads), an `envFrom`
 * ConfigMap's values, `args` or `command`, holding `svc`, `svc.ns`, `svc.ns.svc[.domain]`,
 * optionally `:port` (also inside URLs: `http://cart:7070/`). The connection goes to the
 * pods the Service selects, on the Service's target port (a named target port resolved
 * on the pod; NetworkPolicy ports are pod ports, reference/netpol.md §1.6); without a
 * port, on every port of the Service. A Service of type LoadBalancer or NodePort is an
 * entry point: ingress from every address outside the cluster to its target ports.
 */
import type { Inventory } from '../k8s/inventory.js';
import { asArray, asRecord, asString, type JsonRecord } from '../k8s/shape.js';
import type { ServiceSummary } from '../model/clusterModel.js';
import { isProtocol } from './connectionSet.js';
import type { AdaptedInput } from './fromModel.js';
import type { IntentRule } from './intents.js';
import { IpSet } from './ipSet.js';
import { workloadName, type NetpolWorkload } from './model.js';

export interface Setting {
  /** `env CART_ADDR`, `args[1]`, `ConfigMap app-config key DB_HOST`. */
  readonly where: string;
  readonly value: string;
}

/** The settings of every workload of the input (by `ns/name[Kind]`), read from the parsed objects. */
export function workloadSettings(inventory: Inventory, adapted: AdaptedInput): Map<string, Setting[]> {
  const out = new Map<string, Setting[]>();
  for (const [name, members] of adapted.membersOf) {
    const m = members[0]!;
    const resource = inventory.get(m.ref.kind, m.namespace, m.ref.name);
    const workload = resource !== undefined ? inventory.workloadOf(resource) : undefined;
    if (workload === undefined) continue;
    const configMap = (cm: string) =>
      asRecord(inventory.get('ConfigMap', workload.namespace, cm)?.object.data);
    const settings: Setting[] = [];
    for (const c of workload.containers) {
      const container: JsonRecord = c.container;
      for (const e of asArray(container.env)) {
        const env = asRecord(e);
        const key = asString(env?.name) ?? '?';
        const literal = asString(env?.value);
        if (literal !== undefined) settings.push({ where: `container ${c.name} env ${key}`, value: literal });
        const ref = asRecord(asRecord(env?.valueFrom)?.configMapKeyRef);
        const cm = asString(ref?.name);
        const cmKey = asString(ref?.key);
        const value = cm !== undefined && cmKey !== undefined ? asString(configMap(cm)?.[cmKey]) : undefined;
        if (value !== undefined)
          settings.push({ where: `container ${c.name} env ${key} (ConfigMap ${cm} key ${cmKey})`, value });
      }
      for (const e of asArray(container.envFrom)) {
        const cm = asString(asRecord(asRecord(e)?.configMapRef)?.name);
        if (cm === undefined) continue;
        for (const [k, v] of Object.entries(configMap(cm) ?? {}))
          if (typeof v === 'string')
            settings.push({ where: `container ${c.name} envFrom ConfigMap ${cm} key ${k}`, value: v });
      }
      for (const field of ['command', 'args'] as const) {
        asArray(container[field]).forEach((v, i) => {
          if (typeof v === 'string') settings.push({ where: `container ${c.name} ${field}[${i}]`, value: v });
        });
      }
    }
    if (settings.length > 0) out.set(name, settings);
  }
  return out;
}

const HOST =
  /(?:^|[^A-Za-z0-9.-])([a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*)(?::(\d{1,5}))?/g;

function selects(service: ServiceSummary, w: NetpolWorkload): boolean {
  const selector = service.selector;
  return (
    selector !== undefined &&
    Object.keys(selector).length > 0 &&
    w.ref.namespace === service.namespace &&
    Object.entries(selector).every(([k, v]) => w.podLabels[k] === v)
  );
}

/** The pod port a Service port sends to on one backend, or undefined when a named target port does not resolve there. */
function targetPort(port: ServiceSummary['ports'][number], backend: NetpolWorkload): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  if (typeof port.targetPort === 'string' && port.targetPort !== '') {
    return backend.ports.find((p) => p.name === port.targetPort && p.protocol === port.protocol)
      ?.containerPort;
  }
  return port.port;
}

/** The setting's value on one line; for a long one, the part naming the Service. */
function shown(value: string, match: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length <= 80 ? flat : `…${match.trim()}…`;
}

export function inferIntents(
  adapted: AdaptedInput,
  services: readonly ServiceSummary[],
  settings: ReadonlyMap<string, readonly Setting[]>,
): IntentRule[] {
  const { input } = adapted;
  const byName = new Map(input.workloads.map((w) => [workloadName(w.ref), w]));
  const serviceAt = new Map(services.map((s) => [`${s.namespace}/${s.ref.name}`, s]));
  const rules: IntentRule[] = [];
  const endOf = (w: NetpolWorkload) =>
    ({ kind: 'workload', namespace: w.ref.namespace, name: w.ref.name, workloadKind: w.ref.kind }) as const;
  const toService = (
    src: NetpolWorkload,
    service: ServiceSummary,
    port: number | undefined,
    origin: string,
  ) => {
    const ports = service.ports.filter((p) => port === undefined || p.port === port);
    for (const backend of input.workloads.filter((w) => selects(service, w))) {
      for (const p of ports) {
        const target = targetPort(p, backend);
        if (target === undefined || !isProtocol(p.protocol)) continue;
        rules.push({
          src: endOf(src),
          dst: endOf(backend),
          protocol: p.protocol,
          port: target,
          origin,
          source: 'inferred',
        });
      }
    }
  };
  for (const [name, list] of settings) {
    const src = byName.get(name);
    if (src === undefined) continue;
    for (const setting of list) {
      for (const m of setting.value.matchAll(HOST)) {
        const parts = m[1]!.split('.');
        const ns = parts.length === 1 ? src.ref.namespace : parts[1]!;
        if (parts.length > 2 && parts[2] !== 'svc') continue;
        const service = serviceAt.get(`${ns}/${parts[0]!}`);
        if (service === undefined) continue;
        const port = m[2] !== undefined ? Number(m[2]) : undefined;
        toService(
          src,
          service,
          port,
          `${workloadName(src.ref)} ${setting.where}=${shown(setting.value, m[0])}`,
        );
      }
    }
  }
  const world = IpSet.fromCidr('0.0.0.0/0')!;
  for (const service of services) {
    if (service.type !== 'LoadBalancer' && service.type !== 'NodePort') continue;
    for (const backend of input.workloads.filter((w) => selects(service, w))) {
      for (const p of service.ports) {
        const target = targetPort(p, backend);
        if (target === undefined || !isProtocol(p.protocol)) continue;
        rules.push({
          src: { kind: 'cidr', cidr: '0.0.0.0/0', ips: world },
          dst: endOf(backend),
          protocol: p.protocol,
          port: target,
          origin: `${service.type} Service ${service.namespace}/${service.ref.name} port ${p.port}`,
          source: 'inferred',
        });
      }
    }
  }
  return rules;
}
