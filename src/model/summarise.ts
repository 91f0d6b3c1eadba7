/**
 * Phase 1 of a scan, in whichever thread parsed the objects: each object becomes its record
 * of the cluster model (or nothing, for kinds no cross-object analysis reads).
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import type { InventoryOptions } from '../k8s/inventory.js';
import { podTemplateOf } from '../k8s/podSpec.js';
import { namespaceOf, type Resource } from '../k8s/resource.js';
import { asArray, asRecord, asString, asStringMap, type JsonRecord } from '../k8s/shape.js';
import type {
  BackendSummary,
  CustomResourceSummary,
  Labels,
  ModelFragment,
  NamespaceSummary,
  RouteSummary,
  ServiceSummary,
  WholeObject,
} from './clusterModel.js';
import { summariseWorkload } from './summariseWorkload.js';

/** Kinds the model keeps whole, by the fragment list that holds them. */
const WHOLE_KINDS = {
  NetworkPolicy: 'networkPolicies',
  AdminNetworkPolicy: 'adminNetworkPolicies',
  BaselineAdminNetworkPolicy: 'adminNetworkPolicies',
  ClusterNetworkPolicy: 'adminNetworkPolicies',
  ServiceAccount: 'serviceAccounts',
  Role: 'roles',
  ClusterRole: 'clusterRoles',
  RoleBinding: 'roleBindings',
  ClusterRoleBinding: 'clusterRoleBindings',
  ValidatingWebhookConfiguration: 'webhookConfigurations',
  MutatingWebhookConfiguration: 'webhookConfigurations',
  LimitRange: 'limitRanges',
  PersistentVolume: 'persistentVolumes',
  PersistentVolumeClaim: 'persistentVolumeClaims',
} as const;

type WholeList = (typeof WHOLE_KINDS)[keyof typeof WHOLE_KINDS];

/** Gateway API route kinds (gateway.networking.k8s.io): their `rules[].backendRefs` are backends. */
const ROUTE_KINDS: ReadonlySet<string> = new Set([
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  'UDPRoute',
]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };

export function emptyFragment(): Mutable<ModelFragment> {
  return {
    namespaces: [],
    workloads: [],
    services: [],
    routes: [],
    networkPolicies: [],
    adminNetworkPolicies: [],
    serviceAccounts: [],
    roles: [],
    clusterRoles: [],
    roleBindings: [],
    clusterRoleBindings: [],
    webhookConfigurations: [],
    limitRanges: [],
    persistentVolumes: [],
    persistentVolumeClaims: [],
    customResources: [],
    secrets: [],
  };
}

function portValue(value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A Service's `spec.selector` as labels; undefined when it has none (endpoints managed by
 * hand). The one reading of it: the model's summary and the rules on the Service itself.
 */
export function serviceSelectorOf(object: JsonRecord): Labels | undefined {
  const selector = asRecord(asRecord(object.spec)?.selector);
  return selector !== undefined ? asStringMap(selector) : undefined;
}

function service(r: Resource, namespace: string): ServiceSummary {
  const spec = asRecord(r.object.spec) ?? {};
  const selector = serviceSelectorOf(r.object);
  const externalName = asString(spec.externalName);
  return {
    ref: r.ref,
    source: r.source,
    namespace,
    type: asString(spec.type) ?? 'ClusterIP',
    ...(selector !== undefined ? { selector } : {}),
    ports: asArray(spec.ports).flatMap((item) => {
      const p = asRecord(item);
      const port = p?.port;
      if (p === undefined || typeof port !== 'number') return [];
      const name = asString(p.name);
      const targetPort = portValue(p.targetPort);
      const nodePort = p.nodePort;
      return [
        {
          ...(name !== undefined ? { name } : {}),
          port,
          ...(targetPort !== undefined ? { targetPort } : {}),
          protocol: asString(p.protocol) ?? 'TCP',
          ...(typeof nodePort === 'number' ? { nodePort } : {}),
        },
      ];
    }),
    externalIPs: asArray(spec.externalIPs).flatMap((v) => (typeof v === 'string' ? [v] : [])),
    loadBalancerSourceRanges: asArray(spec.loadBalancerSourceRanges).flatMap((v) =>
      typeof v === 'string' ? [v] : [],
    ),
    ...(externalName !== undefined ? { externalName } : {}),
  };
}

/** An Ingress backend (`service.name` + `service.port.number|name`, networking.k8s.io/v1). */
function ingressBackend(value: unknown, namespace: string, path: FieldPath): BackendSummary[] {
  const svc = asRecord(asRecord(value)?.service);
  const name = asString(svc?.name);
  if (name === undefined) return [];
  const port = asRecord(svc?.port);
  const p = portValue(port?.number) ?? portValue(port?.name);
  return [
    { kind: 'Service', namespace, name, ...(p !== undefined ? { port: p } : {}), path: [...path, 'service'] },
  ];
}

