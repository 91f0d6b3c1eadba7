/**
 * The rule tester can fail: a finding that differs in container or severity from its
 * case does not match, and documentation missing a part is reported for that part.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../src/policy/registry.js';
import { hostNetwork } from '../src/policy/rules/pod-security/host-network.js';
import { privilegedContainer } from '../src/policy/rules/pod-security/privileged-container.js';
import type { RuleMeta } from '../src/policy/types.js';
import { documentationProblems, type DocumentationPart } from './ruleDocumentation.js';
import { comparedFinding, expectedFindings, runRule, type ExpectedFinding } from './ruleTester.js';

const PRIVILEGED_POD = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext: {privileged: true}
`;
const PATH = 'spec.containers[0].securityContext.privileged';
const MESSAGE = /privileged/;

function matches(want: ExpectedFinding[]): boolean {
  const got = runRule(privilegedContainer, PRIVILEGED_POD).findings.map(comparedFinding);
  try {
    expect(got).toEqual(expectedFindings(privilegedContainer, want));
    return true;
  } catch {
    return false;
  }
}

describe('rule tester comparison', () => {
  it('matches the exact finding, container and rule severity included', () => {
    expect(matches([{ path: PATH, message: MESSAGE, container: 'app' }])).toBe(true);
    expect(matches([{ path: PATH, message: MESSAGE, container: 'app', severity: 'critical' }])).toBe(true);
  });

  it('fails a case that names no container for a finding about one', () => {
    expect(matches([{ path: PATH, message: MESSAGE }])).toBe(false);
  });

  it('fails a case naming another container', () => {
    expect(matches([{ path: PATH, message: MESSAGE, container: 'sidecar' }])).toBe(false);
  });

  it('fails a case naming another severity than the finding has', () => {
    expect(matches([{ path: PATH, message: MESSAGE, container: 'app', severity: 'high' }])).toBe(false);
  });

  it('fails a case naming a container for a finding about none', () => {
    const got = runRule(
      hostNetwork,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers: [{name: app, image: x:1}]\n',
    ).findings.map(comparedFinding);
    expect(got).toHaveLength(1);
    expect(got[0]!.container).toBeUndefined();
    const want = { path: got[0]!.path, message: got[0]!.message };
    expect(got).toEqual(expectedFindings(hostNetwork, [want]));
    expect(got).not.toEqual(expectedFindings(hostNetwork, [{ ...want, container: 'app' }]));
  });

  it('fails on a missing or an extra finding', () => {
    expect(matches([])).toBe(false);
    const one = { path: PATH, message: MESSAGE, container: 'app' };
    expect(matches([one, one])).toBe(false);
  });
});

/** privileged-container's metadata with one part replaced. */
function withPart(part: Partial<RuleMeta>): RuleMeta {
  const { check: _check, ...meta } = privilegedContainer;
  return { ...meta, ...part };
}

function partsWithProblems(meta: RuleMeta): DocumentationPart[] {
  return [...new Set(documentationProblems(meta).map((p) => p.part))];
}

describe('rule documentation check', () => {
  it('finds every part in every built-in rule', () => {
    const problems = BUILTIN_RULES.flatMap((r) =>
      documentationProblems(r).map((p) => `${r.id} ${p.part}: ${p.problem}`),
    );
    expect(problems).toEqual([]);
  });

  it.each<[string, Partial<RuleMeta>, DocumentationPart]>([
    [
      'a description naming no field nor kind',
      { description: 'Finds risky settings in general.' },
      'detects',
    ],
    ['an empty description', { description: '' }, 'detects'],
    [
      'a description left as a placeholder',
      { description: 'TODO: `securityContext.privileged`.' },
      'detects',
    ],
    ['an empty rationale', { rationale: ' ' }, 'why'],
    ['a rationale repeating the description', { rationale: privilegedContainer.description }, 'why'],
    [
      'a rationale without a final full stop',
      { rationale: 'A privileged container is root on the node' },
      'why',
    ],
    ['an empty remediation', { remediation: '' }, 'fix'],
    ['a remediation that only describes', { remediation: 'The container is privileged.' }, 'fix'],
    ['no references at all', { references: {} }, 'references'],
    ['a plain-http link', { references: { links: ['http://kubernetes.io/docs/'] } }, 'references'],
    ['a link that is no URL', { references: { links: ['kubernetes.io/docs'] } }, 'references'],
    ['a link with a space', { references: { links: ['https://kubernetes.io/docs/a b'] } }, 'references'],
    ['a malformed MITRE id', { references: { mitre: ['1611'] } }, 'references'],
    ['a malformed CIS id', { references: { cis: ['CIS 5.2'] } }, 'references'],
    ['a PSS control that is not one', { references: { pss: 'Root Stuff (baseline)' } }, 'references'],
    ['a PSS control without its level', { references: { pss: 'Privileged Containers' } }, 'references'],
    ['a kebab-less id', { id: 'Privileged_Container' }, 'id'],
  ])('reports %s as a problem of that part only', (_name, part, expected) => {
    expect(partsWithProblems(withPart(part))).toEqual([expected]);
  });

  it('accepts references of one kind only', () => {
    expect(documentationProblems(withPart({ references: { mitre: ['T1611'] } }))).toEqual([]);
    expect(
      documentationProblems(withPart({ references: { links: ['https://kubernetes.io/docs/'] } })),
    ).toEqual([]);
  });
});
