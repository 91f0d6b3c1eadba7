/**
 * SARIF 2.1.0 (OASIS) for GitHub code scanning and other SARIF consumers: one run,
 * the rules that ran as `tool.driver.rules`, one result per finding (suppressed
 * findings included, with their suppression), input errors as tool execution
 * notifications. GitHub's reading of the format:
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { hash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { namespaceOf, qualifiedName } from '../k8s/resource.js';
import type { InputError } from '../load/inputError.js';
import { findingKey } from '../policy/baseline.js';
import type { Finding, Rule, Severity } from '../policy/types.js';
import type { LocatedFinding, Location, ScanResult } from '../scan.js';
import { referenceLines } from './ruleDocs.js';
import { FINDINGS_PER_CHUNK, type ToolInfo } from './summary.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';

/** The uriBaseId every artifact location is relative to: the folder the scan ran in. */
export const SRCROOT = '%SRCROOT%';

/** The partialFingerprints key; bump the version if the fingerprint input ever changes. */
export const FINGERPRINT_KEY = 'kubeward/v1';

/**
 * GitHub code scanning rejects a SARIF run with more results than this, and shows at most
 * 5,000 of a run it accepts ("SARIF results exceed hard limit", docs.github.com).
 */
export const GITHUB_MAX_RESULTS = 25_000;
export const GITHUB_SHOWN_RESULTS = 5_000;

/** A warning for a SARIF log of `results` results (findings and suppressed ones) that GitHub would reject or cut; undefined when it fits. */
export function githubLimitWarning(results: number): string | undefined {
  if (results > GITHUB_MAX_RESULTS) {
    return `the SARIF log has ${results.toLocaleString('en-US')} results; GitHub code scanning rejects more than ${GITHUB_MAX_RESULTS.toLocaleString('en-US')} per run — narrow it with --min-severity, or scan fewer folders per upload`;
  }
  if (results > GITHUB_SHOWN_RESULTS) {
    return `the SARIF log has ${results.toLocaleString('en-US')} results; GitHub code scanning shows only the ${GITHUB_SHOWN_RESULTS.toLocaleString('en-US')} most severe of a run`;
  }
  return undefined;
}

export interface SarifOptions {
  /** The folder relative paths are taken from (the scan's working folder). @default process.cwd() */
  readonly baseDir?: string;
}

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub turns `security-severity` into its own critical (>= 9.0), high (7.0–8.9),
 * medium (4.0–6.9) and low (0.1–3.9) labels; these values land each of our
 * severities in the matching band (info shows as low, GitHub has nothing lower).
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '7.5',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/** Where a source label points: a real file, a rendered folder (Kustomize, Helm), or standard input. */
type Origin =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'rendered'; readonly folder: string; readonly tool: string }
  | { readonly kind: 'stdin' };

/** The loader labels rendered input `DIR (kubectl kustomize output)` / `DIR (helm template output)`. */
const RENDERED_LABEL = /^(.*) \(([^()]+) output\)$/;

function originOf(file: string): Origin {
  if (file === '<stdin>' || file === '-') return { kind: 'stdin' };
  const m = RENDERED_LABEL.exec(file);
  if (m) return { kind: 'rendered', folder: m[1]!, tool: m[2]! };
  return { kind: 'file', path: file };
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A relative, forward-slashed, percent-encoded URI under %SRCROOT%, or an absolute file URI outside it. */
function artifactLocation(path: string, baseDir: string, folder: boolean): ArtifactLocation {
  const abs = isAbsolute(path) ? path : resolve(baseDir, path);
  const rel = relative(baseDir, abs);
  if (rel === '') return { uri: folder ? './' : '', uriBaseId: SRCROOT };
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    const href = pathToFileURL(abs).href;
    return { uri: folder && !href.endsWith('/') ? `${href}/` : href };
  }
  const uri = rel.split(sep).map(encodeURIComponent).join('/');
  return { uri: folder ? `${uri}/` : uri, uriBaseId: SRCROOT };
}

