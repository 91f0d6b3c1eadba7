/**
 * What every thread of a scan does with the files it read (DESIGN.md "Architecture", scan.ts):
 *
 * - phase 1, as each file is parsed: its wrong field types, its record of the cluster model
 *   (model/summarise.ts) and the identity of each resource go to the main thread; the objects
 *   and the text stay here;
 * - phase 3, once the main thread has merged the model: every rule runs on this thread's
 *   resources against the whole model (`evaluate()` with `model`), and each finding is located
 *   in the text this thread holds; the findings go back per file, in file order.
 *
 * The main thread is a thread like the others: it opens a session for the files it reads, and
 * `scanLoaded()` runs one session over resources loaded elsewhere. Nothing here depends on
 * which thread runs it, so a scan gives the same answer on any number of threads.
 */
import type { FieldPath } from './k8s/fieldPath.js';
import { Inventory, type Workload } from './k8s/inventory.js';
import { metadataShapeIssues, podTemplateShapeIssues } from './k8s/podShape.js';
import type { Resource, ResourceRef, SourceRef } from './k8s/resource.js';
import type { InputError } from './load/inputError.js';
import { SourceLocator } from './load/locate.js';
import type { ThreadSession } from './load/parallelParse.js';
import type { ParsedFile } from './load/parse.js';
import type { ClusterModel, ModelFragment } from './model/clusterModel.js';
import { ClusterModelIndex } from './model/modelIndex.js';
import { mergeFragments } from './model/merge.js';
import { summariseResources } from './model/summarise.js';
import type { KubewardConfig } from './policy/config.js';
import { evaluate } from './policy/evaluate.js';
import { networkPolicyErrors } from './policy/netpolEngine.js';
import { ruleForId } from './policy/customRules.js';
import type { Finding, Location, Rule, RuleSettings, SuppressedFinding } from './policy/types.js';

export interface LocatedFinding extends Finding {
  readonly location: Location;
}

export interface LocatedSuppressedFinding extends SuppressedFinding {
  readonly finding: LocatedFinding;
}

/** Who a resource is and where it was read: what the main thread keeps of every object. */
export interface ResourceHead {
  readonly ref: ResourceRef;
  readonly source: SourceRef;
}

/** How every thread scans (plain data: it is posted to the workers). */
export interface ScanThreadSpec {
  /** The built-in rules that run, by id, with the severities of `config` applied by `evaluate()`. */
  readonly ruleIds: readonly string[];
  /** Rule objects instead of `ruleIds`: only for a session on the main thread (functions do not cross threads). */
  readonly rules?: readonly Rule[];
  readonly config: KubewardConfig;
  readonly settings: RuleSettings;
  readonly podTemplateKinds: Readonly<Record<string, FieldPath>>;
  /** The clock (exception expiry), as an ISO time. */
  readonly now: string;
  /** Resolve line and column of each finding (else the line of the resource). */
  readonly locate: boolean;
}

/** Phase 1's result for one file. */
export interface FileSummary {
  readonly fragment: ModelFragment;
  readonly heads: readonly ResourceHead[];
  /** Wrong field types of each resource, in file order as a reader meets them. */
  readonly shapeErrors: readonly InputError[];
  /** Pod templates without containers. */
  readonly templateErrors: readonly InputError[];
}

/**
 * A finding as it crosses threads: what the rule said and where, without what the main thread
 * has already (the rule's title, category, remediation and references; the resource's identity,
 * by its index among the file's `heads`). Tens of thousands of findings with their remediation
 * texts and references copied by structured clone cost the main thread more than all the rest
 * of its work.
 */
export type WireFinding = readonly [
  ruleId: string,
  message: string,
  path: string,
  pathSegments: FieldPath,
  head: number,
  container: string | undefined,
  /** The report's own remediation, when it is not the rule's. */
  remediation: string | undefined,
  line: number,
  column: number,
];

/** Phase 3's result for one file. */
export interface FileFindings {
  readonly findings: readonly WireFinding[];
  readonly suppressed: readonly (readonly [WireFinding, reason: string, by: SuppressedFinding['by']])[];
  /** Problems met while evaluating (a suppression without a reason, a rule that failed). */
  readonly errors: InputError[];
}