function ingress(r: Resource, namespace: string): RouteSummary {
  const spec = asRecord(r.object.spec) ?? {};
  const backends = ingressBackend(spec.defaultBackend, namespace, ['spec', 'defaultBackend']);
  asArray(spec.rules).forEach((rule, i) => {
    asArray(asRecord(asRecord(rule)?.http)?.paths).forEach((p, j) => {
      const path = ['spec', 'rules', i, 'http', 'paths', j, 'backend'];
      backends.push(...ingressBackend(asRecord(p)?.backend, namespace, path));
    });
  });
  return {
    ref: r.ref,
    source: r.source,
    namespace,
    backends,
    tls: asArray(spec.tls).length > 0,
    parents: [],
  };
}

function route(r: Resource, namespace: string): RouteSummary {
  const spec = asRecord(r.object.spec) ?? {};
  const backends: BackendSummary[] = [];
  asArray(spec.rules).forEach((rule, i) => {
    asArray(asRecord(rule)?.backendRefs).forEach((ref, j) => {
      const b = asRecord(ref);
      const name = asString(b?.name);
      if (b === undefined || name === undefined) return;
      const p = portValue(b.port);
      backends.push({
        kind: asString(b.kind) ?? 'Service',
        namespace: asString(b.namespace) ?? namespace,
        name,
        ...(p !== undefined ? { port: p } : {}),
        path: ['spec', 'rules', i, 'backendRefs', j],
      });
    });
  });
  const parents = asArray(spec.parentRefs).flatMap((ref) => {
    const p = asRecord(ref);
    const name = asString(p?.name);
    return name !== undefined ? [`${asString(p?.namespace) ?? namespace}/${name}`] : [];
  });
  return { ref: r.ref, source: r.source, namespace, backends, parents };
}

function customResource(r: Resource): CustomResourceSummary | undefined {
  const spec = asRecord(r.object.spec);
  const names = asRecord(spec?.names);
  const group = asString(spec?.group);
  const plural = asString(names?.plural);
  const kind = asString(names?.kind);
  const scope = asString(spec?.scope);
  if (group === undefined || plural === undefined || kind === undefined) return undefined;
  if (scope !== 'Namespaced' && scope !== 'Cluster') return undefined;
  return { ref: r.ref, source: r.source, group, plural, kind, scope };
}

function namespaceRecord(r: Resource): NamespaceSummary {
  return {
    name: r.ref.name,
    declared: true,
    // the API server adds this label to every namespace (NamespaceDefaultLabelName, GA in v1.22)
    labels: { ...r.labels, 'kubernetes.io/metadata.name': r.ref.name },
    source: r.source,
  };
}

/**
 * The fragment of the cluster model for one share of the input. Namespaces appear once each,
 * declared (a Namespace object) or only referenced (an object in it).
 */
export function summariseResources(
  resources: readonly Resource[],
  options: InventoryOptions = {},
): ModelFragment {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const out = emptyFragment();
  const namespaces = new Map<string, NamespaceSummary>();
  const mention = (name: string): void => {
    if (!namespaces.has(name)) {
      namespaces.set(name, { name, declared: false, labels: { 'kubernetes.io/metadata.name': name } });
    }
  };
  for (const r of resources) {
    const kind = r.ref.kind;
    const ns = namespaceOf(r.ref, defaultNamespace);
    if (ns !== undefined) mention(ns);
    if (kind === 'Namespace' && r.ref.name !== '') {
      // a later Namespace object of the same name wins, as it would in the cluster (Map keeps the first place)
      namespaces.set(r.ref.name, namespaceRecord(r));
      continue;
    }
    const template = podTemplateOf(r.object, kind, options.podTemplateKinds);
    if (template !== undefined) {
      out.workloads.push(summariseWorkload(r, template, ns ?? defaultNamespace));
      continue;
    }
    const whole = (WHOLE_KINDS as Record<string, WholeList | undefined>)[kind];
    if (whole !== undefined) {
      (out[whole] as WholeObject<JsonRecord>[]).push({ ref: r.ref, source: r.source, object: r.object });
    } else if (kind === 'Service') out.services.push(service(r, ns ?? defaultNamespace));
    else if (kind === 'Ingress') out.routes.push(ingress(r, ns ?? defaultNamespace));
    else if (kind === 'Secret' && r.ref.apiVersion === 'v1')
      out.secrets.push({ ref: r.ref, source: r.source });
    else if (ROUTE_KINDS.has(kind)) out.routes.push(route(r, ns ?? defaultNamespace));
    else if (kind === 'CustomResourceDefinition') {
      const crd = customResource(r);
      if (crd !== undefined) out.customResources.push(crd);
    }
  }
  out.namespaces.push(...namespaces.values());
  return out;
}