function physicalLocation(
  file: string,
  line: number | undefined,
  column: number | undefined,
  baseDir: string,
  template?: string,
): { physicalLocation?: object; message?: { text: string } } {
  const origin = originOf(file);
  switch (origin.kind) {
    case 'stdin':
      return { message: { text: `read from standard input${line !== undefined ? `, line ${line}` : ''}` } };
    case 'rendered':
      if (template !== undefined) {
        // Helm said which template made the document: the file, without a line (the line is in the output).
        return {
          physicalLocation: { artifactLocation: artifactLocation(template, baseDir, false) },
          message: {
            text: `rendered from this template by \`${origin.tool} ${origin.folder}\`${line !== undefined ? ` (line ${line} of its output)` : ''}`,
          },
        };
      }
      // The line is in the tool's output, not in any file of the repository: point at the folder only.
      return {
        physicalLocation: { artifactLocation: artifactLocation(origin.folder, baseDir, true) },
        message: {
          text: `in the output of \`${origin.tool} ${origin.folder}\`${line !== undefined ? ` at line ${line}` : ''}; the source file is not known`,
        },
      };
    case 'file':
      return {
        physicalLocation: {
          artifactLocation: artifactLocation(origin.path, baseDir, false),
          ...(line !== undefined
            ? { region: { startLine: line, ...(column !== undefined ? { startColumn: column } : {}) } }
            : {}),
        },
      };
  }
}

function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

function ruleDescriptor(rule: Rule): object {
  const refs = referenceLines(rule.references);
  const text = [
    rule.rationale,
    `How to fix: ${rule.remediation}`,
    ...(refs.length > 0 ? [`References:\n${refs.map((r) => `- ${r}`).join('\n')}`] : []),
  ].join('\n\n');
  const markdown = [
    `**${rule.title}** (${rule.severity})`,
    rule.description,
    `### Why it matters\n\n${rule.rationale}`,
    `### How to fix it\n\n${rule.remediation}`,
    ...(refs.length > 0 ? [`### References\n\n${refs.map((r) => `- ${r}`).join('\n')}`] : []),
    `### Suppress it\n\nAnnotation \`kubeward.io/ignore: "${rule.id}: <reason>"\` on the resource, or an exception in \`.kubeward.yaml\`.`,
  ].join('\n\n');
  const helpUri = rule.references.links?.[0];
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text, markdown },
    ...(helpUri !== undefined ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      // CodeQL's convention for external taxonomies (`external/cwe/cwe-079`): filterable in code scanning
      tags: [
        'security',
        'kubernetes',
        rule.category,
        ...(rule.references.cis ?? []).map((id) => `external/cis-kubernetes/${id}`),
        ...(rule.references.mitre ?? []).map((id) => `external/mitre-attack/${id}`),
      ],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      // Checks read exact fields of the manifest, no heuristics; opt-in rules are the opinionated ones.
      precision: rule.optIn ? 'high' : 'very-high',
    },
  };
}

/** A finding without a resolved location: its resource's first line stands in. */
function locationOf(f: Finding | LocatedFinding): Location {
  return f.location ?? { file: f.source.file, line: f.source.line, column: 1 };
}

function fingerprintOf(f: Finding, defaultNamespace: string): string {
  // The finding's identity (no line numbers, no file: the alert survives edits above it and
  // moving the resource to another file), the same one baselines match on. One-shot
  // `hash()`: no Hash object (and its native context) per result.
  return hash('sha256', findingKey(f, defaultNamespace)).slice(0, 32);
}

function notification(e: InputError, baseDir: string): object {
  const loc = physicalLocation(e.file, e.line, e.column, baseDir);
  return {
    level: 'error',
    message: { text: e.message },
    locations: [loc],
  };
}

/**
 * The SARIF log as consecutive pieces of text; joined, they are exactly
 * `JSON.stringify(log, null, 2) + '\n'`. Results are serialised a batch at a time, so a scan
 * with hundreds of thousands of findings is written without first building the whole log
 * (the same technique as json.ts).
 */
