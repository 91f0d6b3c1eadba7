/**
 * The audit's evaluation, incremental: the rules that look at one object alone run again only
 * on the objects that changed since the last cycle (their findings are kept per object); the
 * rules that read the cluster model (`needsModel`) run on every object, once per cycle; then
 * the findings that controlled workloads repeat move to their controllers over the whole set,
 * as `scan` does. The result is the one `scanLoaded()` gives for the same objects (tested).
 */
import { apiGroupOf } from '../history/fingerprint.js';
import type { JsonRecord } from '../k8s/shape.js';
import { clusterLoadResult } from '../load/cluster/clusterSource.js';
import { suppressRepeatedFindings } from '../policy/controlled.js';
import { BUILTIN_RULES } from '../policy/registry.js';
import type { Rule } from '../policy/types.js';
import { scanLoaded, type LocatedFinding, type LocatedSuppressedFinding, type ScanOptions } from '../scan.js';
import { modelIndexOf } from '../scanThread.js';
import type { ObjectChange } from './informer.js';

/** An object's identity in the audit's state: API group, kind, namespace, name. */
export function objectKey(object: JsonRecord): string {
  const meta = (object.metadata ?? {}) as { namespace?: unknown; name?: unknown };
  return [
    apiGroupOf(typeof object.apiVersion === 'string' ? object.apiVersion : ''),
    typeof object.kind === 'string' ? object.kind : '',
    typeof meta.namespace === 'string' ? meta.namespace : '',
    typeof meta.name === 'string' ? meta.name : '',
  ].join('\u0000');
}

/** The objects of the cluster as the informers last said, and which changed since the last cycle. */
export class ClusterState {
  readonly objects = new Map<string, JsonRecord>();
  private readonly dirty = new Set<string>();
  /** Bumped on every change: a cycle runs only when it moved. */
  version = 0;

  /** A kind listed (again): its objects replace the ones known of it (`group\0kind` prefix). */
  replaceKind(group: string, kind: string, objects: readonly JsonRecord[]): void {
    const prefix = `${group}\u0000${kind}\u0000`;
    for (const key of [...this.objects.keys()]) {
      if (key.startsWith(prefix)) {
        this.objects.delete(key);
        this.dirty.add(key);
      }
    }
    for (const o of objects) this.put(o);
    this.version++;
  }

  apply(changes: readonly ObjectChange[]): void {
    for (const c of changes) {
      if (c.type === 'DELETED') {
        const key = objectKey(c.object);
        this.objects.delete(key);
        this.dirty.add(key);
      } else this.put(c.object);
    }
    this.version++;
  }

  private put(o: JsonRecord): void {
    const key = objectKey(o);
    this.objects.set(key, o);
    this.dirty.add(key);
  }

  /** The keys changed since the last call. */
  takeChanged(): Set<string> {
    const out = new Set(this.dirty);
    this.dirty.clear();
    return out;
  }
}

export interface AuditFindings {
  readonly findings: LocatedFinding[];
  readonly suppressed: LocatedSuppressedFinding[];
  readonly defaultNamespace: string;
  /** Objects the object-scoped rules ran on this cycle. */
  readonly reevaluated: number;
  readonly objects: number;
}

interface PerObject {
  readonly findings: LocatedFinding[];
  readonly suppressed: LocatedSuppressedFinding[];
}

export class IncrementalEvaluator {
  private readonly perObject = new Map<string, PerObject>();
  private readonly objectRules: readonly Rule[];
  private readonly modelRules: readonly Rule[];

  constructor(
    private readonly context: string,
    private readonly options: Omit<ScanOptions, 'rules'> & { readonly rules?: readonly Rule[] } = {},
  ) {
    const rules = options.rules ?? BUILTIN_RULES;
    this.objectRules = rules.filter((r) => r.needsModel !== true);
    this.modelRules = rules.filter((r) => r.needsModel === true);
  }

  /** One cycle over `state`: the object-scoped rules on what changed, the model rules on all. */
  cycle(state: ClusterState, now: Date): AuditFindings {
    const changed = state.takeChanged();
    const changedObjects: JsonRecord[] = [];
    for (const key of changed) {
      const o = state.objects.get(key);
      if (o === undefined) this.perObject.delete(key);
      else changedObjects.push(o);
    }
    const options = { ...this.options, now, locate: false };
    if (changedObjects.length > 0) {
      const result = scanLoaded(clusterLoadResult(this.context, changedObjects), {
        ...options,
        rules: this.objectRules,
      });
      for (const o of changedObjects) this.perObject.set(objectKey(o), { findings: [], suppressed: [] });
      const entry = (f: LocatedFinding): PerObject | undefined =>
        this.perObject.get(
          [
            apiGroupOf(f.resource.apiVersion),
            f.resource.kind,
            f.resource.namespace ?? '',
            f.resource.name,
          ].join('\u0000'),
        );
      for (const f of result.findings) entry(f)?.findings.push(f);
      for (const s of result.suppressed) entry(s.finding)?.suppressed.push(s);
    }
    const all = [...state.objects.values()];
    const whole = scanLoaded(clusterLoadResult(this.context, all), { ...options, rules: this.modelRules });
    const findings: LocatedFinding[] = [];
    const suppressed: LocatedSuppressedFinding[] = [];
    for (const key of state.objects.keys()) {
      const p = this.perObject.get(key);
      if (p === undefined) continue;
      findings.push(...p.findings);
      suppressed.push(...p.suppressed);
    }
    findings.push(...whole.findings);
    suppressed.push(...whole.suppressed);
    suppressRepeatedFindings(modelIndexOf(whole.model), findings, suppressed);
    return {
      findings,
      suppressed,
      defaultNamespace: whole.defaultNamespace,
      reevaluated: changedObjects.length,
      objects: all.length,
    };
  }
}
