/**
 * What a rule's documentation must hold, part by part: what it detects (a field or a
 * kind, not a vague "checks the pod"), why it matters, how to fix it, and where the
 * reader can check the claim. Each problem names the part it is about, so a test can
 * show that a rule missing that part is caught.
 */
import { WORKLOAD_KINDS } from '../src/k8s/podSpec.js';
import { NSA_SECTIONS, type RuleMeta } from '../src/policy/types.js';

export type DocumentationPart = 'id' | 'title' | 'detects' | 'why' | 'fix' | 'references';

export interface DocumentationProblem {
  readonly part: DocumentationPart;
  readonly problem: string;
}

/**
 * The control names of the Pod Security Standards page
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/, "Control" column).
 */
const PSS_CONTROLS = [
  'HostProcess',
  'Host Namespaces',
  'Privileged Containers',
  'Capabilities',
  'HostPath Volumes',
  'Host Ports',
  'Host Probes / Lifecycle Hooks',
  'AppArmor',
  'SELinux',
  '/proc Mount Type',
  'Seccomp',
  'Sysctls',
  'Volume Types',
  'Privilege Escalation',
  'Running as Non-root',
  'Running as Non-root user',
] as const;

/** A code span (`spec.hostPID`) or a bare dotted field path (spec.template.spec). */
const NAMES_A_FIELD = /`[^`\s][^`]*`|\b[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*|\[[^\]]*\])+/;
const PLACEHOLDER = /\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum/i;
/** Words a description starts with, not an instruction: a fix says what to do. */
const NOT_AN_ACTION = /^(The|A|An|This|These|That|It|Its|There|When|If|Rule|Kubeward)\b/;

function sentenceProblem(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'is empty';
  if (PLACEHOLDER.test(t)) return 'is a placeholder';
  if (!/[.!?]$/.test(t)) return 'is not a finished sentence (no final full stop)';
  return undefined;
}

/** Whether the text names one of the kinds the rule looks at (`workload`: any pod-template kind, pod or container). */
function namesATarget(text: string, targets: readonly string[]): boolean {
  const kinds = targets.flatMap((t) => (t === 'workload' ? [...WORKLOAD_KINDS, 'pod', 'container'] : [t]));
  return kinds.some((k) => new RegExp(`\\b${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?\\b`, 'i').test(text));
}

function referenceProblems(meta: RuleMeta): string[] {
  const r = meta.references;
  const out: string[] = [];
  const cited = (r.cis?.length ?? 0) + (r.nsa?.length ?? 0) + (r.mitre?.length ?? 0) + (r.links?.length ?? 0);
  if (cited === 0 && (r.pss ?? '') === '') out.push('cites nothing (no cis, nsa, mitre, pss or links)');
  for (const id of r.cis ?? []) {
    if (!/^\d+(\.\d+)+$/.test(id)) out.push(`CIS control "${id}" is not a dotted number like 5.2.2`);
  }
  for (const id of r.mitre ?? []) {
    if (!/^T\d{4}(\.\d{3})?$/.test(id))
      out.push(`MITRE technique "${id}" is not an id like T1611 or T1552.001`);
  }
  const sections: readonly string[] = NSA_SECTIONS;
  for (const s of r.nsa ?? [])
    if (!sections.includes(s)) out.push(`NSA section "${s}" is not a heading of the guide`);
  if (r.pss !== undefined) {
    const control = PSS_CONTROLS.find((c) => r.pss === c || r.pss!.startsWith(`${c} (`));
    if (control === undefined || !/\((baseline|restricted)\b[^)]*\)$/.test(r.pss)) {
      out.push(`PSS control "${r.pss}" is not "<control> (<level>…)" with a control of the standard`);
    }
  }
  const links = r.links ?? [];
  if (new Set(links).size !== links.length) out.push('a link is listed twice');
  for (const link of links) {
    let url: URL | undefined;
    try {
      url = new URL(link);
    } catch {
      url = undefined;
    }
    if (url === undefined || url.protocol !== 'https:' || !url.hostname.includes('.') || url.href !== link) {
      out.push(`link "${link}" is not a well-formed https URL`);
    }
  }
  return out;
}

/** Every problem of a rule's documentation; empty when each part is there. */
export function documentationProblems(meta: RuleMeta): DocumentationProblem[] {
  const out: DocumentationProblem[] = [];
  const add = (part: DocumentationPart, problem: string | undefined): void => {
    if (problem !== undefined) out.push({ part, problem });
  };
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(meta.id)) add('id', `"${meta.id}" is not kebab-case`);
  if (meta.title.trim() === '') add('title', 'is empty');

  const { description, rationale, remediation } = meta;
  add('detects', sentenceProblem(description));
  if (!NAMES_A_FIELD.test(description) && !namesATarget(description, meta.targets)) {
    add('detects', `names neither a field nor a kind it looks at (${meta.targets.join(', ')})`);
  }

  add('why', sentenceProblem(rationale));
  if (
    rationale.trim() !== '' &&
    [description, remediation, meta.title].some((t) => t.includes(rationale.trim()))
  ) {
    add('why', 'repeats the description, title or remediation instead of saying what the finding allows');
  }

  add('fix', sentenceProblem(remediation));
  if (remediation.trim() !== '') {
    if ([description, rationale].some((t) => t.includes(remediation.trim()))) {
      add('fix', 'repeats the description or rationale instead of saying what to change');
    }
    if (NOT_AN_ACTION.test(remediation.trim())) add('fix', 'describes instead of saying what to do');
  }

  for (const p of referenceProblems(meta)) add('references', p);
  return out;
}
