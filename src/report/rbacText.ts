/**
 * `kubeward rbac …` for people: aligned tables, colour only when the shell says so. The JSON
 * documents are in `rbacJson.ts`; the generated roles are YAML (`rbacYaml.ts`).
 */
import { createColors } from 'picocolors';
import type { SourceRef } from '../k8s/resource.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import { MATRIX_VERBS, type AccessMatrix } from '../rbac/accessMatrix.js';
import type { SubjectUsage } from '../rbac/auditUnused.js';
import type { Decision, Grant } from '../rbac/authorizer.js';
import { qualifiedName } from '../rbac/builtinResources.js';
import { subjectText } from '../rbac/identity.js';
import type { EffectivePermissions } from '../rbac/permissions.js';
import { isResourceRequest } from '../rbac/ruleMatch.js';
import type { AccessRequest, ObjectRef, SubjectRef } from '../rbac/types.js';
import type { WhoCanResult } from '../rbac/whoCan.js';
import type { WorkloadIdentity } from '../rbac/workloadIdentity.js';
import { alignColumns } from './columns.js';

type Colors = ReturnType<typeof createColors>;

/** Columns padded to their widest cell, the header bold, the last column not padded. */
function columns(header: readonly string[], rows: readonly (readonly string[])[], c: Colors): string[] {
  return alignColumns([header, ...rows]).map((line, ri) => (ri === 0 ? c.bold(line) : line));
}

export function objectText(ref: ObjectRef<SourceRef>): string {
  const name = ref.namespace !== '' ? `${ref.namespace}/${ref.name}` : ref.name;
  const where = ref.source !== undefined ? ` (${ref.source.file}:${ref.source.line})` : '';
  return `${ref.kind} ${name}${where}`;
}