/**
 * What phase 3 starts from: the merged model (the main thread's session), or what a worker
 * needs to merge it itself — the fragments of every input it did not read, as JSON text (a
 * string crosses threads as one copy; structured clone of the 68 MB model of the 100,000-object
 * benchmark took 2.4 s, its JSON 0.9 s to parse, and half of it is the worker's own already).
 */
export type FinishInput =
  | { readonly model: ClusterModel }
  | {
      /** The key of every input, in input order. */
      readonly order: readonly number[];
      /** JSON of an array: per entry of `order`, its fragment, or null where this thread read it. */
      readonly fragments: string;
      readonly defaultNamespace: string;
    };

/** The model index of a model, built once per thread (the main thread's session and the scan share it). */
const indexes = new WeakMap<ClusterModel, ClusterModelIndex>();

export function modelIndexOf(model: ClusterModel): ClusterModelIndex {
  let index = indexes.get(model);
  if (index === undefined) indexes.set(model, (index = new ClusterModelIndex(model)));
  return index;
}

/** An input error about a field of a resource, at the field's line and column. */
function locatedError(r: Resource, path: FieldPath, message: string, locator: SourceLocator): InputError {
  const pos = locator.locate(r.source, path);
  return {
    file: r.source.file,
    line: pos.line,
    column: pos.column,
    message: `${r.ref.kind} ${r.ref.name}: ${message}`,
  };
}

/** Wrong field types of a resource (metadata, and the pod template of a workload), in file order as a reader meets them. */
function shapeErrors(r: Resource, w: Workload | undefined, locator: SourceLocator, out: InputError[]): void {
  const issues = metadataShapeIssues(r.object);
  if (w) issues.push(...podTemplateShapeIssues(w.template));
  if (issues.length === 0) return;
  const mine = issues
    .map((issue) => locatedError(r, issue.path, issue.message, locator))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  out.push(...mine);
}

/** Rebuilds a finding on the main thread: `rules` the rules that ran (configured severities), `heads` its file's. */
export function findingFromWire(
  wire: WireFinding,
  rules: ReadonlyMap<string, Rule>,
  heads: readonly ResourceHead[],
): LocatedFinding {
  const [ruleId, message, path, pathSegments, head, container, remediation, line, column] = wire;
  const rule = rules.get(ruleId)!;
  const { ref, source } = heads[head]!;
  // the property order of evaluate()'s findings, so that both have one shape
  return {
    ruleId,
    title: rule.title,
    category: rule.category,
    severity: rule.severity,
    message,
    path,
    pathSegments,
    resource: ref,
    source,
    container,
    remediation: remediation ?? rule.remediation,
    references: rule.references,
    location: { file: source.file, line, column },
  };
}

export class ScanSession implements ThreadSession {
  private readonly spec: ScanThreadSpec;
  private readonly rules: readonly Rule[];
  private readonly locator: SourceLocator;
  private kept: ({ key: number; inventory: Inventory } | undefined)[] = [];
  /** The session read the texts itself (else they belong to the caller's locator, `scanLoaded`). */
  private readonly ownsLocator: boolean;
  private readonly fragments = new Map<number, ModelFragment>();
  private readonly inventoryOptions;

  /** `locator`: where the texts of resources given to `resources()` are (`scanLoaded`). */
  constructor(spec: ScanThreadSpec, locator?: SourceLocator) {
    this.spec = spec;
    this.ownsLocator = locator === undefined;
    this.rules = spec.rules ?? spec.ruleIds.flatMap((id) => ruleForId(id, spec.config) ?? []);
    this.locator = locator ?? new SourceLocator();
    this.inventoryOptions = {
      ...(spec.config.defaultNamespace !== undefined
        ? { defaultNamespace: spec.config.defaultNamespace }
        : {}),
      podTemplateKinds: spec.podTemplateKinds,
    };
  }

  file(key: number, parsed: ParsedFile, text: string): FileSummary {
    this.locator.addFile(parsed.resources[0]?.source.file ?? '', text, parsed.documents);
    return this.resources(key, parsed.resources);
  }