export function* renderSarifChunks(
  result: ScanResult,
  tool: ToolInfo,
  options: SarifOptions = {},
): Generator<string> {
  const baseDir = resolve(options.baseDir ?? process.cwd());
  const defaultNamespace = result.defaultNamespace;
  const ruleIndex = new Map(result.rules.map((r, i) => [r.id, i]));
  const occurrences = new Map<string, number>();

  const toResult = (f: Finding | LocatedFinding, suppression?: object): object => {
    const loc = locationOf(f);
    const phys = physicalLocation(loc.file, loc.line, loc.column, baseDir, f.source.template);
    const fqn = qualifiedName(f.resource, defaultNamespace);
    const hash = fingerprintOf(f, defaultNamespace);
    const n = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, n);
    const index = ruleIndex.get(f.ruleId);
    const rule = index !== undefined ? result.rules[index] : undefined;
    const ns = namespaceOf(f.resource, defaultNamespace);
    const message =
      rule !== undefined && f.remediation !== rule.remediation
        ? `${f.message} — fix: ${f.remediation}`
        : f.message;
    return {
      ruleId: f.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: LEVEL[f.severity],
      message: { text: message },
      locations: [
        {
          ...phys,
          logicalLocations: [{ name: f.resource.name, fullyQualifiedName: fqn, kind: 'resource' }],
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${n}` },
      ...(suppression !== undefined ? { suppressions: [suppression] } : {}),
      properties: {
        severity: f.severity,
        path: f.path,
        resource: {
          apiVersion: f.resource.apiVersion,
          kind: f.resource.kind,
          ...(ns !== undefined ? { namespace: ns } : {}),
          name: f.resource.name,
        },
        ...(f.container !== undefined ? { container: f.container } : {}),
      },
    };
  };

  // findings, then suppressed findings, mapped lazily in this order (fingerprint numbering follows it)
  function* results(): Generator<object> {
    for (const f of result.findings) yield toResult(f);
    for (const s of result.suppressed) {
      yield toResult(s.finding, {
        // An annotation lives in the manifest itself; a config exception lives outside it.
        kind: s.by === 'annotation' ? 'inSource' : 'external',
        justification: s.reason,
      });
    }
  }

  const notifications = [
    ...result.errors.map((e) => notification(e, baseDir)),
    ...result.warnings.map((w) => ({ level: 'warning', message: { text: w } })),
  ];

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: result.rules.map(ruleDescriptor),
          },
        },
        invocations: [
          {
            // False when some input could not be read or parsed; the rest was still scanned.
            executionSuccessful: result.errors.length === 0,
            toolExecutionNotifications: notifications,
          },
        ],
        originalUriBaseIds: {
          [SRCROOT]: { uri: pathToFileURL(baseDir.endsWith(sep) ? baseDir : baseDir + sep).href },
        },
        // Columns come from JavaScript string offsets.
        columnKind: 'utf16CodeUnits',
        // last property of the run: its items are written in between `head` and `tail`
        results: [],
      },
    ],
  };
  const whole = JSON.stringify(log, null, 2);
  // The last `"results": []` is the property itself (inside strings quotes are escaped).
  const at = whole.lastIndexOf(EMPTY_RESULTS) + EMPTY_RESULTS.length - 1;
  yield whole.slice(0, at);
  let batch: object[] = [];
  let written = 0;
  const flush = (): string => {
    // Wrapped at the depth of the log's results array, the items are indented exactly as there.
    const text = JSON.stringify({ runs: [{ results: batch }] }, null, 2);
    const chunk = `${written > 0 ? ',' : ''}${text.slice(WRAPPER_OPEN.length, -WRAPPER_CLOSE.length)}`;
    written += batch.length;
    batch = [];
    return chunk;
  };
  for (const r of results()) {
    batch.push(r);
    if (batch.length === FINDINGS_PER_CHUNK) yield flush();
  }
  if (batch.length > 0) yield flush();
  yield `${written > 0 ? '\n      ' : ''}${whole.slice(at)}\n`;
}

const EMPTY_RESULTS = '"results": []';
const WRAPPER_OPEN = '{\n  "runs": [\n    {\n      "results": [';
const WRAPPER_CLOSE = '\n      ]\n    }\n  ]\n}';

export function renderSarif(result: ScanResult, tool: ToolInfo, options: SarifOptions = {}): string {
  let out = '';
  for (const chunk of renderSarifChunks(result, tool, options)) out += chunk;
  return out;
}
