/**
 * The inventory: every resource of one scan, indexed once by kind, namespace and
 * name, with the pod template of each workload extracted once and shared by all rules.
 */
import type { FieldPath } from './fieldPath.js';
import { containersOf, podTemplateOf, type ContainerRef, type PodTemplate } from './podSpec.js';
import { namespaceOf, type Resource } from './resource.js';

export interface Workload {
  readonly resource: Resource;
  readonly template: PodTemplate;
  readonly containers: readonly ContainerRef[];
  /** The namespace the pods run in (the resource's, or the default namespace). */
  readonly namespace: string;
}

export interface InventoryOptions {
  /** Namespace of namespaced resources that name none (what `kubectl apply` would use). @default "default" */
  readonly defaultNamespace?: string;
  /** Custom kinds that carry a pod template, mapped to the template's path (e.g. `{Rollout: ['spec','template']}`). */
  readonly podTemplateKinds?: Readonly<Record<string, FieldPath>>;
}

const NONE: readonly Resource[] = Object.freeze([]);

export class Inventory {
  readonly resources: readonly Resource[];
  readonly defaultNamespace: string;
  /** The custom kinds given a pod-template path (`InventoryOptions.podTemplateKinds`): workloads like the built-in kinds. */
  readonly podTemplateKinds: readonly string[];
  /** The options it was built with, for building the cluster model of the same resources the same way. */
  readonly options: InventoryOptions;
  private readonly kindIndex = new Map<string, Resource[]>();
  private readonly nsKindIndex = new Map<string, Resource[]>();
  private readonly nameIndex = new Map<string, Resource>();
  private readonly workloadIndex = new Map<Resource, Workload>();
  private readonly namespaceSet = new Set<string>();

  constructor(resources: readonly Resource[], options: InventoryOptions = {}) {
    this.resources = resources;
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    this.podTemplateKinds = Object.keys(options.podTemplateKinds ?? {});
    this.options = options;
    for (const r of resources) {
      const kind = r.ref.kind;
      push(this.kindIndex, kind, r);
      const ns = namespaceOf(r.ref, this.defaultNamespace);
      if (ns !== undefined) {
        this.namespaceSet.add(ns);
        push(this.nsKindIndex, `${ns}\u0000${kind}`, r);
      }
      if (kind === 'Namespace' && r.ref.name) this.namespaceSet.add(r.ref.name);
      this.nameIndex.set(key(kind, ns, r.ref.name), r);
      const template = podTemplateOf(r.object, kind, options.podTemplateKinds);
      if (template !== undefined) {
        this.workloadIndex.set(r, {
          resource: r,
          template,
          containers: containersOf(template),
          namespace: ns ?? this.defaultNamespace,
        });
      }
    }
  }

  /** All resources of a kind. */
  ofKind(kind: string): readonly Resource[] {
    return this.kindIndex.get(kind) ?? NONE;
  }

  /** Resources of a kind in one namespace. */
  inNamespace(kind: string, namespace: string): readonly Resource[] {
    return this.nsKindIndex.get(`${namespace}\u0000${kind}`) ?? NONE;
  }

  /** One resource by identity; `namespace` is ignored for cluster-scoped kinds. */
  get(kind: string, namespace: string | undefined, name: string): Resource | undefined {
    return this.nameIndex.get(key(kind, namespace, name));
  }

  /** The workload view of a resource (pod template and containers), if it has a pod template. */
  workloadOf(resource: Resource): Workload | undefined {
    return this.workloadIndex.get(resource);
  }

  /** Every workload, in input order. */
  workloads(): IterableIterator<Workload> {
    return this.workloadIndex.values();
  }

  /** Namespaces named by any resource or declared by a Namespace object. */
  namespaces(): ReadonlySet<string> {
    return this.namespaceSet;
  }

  /** The namespace a resource is in (undefined for cluster-scoped kinds). */
  namespaceOf(resource: Resource): string | undefined {
    return namespaceOf(resource.ref, this.defaultNamespace);
  }
}

function key(kind: string, ns: string | undefined, name: string): string {
  return `${kind}\u0000${ns ?? ''}\u0000${name}`;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