  /** Phase 1 for resources whose texts the session's locator holds already. */
  resources(key: number, resources: readonly Resource[]): FileSummary {
    const inventory = new Inventory(resources, this.inventoryOptions);
    this.kept.push({ key, inventory });
    const shape: InputError[] = [];
    const template: InputError[] = [];
    const heads: ResourceHead[] = new Array<ResourceHead>(resources.length);
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i]!;
      heads[i] = { ref: r.ref, source: r.source };
      shapeErrors(r, inventory.workloadOf(r), this.locator, shape);
    }
    for (const w of inventory.workloads()) {
      if (w.containers.length === 0)
        template.push(
          locatedError(w.resource, w.template.specPath, 'the pod template has no containers', this.locator),
        );
    }
    const fragment = summariseResources(resources, this.inventoryOptions);
    this.fragments.set(key, fragment);
    return {
      fragment,
      heads,
      shapeErrors: shape,
      templateErrors: template,
    };
  }

  /** The merged model: given, or merged here from the fragments sent and this thread's own. */
  private modelOf(input: FinishInput): ClusterModel {
    if ('model' in input) return input.model;
    const sent = JSON.parse(input.fragments) as (ModelFragment | null)[];
    return mergeFragments(
      input.order.map((key, i) => sent[i] ?? this.fragments.get(key)!),
      input.defaultNamespace,
    );
  }

  finish(input: unknown): [number, FileFindings][] {
    const model = modelIndexOf(this.modelOf(input as FinishInput));
    this.fragments.clear();
    const now = new Date(this.spec.now);
    const out: [number, FileFindings][] = [];
    const remediationOf = new Map(this.rules.map((r) => [r.id, r.remediation]));
    // shares of one file that this thread holds: its text goes with the last of them
    const sharesLeft = new Map<string, number>();
    for (const k of this.kept) {
      const file = k?.inventory.resources[0]?.source.file;
      if (file !== undefined) sharesLeft.set(file, (sharesLeft.get(file) ?? 0) + 1);
    }
    for (let i = 0; i < this.kept.length; i++) {
      const { key, inventory } = this.kept[i]!;
      const headOf = new Map<SourceRef, number>();
      inventory.resources.forEach((r, i) => headOf.set(r.source, i));
      const wire = (f: Finding): WireFinding => {
        const at = this.spec.locate
          ? this.locator.locate(f.source, f.pathSegments)
          : { line: f.source.line, column: 1 };
        return [
          f.ruleId,
          f.message,
          f.path,
          f.pathSegments,
          headOf.get(f.source)!,
          f.container,
          f.remediation !== remediationOf.get(f.ruleId) ? f.remediation : undefined,
          at.line,
          at.column,
        ];
      };
      const result = evaluate(inventory, {
        rules: this.rules,
        config: this.spec.config,
        settings: this.spec.settings,
        now,
        extraWorkloadKinds: Object.keys(this.spec.podTemplateKinds),
        model,
        dedupeControllers: false,
      });
      // policies the API server would reject: errors with their field's line, the rest analysed
      const rejected = inventory.resources.flatMap((r) =>
        networkPolicyErrors(r, model).map((e) => locatedError(r, e.path, e.message, this.locator)),
      );
      out.push([
        key,
        {
          findings: result.findings.map(wire),
          suppressed: result.suppressed.map((x) => [wire(x.finding), x.reason, x.by] as const),
          errors: [...rejected, ...result.errors],
        },
      ]);
      // done with the file: its objects and text may go (the peak of a large scan is here)
      this.kept[i] = undefined;
      const file = inventory.resources[0]?.source.file;
      if (file === undefined) continue;
      const left = sharesLeft.get(file)! - 1;
      sharesLeft.set(file, left);
      if (this.ownsLocator && left === 0) this.locator.forget(file);
    }
    this.kept = [];
    return out;
  }
}

/** The session export the workers open (parallelParse.ts `SessionHook`). */
export function openScanSession(data: unknown): ScanSession {
  return new ScanSession(data as ScanThreadSpec);
}