function grantText(grants: readonly Grant<SourceRef>[]): string[] {
  const out: string[] = [];
  for (const g of grants) {
    const defaults = g.binding.isDefault === true ? ' (default policy)' : '';
    const text = `${objectText(g.binding)} → ${objectText(g.role)}${defaults}`;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

const list = (values: readonly string[], empty = '-'): string =>
  values.length > 0 ? values.join(',') : empty;

/** `pods,secrets`, `deployments.apps`; several groups: `jobs (groups batch,extensions)`. */
function resourcesText(groups: readonly string[], resources: readonly string[]): string {
  if (groups.length === 1) return list(resources.map((resource) => resourceText(groups[0]!, resource)));
  return `${list(resources)} (groups ${list(groups.map((g) => (g === '' ? '""' : g)))})`;
}

export function renderPermissionsText(p: EffectivePermissions<SourceRef>, color: boolean): string {
  const c = createColors(color);
  const lines = [c.bold(`Effective permissions of ${subjectText(p.subject)}`), ''];
  if (p.superuser)
    lines.push(c.red('member of system:masters: allowed everything, whatever the bindings say'), '');
  if (p.permissions.length === 0) lines.push('no permissions');
  const rows = p.permissions.map((perm) => [
    perm.namespace,
    list(perm.verbs),
    perm.nonResourceURLs.length > 0
      ? list(perm.nonResourceURLs)
      : resourcesText(perm.apiGroups, perm.resources),
    list(perm.resourceNames),
    grantText(perm.grantedBy).join('; '),
  ]);
  if (rows.length > 0)
    lines.push(...columns(['NAMESPACE', 'VERBS', 'RESOURCES / URLS', 'NAMES', 'GRANTED BY'], rows, c));
  for (const d of p.dangling) {
    lines.push(
      '',
      c.yellow(
        `${objectText(d.binding)} references ${d.roleRef.kind} ${d.roleRef.name}, which does not exist`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `deployments.apps/scale`: kubectl's spelling of a resource entry (`pods/exec` in the core group). */
function resourceText(group: string, entry: string): string {
  const slash = entry.indexOf('/');
  if (slash < 0) return qualifiedName({ group, resource: entry });
  return `${qualifiedName({ group, resource: entry.slice(0, slash) })}${entry.slice(slash)}`;
}

export function requestText(r: AccessRequest): string {
  if (!isResourceRequest(r)) return `${r.verb} ${r.path}`;
  const resource = resourceText(
    r.apiGroup ?? '',
    r.subresource ? `${r.resource}/${r.subresource}` : r.resource,
  );
  const name = r.name ? ` ${r.name}` : '';
  const ns = r.namespace ? ` in namespace ${r.namespace}` : ' (cluster-wide)';
  return `${r.verb} ${resource}${name}${ns}`;
}

export function renderDecisionText(
  subject: SubjectRef,
  request: AccessRequest,
  d: Decision<SourceRef>,
  color: boolean,
): string {
  const c = createColors(color);
  const head = `${d.allowed ? c.green('yes') : c.red('no')}: ${subjectText(subject)} ${d.allowed ? 'can' : 'cannot'} ${requestText(request)}`;
  const lines = [head];
  if (d.superuser) lines.push('  as a member of system:masters (before RBAC is asked)');
  for (const g of grantText(d.grants)) lines.push(`  granted by ${g}`);
  return `${lines.join('\n')}\n`;
}

function subjectLabel(s: SubjectRef): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}

export function renderWhoCanText(
  result: WhoCanResult<SourceRef>,
  model: ClusterModelIndex,
  color: boolean,
): string {
  const c = createColors(color);
  const lines = [c.bold(`Who can ${requestText(result.request)}`), ''];
  const rows = result.subjects.map((s) => {
    const workloads =
      s.subject.kind === 'ServiceAccount'
        ? model
            .workloadsRunningAs(s.subject.namespace, s.subject.name)
            .map((w) => `${w.namespace}/${w.ref.kind}/${w.ref.name}`)
        : [];
    return [
      subjectLabel(s.subject),
      list(workloads),
      s.superuser ? 'system:masters (allowed before RBAC)' : grantText(s.grantedBy).join('; '),
    ];
  });
  lines.push(...columns(['SUBJECT', 'WORKLOADS', 'GRANTED BY'], rows, c));
  return `${lines.join('\n')}\n`;
}

const MARK = { yes: '✓', partial: 'partial', no: '✗' } as const;

export function renderMatrixText(m: AccessMatrix, color: boolean): string {
  const c = createColors(color);
  const where = m.namespace !== '' ? `in namespace ${m.namespace}` : 'cluster-wide (all namespaces at once)';
  const lines = [c.bold(`Access of ${subjectText(m.subject)} ${where}`), ''];
  // the mark coloured, its padding not (so a coloured cell takes the width of a plain one)
  const paintPadded = (a: keyof typeof MARK, cell: string): string => {
    const pad = cell.slice(MARK[a].length);
    return (a === 'yes' ? c.green(MARK[a]) : a === 'partial' ? c.yellow(MARK[a]) : c.dim(MARK[a])) + pad;
  };
  const rows = m.rows.map((r) => [
    qualifiedName({ group: r.apiGroup, resource: r.resource }),
    ...MATRIX_VERBS.map((v) => MARK[r.access[v]]),
  ]);
  const header = ['RESOURCE', ...MATRIX_VERBS.map((v) => v.toUpperCase())];
  const [head, ...body] = alignColumns([header, ...rows], (cell, col, row) =>
    row === 0 || col === 0 ? cell : paintPadded(m.rows[row - 1]!.access[MATRIX_VERBS[col - 1]!], cell),
  );
  lines.push(c.bold(head), ...body);
  lines.push('', 'partial: only for some names (resourceNames)');
  return `${lines.join('\n')}\n`;
}

export function renderWorkloadsText(list_: readonly WorkloadIdentity[], color: boolean): string {
  const c = createColors(color);
  const lines = [c.bold('Workload identities'), ''];
  if (list_.length === 0) return `${lines[0]}\n\nno workloads in the input\n`;
  const rows = list_.map((w) => [
    `${w.workload.namespace}/${w.workload.ref.kind}/${w.workload.ref.name}`,
    w.serviceAccount,
    `${w.tokenMounted ? 'yes' : 'no'} (${w.tokenDecidedBy === 'serviceAccount' ? 'ServiceAccount' : w.tokenDecidedBy})`,
    w.risks.length > 0
      ? w.risks.map((r) => (r.access === 'partial' ? `${r.id} (some names)` : r.id)).join(', ')
      : '-',
  ]);
  lines.push(...columns(['WORKLOAD', 'SERVICE ACCOUNT', 'TOKEN MOUNTED', 'RISKY PERMISSIONS'], rows, c));
  return `${lines.join('\n')}\n`;
}

/** Unused permissions per subject, grouped by where they hold and what grants them, one line per resource. */
export function renderUnusedText(usage: readonly SubjectUsage<SourceRef>[], color: boolean): string {
  const c = createColors(color);
  const lines = [c.bold('Permissions granted but not used in the audit log'), ''];
  if (usage.length === 0) lines.push('no subject is bound by the input');
  for (const u of usage) {
    const requests = `${u.requests} request${u.requests === 1 ? '' : 's'} in the log`;
    lines.push(
      `${c.bold(subjectText(u.subject))}: ${u.unused.length} of ${u.granted} permissions unused (${requests})`,
    );
    const groups = new Map<string, Map<string, string[]>>();
    for (const a of u.unused) {
      const where = `${a.namespace === '*' ? 'cluster-wide' : `in ${a.namespace}`}, granted by ${grantText(a.grantedBy).join('; ')}`;
      const what =
        a.nonResourceURL ??
        resourceText(a.apiGroup ?? '', a.resource ?? '') +
          (a.resourceNames !== undefined ? ` [${a.resourceNames.join(',')}]` : '');
      let byWhat = groups.get(where);
      if (byWhat === undefined) groups.set(where, (byWhat = new Map<string, string[]>()));
      const verbs = byWhat.get(what);
      if (verbs) verbs.push(a.verb);
      else byWhat.set(what, [a.verb]);
    }
    for (const [where, byWhat] of groups) {
      lines.push(`  ${c.dim(where)}`);
      const width = Math.max(...[...byWhat.keys()].map((k) => k.length));
      for (const [what, verbs] of byWhat) lines.push(`    ${what.padEnd(width)}  ${verbs.join(',')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
