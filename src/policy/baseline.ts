/**
 * Baselines: the findings a team has accepted for now, so that CI fails only on new ones —
 * how checkov (`--baseline`), kube-score (#231, #384) and Kubescape (PR #3560) let a
 * project adopt a scanner without fixing everything first.
 *
 * A finding is matched by its identity: rule, resource (kind, effective namespace, name),
 * field path and container — never by file or line, so editing above it or moving the
 * resource to another file keeps it accepted; SARIF's fingerprints hash the same identity.
 * Identities are counted, so a baseline with one finding accepts one, not every repeat.
 *
 * The file is JSON, one finding per line, sorted, so that accepting or fixing a finding is
 * a one-line diff in review. A `kubeward scan -f json` report is read as a baseline too.
 */
import { ConfigError } from '../errors.js';
import { namespaceOf, qualifiedName, type ResourceRef } from '../k8s/resource.js';
import { isRecord } from '../k8s/shape.js';
import type { Node } from 'yaml';
import { yamlLib } from '../load/yamlLib.js';
import type { Finding, SuppressedFinding } from './types.js';

/** The value of `kubewardBaseline` in the files this version writes. */
export const BASELINE_VERSION = 1;

/** What a baseline holds of one accepted finding. */
export interface BaselineEntry {
  readonly ruleId: string;
  readonly resource: Pick<ResourceRef, 'kind' | 'namespace' | 'name'>;
  readonly path: string;
  readonly container?: string;
}

/**
 * A baseline as a scan uses it: how many findings of each identity (`findingKey`) it
 * accepts. Entries without a namespace were given the default namespace when it was read.
 */
export interface Baseline {
  /** The file as the user named it (for messages). */
  readonly file: string;
  readonly counts: ReadonlyMap<string, number>;
}

/** What is left of a result once the baseline has taken the findings it accepts. */
export interface BaselineOutcome {
  readonly findings: Finding[];
  /** The accepted findings, added to the suppressed ones (`by: 'baseline'`). */
  readonly suppressed: SuppressedFinding[];
  /** Entries that matched no finding: fixed, or changed so much that they are new. */
  readonly unmatched: number;
}

/**
 * A finding's identity: rule, `Kind/namespace/name`, field path and container, joined by
 * NUL. Baselines match on it; SARIF fingerprints are its hash.
 */
export function findingKey(
  f: {
    readonly ruleId: string;
    readonly resource: Pick<ResourceRef, 'kind' | 'namespace' | 'name'>;
    readonly path: string;
    readonly container?: string | undefined;
  },
  defaultNamespace: string,
): string {
  return [f.ruleId, qualifiedName(f.resource, defaultNamespace), f.path, f.container ?? ''].join('\u0000');
}

/**
 * Moves the findings the baseline accepts to `suppressed`; counts the entries nothing
 * matched. `defaultNamespace` must be the one the baseline was read with.
 */
export function applyBaseline(
  findings: readonly Finding[],
  suppressed: readonly SuppressedFinding[],
  baseline: Baseline,
  defaultNamespace: string,
): BaselineOutcome {
  const left = new Map(baseline.counts);
  const kept: Finding[] = [];
  const accepted: SuppressedFinding[] = [...suppressed];
  const reason = `accepted in the baseline ${baseline.file}`;
  for (const f of findings) {
    const key = findingKey(f, defaultNamespace);
    const n = left.get(key) ?? 0;
    if (n === 0) {
      kept.push(f);
      continue;
    }
    left.set(key, n - 1);
    accepted.push({ finding: f, reason, by: 'baseline' });
  }
  let unmatched = 0;
  for (const n of left.values()) unmatched += n;
  return { findings: kept, suppressed: accepted, unmatched };
}

/**
 * The findings a baseline written after this scan accepts (`--write-baseline`): those it
 * reports, and those the baseline it ran with accepted already — so writing it again
 * keeps what is still there and drops only what was fixed.
 */
export function findingsToBaseline<F extends Finding>(
  findings: readonly F[],
  suppressed: readonly { readonly finding: F; readonly by: SuppressedFinding['by'] }[],
): F[] {
  return [...findings, ...suppressed.filter((s) => s.by === 'baseline').map((s) => s.finding)];
}

/**
 * The baseline file for these findings: every finding given, with its effective namespace,
 * one per line, sorted by identity.
 */
