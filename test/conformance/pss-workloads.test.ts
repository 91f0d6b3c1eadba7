/**
 * The upstream PSS fixtures again, this time wrapped as the pod template of a
 * Deployment, StatefulSet, DaemonSet, Job and CronJob (and the Pod itself), run through
 * the scan path — the pss rules under `evaluate()` — rather than the engine directly.
 * Every wrapper must get the fixture's verdict: no pss finding for a pass fixture, and
 * for a fail fixture a finding of the rule reporting the expected check, with upstream's
 * substring in the message.
 *
 * Defaulting: the API server gives hostNetwork Pods hostPort = containerPort, but not pod
 * templates (README rule 7). No fixture's verdict depends on it (every hostNetwork
 * fixture fails for hostNetwork itself); the last test shows the difference.
 */
import { describe, expect, it } from 'vitest';
import { Inventory } from '../../src/k8s/inventory.js';
import { makeResource } from '../../src/k8s/resource.js';
import { asRecord, type JsonRecord } from '../../src/k8s/shape.js';
import { DEFAULT_CONFIG } from '../../src/policy/config.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { PSS_RULE_FOR_CHECK, pssRules } from '../../src/policy/rules/pss/catalog.js';
import type { Finding, RuleSettings } from '../../src/policy/types.js';
import {
  acceptableChecks,
  EXPECTED_SUBSTRING,
  fixtureGroups,
  loadFixtures,
  minorOf,
  versionsByFolder,
  type Fixture,
} from './pssFixtureSet.js';

const fixtures = loadFixtures();
const versions = versionsByFolder();

type Kind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob';
const KINDS: readonly Kind[] = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

function wrap(kind: Kind, name: string, pod: JsonRecord): JsonRecord {
  const { name: _podName, ...meta } = asRecord(pod.metadata) ?? {};
  const template = { metadata: meta, spec: pod.spec };
  const metadata = { name };
  switch (kind) {
    case 'Pod':
      return { ...pod, metadata: { ...meta, name } };
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      return { apiVersion: 'apps/v1', kind, metadata, spec: { selector: {}, template } };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata, spec: { template } };
    case 'CronJob':
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata,
        spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } },
      };
  }
}

function settingsFor(level: 'baseline' | 'restricted', version: string): RuleSettings {
  return { trustedRegistries: [], pss: { level, version, explicit: true, checkUnlabelled: true } };
}

/** Runs the pss rules over every fixture of a group wrapped in every kind; findings by resource name. */
function scanGroup(group: readonly Fixture[], version: string): Map<string, Finding[]> {
  const resources = [];
  for (const f of group) {
    for (const kind of KINDS) {
      const object = wrap(kind, `${f.expect}-${f.name}-${kind}`, f.pod);
      resources.push(makeResource(object, { file: f.relPath, documentIndex: 0, line: 1 }));
    }
  }
  const result = evaluate(new Inventory(resources), {
    rules: pssRules,
    config: DEFAULT_CONFIG,
    settings: settingsFor(group[0]!.level, version),
    now: new Date('2026-01-01T00:00:00Z'),
  });
  expect(result.errors).toEqual([]);
  const byName = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byName.get(finding.resource.name);
    if (list) list.push(finding);
    else byName.set(finding.resource.name, [finding]);
  }
  return byName;
}

function disagreement(
  f: Fixture,
  kind: Kind,
  version: string,
  findings: readonly Finding[],
): string | undefined {
  const where = `${kind} of ${f.relPath} @${version}`;
  if (f.expect === 'pass') {
    return findings.length === 0 ? undefined : `${where}: ${findings.map((x) => x.message).join(' | ')}`;
  }
  const rules = new Set(
    acceptableChecks(f.check!, f.level, minorOf(version) ?? Infinity).map((c) => PSS_RULE_FOR_CHECK[c]),
  );
  const substring = EXPECTED_SUBSTRING[f.check!];
  const hit = findings.find((x) => rules.has(x.ruleId) && x.message.includes(substring));
  return hit
    ? undefined
    : `${where}: no ${[...rules].join('/')} finding containing "${substring}" (got ${findings.map((x) => x.message).join(' | ') || 'none'})`;
}

/** 1,934 fixtures at their 4,685 (fixture, version) pairs, each in six kinds (see pss-fixtures.test.ts). */
const VERDICTS = 28_110;

describe('PSS fixtures wrapped in workloads, through the rules', () => {
  let agreeing = 0;
  let checked = 0;
  for (const [key, group] of fixtureGroups(fixtures, versions)) {
    it(`${key} as ${KINDS.join(', ')}`, () => {
      // a folder versions.json maps no version to would pass without a single check
      expect(group.versions.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const version of group.versions) {
        const byName = scanGroup(group.fixtures, version);
        for (const f of group.fixtures) {
          for (const kind of KINDS) {
            const bad = disagreement(f, kind, version, byName.get(`${f.expect}-${f.name}-${kind}`) ?? []);
            checked++;
            if (bad === undefined) agreeing++;
            else problems.push(bad);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('checked every fixture in every wrapper', () => {
    console.log(`PSS workload wrapping: ${agreeing} of ${checked} (fixture, version, kind) verdicts agree`);
    expect(checked).toBe(VERDICTS);
    expect(agreeing).toBe(VERDICTS);
  });

  it('defaults hostPort for a hostNetwork Pod but not for a Deployment template', () => {
    const pod: JsonRecord = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { hostNetwork: true, containers: [{ name: 'app', ports: [{ containerPort: 9100 }] }] },
    };
    const inventory = new Inventory(
      (['Pod', 'Deployment'] as const).map((kind) =>
        makeResource(wrap(kind, kind, pod), { file: 'x.yaml', documentIndex: 0, line: 1 }),
      ),
    );
    const result = evaluate(inventory, {
      rules: pssRules,
      config: DEFAULT_CONFIG,
      settings: settingsFor('baseline', 'latest'),
      now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(result.findings.map((f) => `${f.resource.kind} ${f.ruleId}`)).toEqual([
      'Pod pss-host-namespaces',
      'Pod pss-host-ports',
      'Deployment pss-host-namespaces',
    ]);
  });
});
