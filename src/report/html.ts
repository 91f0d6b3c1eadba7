/**
 * The HTML report: one self-contained file a reviewer opens from disk or a CI artefact. It holds
 * the exposure figures, the findings with filters, and the attack graph drawn with Cytoscape.js
 * (inlined; chosen by measurement, README "HTML report"). Nothing is fetched: the page's
 * Content-Security-Policy allows no network source at all, only its own inline script and style.
 *
 * All data travels as one JSON document in a `<script type="application/json">` element, read
 * by the page's script with `JSON.parse`; `<` is written as `\u003c` there, so no text from a
 * manifest (a label, a message) can close the element or inject markup, and the page builds
 * every cell with `textContent`, never `innerHTML`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describeRef } from '../k8s/resource.js';
import type { LocatedFinding } from '../scan.js';
import { HTML_CLIENT_SCRIPT, HTML_STYLE } from './htmlClient.js';
import { layeredLayout, type LayoutEdge, type LayoutVertex } from './htmlLayout.js';
import { countBySeverity, type ToolInfo } from './summary.js';

export interface HtmlGraphVertex extends LayoutVertex {
  /** The asset as JSON names it: `{"kind", "namespace", "name"}`. */
  readonly kind: string;
  readonly name: string;
}

export interface HtmlGraphEdge extends LayoutEdge {
  /** The technique's stable id (`POD_EXEC`). */
  readonly edge: string;
  /** MITRE ATT&CK technique id. */
  readonly mitre: string;
  /** What enables the hop: a field with file:line, or a binding and role. */
  readonly evidence: string;
  /** What breaks the hop. */
  readonly fix?: string;
}

export interface HtmlGraph {
  readonly vertices: readonly HtmlGraphVertex[];
  readonly edges: readonly HtmlGraphEdge[];
}

export interface HtmlFigure {
  readonly label: string;
  readonly value: string;
  /** One sentence saying what the figure counts. */
  readonly hint?: string;
}

export interface HtmlReportInput {
  readonly title: string;
  readonly tool: ToolInfo;
  /** The scan's findings; absent (not empty) for a page without a findings section (`exposure`). */
  readonly findings?: readonly LocatedFinding[];
  readonly figures?: readonly HtmlFigure[];
  readonly graph?: HtmlGraph;
  /** Said under the graph when not all of it could be drawn. */
  readonly graphNote?: string;
}

/** The page's data: short keys, the rules' shared texts once per rule, not per finding. */
interface PageData {
  readonly title: string;
  readonly tool: string;
  readonly counts: Record<string, number>;
  readonly figures: readonly HtmlFigure[];
  readonly rules: Record<string, { readonly title: string; readonly fix: string }>;
  /** severity, rule id, resource, namespace, where (file:line), message, field path */
  readonly findings: readonly (readonly [string, string, string, string, string, string, string])[];
  readonly graph?: {
    readonly vertices: readonly {
      readonly id: string;
      readonly group: string;
      readonly kind: string;
      readonly namespace: string;
      readonly name: string;
      readonly label: string;
      readonly x: number;
      readonly y: number;
    }[];
    readonly edges: readonly {
      readonly from: string;
      readonly to: string;
      readonly edge: string;
      readonly mitre: string;
      readonly evidence: string;
      readonly fix: string;
    }[];
  };
}

let cytoscapeSource: string | undefined;

/** Cytoscape.js's own minified build, as npm installed it (read once per process). */
function cytoscape(): string {
  if (cytoscapeSource === undefined) {
    const file = createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js');
    cytoscapeSource = readFileSync(file, 'utf8');
  }
  return cytoscapeSource;
}

/** JSON that is safe inside a `<script>` element: no `<`, so no `</script>` and no `<!--`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** Script text safe inside `<script>`: a `</script` in a string literal would end the element. */
function scriptText(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function pageData(input: HtmlReportInput): PageData {
  const rules: Record<string, { title: string; fix: string }> = {};
  const findings = (input.findings ?? []).map((f) => {
    rules[f.ruleId] ??= { title: f.title, fix: f.remediation };
    const where = f.location ? `${f.location.file}:${f.location.line}` : f.source.file;
    return [
      f.severity,
      f.ruleId,
      describeRef(f.resource),
      f.resource.namespace ?? '',
      where,
      f.message,
      f.path,
    ] as const;
  });
  const data: PageData = {
    title: input.title,
    tool: `${input.tool.name} ${input.tool.version}`,
    counts: { ...countBySeverity(input.findings ?? []) },
    figures: input.figures ?? [],
    rules,
    findings,
  };
  if (input.graph === undefined) return data;
  const { vertices, edges } = input.graph;
  const positions = layeredLayout(vertices, edges);
  return {
    ...data,
    graph: {
      vertices: vertices.map((v, i) => ({
        id: v.id,
        group: v.group,
        kind: v.kind,
        namespace: v.namespace ?? '',
        name: v.name,
        label: v.label,
        x: positions[i]!.x,
        y: positions[i]!.y,
      })),
      edges: edges.map((e) => ({
        from: e.from,
        to: e.to,
        edge: e.edge,
        mitre: e.mitre,
        evidence: e.evidence,
        fix: e.fix ?? '',
      })),
    },
  };
}

const FINDINGS_SECTION = `<section id="findings-section"><h2>Findings</h2>
<form id="filters" autocomplete="off">
<fieldset id="severities"><legend>Severity</legend></fieldset>
<label>Rule <select id="rule-filter"><option value="">all</option></select></label>
<label>Namespace <select id="namespace-filter"><option value="">all</option></select></label>
<label>Text <input id="text-filter" type="search" placeholder="resource, message, file"></label>
</form>
<p id="shown"></p>
<table id="findings"><thead><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>Where</th><th>Message</th></tr></thead><tbody></tbody></table>
<button id="more" type="button" hidden>Show more</button>
</section>`;

/** The whole page, as one string. */
export function renderHtmlReport(input: HtmlReportInput): string {
  const data = pageData(input);
  const graph =
    data.graph === undefined
      ? ''
      : `<section id="attack-graph"><h2>Attack graph</h2>
<p class="hint">Left to right: entry points, then what each hop reaches. Click a vertex for its shortest path from an entry point and its blast radius; click an edge for its evidence.</p>
<div class="graph-wrap"><div id="graph" aria-label="attack graph"></div><aside id="details"><p class="hint">Nothing selected.</p></aside></div>
${input.graphNote !== undefined ? `<p class="hint" id="graph-note">${escapeHtml(input.graphNote)}</p>` : ''}
</section>
<script>${scriptText(cytoscape())}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(input.title)}</h1><p class="tool">${escapeHtml(data.tool)}</p></header>
<section id="figures"></section>
${graph}
${input.findings === undefined ? '' : FINDINGS_SECTION}
<script type="application/json" id="kw-data">${scriptJson(data)}</script>
<script>${scriptText(HTML_CLIENT_SCRIPT)}</script>
</body>
</html>
`;
}