export function renderBaseline(findings: readonly Finding[], defaultNamespace: string): string {
  const lines = findings
    .map((f) => {
      const namespace = namespaceOf(f.resource, defaultNamespace);
      const entry: BaselineEntry = {
        ruleId: f.ruleId,
        resource: {
          kind: f.resource.kind,
          ...(namespace !== undefined ? { namespace } : {}),
          name: f.resource.name,
        },
        path: f.path,
        ...(f.container !== undefined ? { container: f.container } : {}),
      };
      return [findingKey(f, defaultNamespace), JSON.stringify(entry)] as const;
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, line]) => `    ${line}`);
  return `{\n  "kubewardBaseline": ${BASELINE_VERSION},\n  "findings": [${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

/** Beyond this many characters the `yaml` library (about 2 MB/s) is not asked where an error is. */
const LOCATE_WITH_YAML_MAX = 4 * 1024 * 1024;

/** The 1-based line at a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Whether `line` of a file in the layout `renderBaseline` writes starts an entry. */
function isEntryLine(text: string, line: number): boolean {
  if (!text.startsWith(`{\n  "kubewardBaseline": `)) return false;
  let start = 0;
  for (let n = 1; n < line; n++) {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) return false;
  }
  return text.startsWith('    {', start);
}

/**
 * The 1-based line of `findings[index]` (or of the document's first syntax error), for
 * messages: from the layout kubeward writes, else from the `yaml` library (JSON is YAML)
 * for files small enough to ask it.
 */
function lineOf(text: string, index?: number): number | undefined {
  if (index !== undefined && isEntryLine(text, index + 4)) return index + 4;
  if (text.length > LOCATE_WITH_YAML_MAX) return undefined;
  const { parseDocument, LineCounter, isMap, isSeq } = yamlLib();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const offset =
    index === undefined
      ? doc.errors[0]?.pos[0]
      : (() => {
          const findings = isMap(doc.contents) ? doc.contents.get('findings', true) : undefined;
          return isSeq(findings) ? (findings.items[index] as Node | undefined)?.range?.[0] : undefined;
        })();
  return offset !== undefined ? lines.linePos(offset).line : undefined;
}

function entryProblem(e: unknown): string | undefined {
  if (!isRecord(e)) return 'must be an object';
  if (typeof e.ruleId !== 'string') return 'ruleId must be a string';
  if (typeof e.path !== 'string') return 'path must be a string';
  if (e.container !== undefined && typeof e.container !== 'string') return 'container must be a string';
  const r = e.resource;
  if (!isRecord(r)) return 'resource must be an object';
  if (typeof r.kind !== 'string' || typeof r.name !== 'string')
    return 'resource.kind and resource.name must be strings';
  if (r.namespace !== undefined && r.namespace !== null && typeof r.namespace !== 'string')
    return 'resource.namespace must be a string';
  return undefined;
}

/**
 * Reads a baseline file's text (or a `kubeward scan -f json` report's); entries without a
 * namespace are in `defaultNamespace` (the scan's). Throws ConfigError with file and line
 * for anything else. Only the counts are kept: a baseline of a large repository holds
 * 100,000s of entries.
 */
export function parseBaseline(text: string, file: string, defaultNamespace = 'default'): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    const position = /at position (\d+)/.exec(message);
    throw new ConfigError(
      `invalid baseline: not JSON (${message})`,
      file,
      position !== null ? lineAt(text, Number(position[1])) : lineOf(text),
    );
  }
  const isBaseline = isRecord(doc) && doc.kubewardBaseline === BASELINE_VERSION;
  const isReport = isRecord(doc) && doc.schemaVersion === '1';
  if (!isRecord(doc) || (!isBaseline && !isReport) || !Array.isArray(doc.findings)) {
    throw new ConfigError(
      `not a kubeward baseline (expected "kubewardBaseline": ${BASELINE_VERSION} and a findings list, or a kubeward JSON report)`,
      file,
      1,
    );
  }
  const counts = new Map<string, number>();
  doc.findings.forEach((e: unknown, i) => {
    const problem = entryProblem(e);
    if (problem !== undefined) throw new ConfigError(`findings[${i}]: ${problem}`, file, lineOf(text, i));
    const entry = e as BaselineEntry & { resource: { namespace?: string | null } };
    const namespace = entry.resource.namespace;
    const key = findingKey(
      {
        ...entry,
        resource: {
          kind: entry.resource.kind,
          name: entry.resource.name,
          ...(namespace != null ? { namespace } : {}),
        },
      },
      defaultNamespace,
    );
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return { file, counts };
}
