/**
 * Upstream Pod Security Admission conformance: every fixture of the shared folder
 * (copied unchanged from k8s.io/pod-security-admission test/testdata), evaluated in place
 * at every policy version versions.json maps to its folder. A pass fixture must get no
 * violation; a fail fixture must be rejected by the check its name gives (or the
 * restricted check that replaces it) with upstream's expected substring in the message.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asRecord } from '../../src/k8s/shape.js';
import { evaluatePodSecurity, podSecurityMessage } from '../../src/pss/evaluate.js';
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

/** Why a fixture disagrees at a version, or undefined when it agrees. */
function disagreement(f: Fixture, version: string): string | undefined {
  const result = evaluatePodSecurity(asRecord(f.pod.metadata), asRecord(f.pod.spec), {
    level: f.level,
    version,
  });
  const message = result.allowed ? '' : podSecurityMessage({ level: f.level, version }, result.violations);
  if (f.expect === 'pass') return result.allowed ? undefined : `${f.relPath} @${version}: ${message}`;
  const minor = minorOf(version) ?? Number.POSITIVE_INFINITY;
  const accepted = acceptableChecks(f.check!, f.level, minor);
  const hit = result.violations.find((v) => accepted.includes(v.checkId));
  if (hit === undefined) {
    return `${f.relPath} @${version}: expected a ${accepted.join(' or ')} violation, got ${message || 'allowed'}`;
  }
  const substring = EXPECTED_SUBSTRING[f.check!];
  const ownMessage = podSecurityMessage({ level: f.level, version }, [hit]);
  if (!ownMessage.includes(substring)) return `${f.relPath} @${version}: "${substring}" not in ${ownMessage}`;
  return undefined;
}

const agreeing = new Set<string>();
let evaluations = 0;

/**
 * What the shared folder holds (counted by listing each level's pass and fail folders): a
 * fixture lost or added changes these, and the test says so instead of passing.
 */
const FIXTURE_COUNTS = {
  'baseline/pass': 180,
  'baseline/fail': 455,
  'restricted/pass': 276,
  'restricted/fail': 1023,
};
const FIXTURES = 1934;
/** versions.json maps 39 policy versions onto 15 copied folders. */
const VERSIONS = 39;
const FOLDERS = 15;
/** (fixture, version) pairs: each fixture at every version its folder stands for. */
const EVALUATIONS = 4685;

describe('PSS conformance fixtures (k8s.io/pod-security-admission test/testdata)', () => {
  it('finds every fixture of both levels and every copied version', () => {
    expect(fixtures).toHaveLength(FIXTURES);
    const counts: Record<string, number> = {};
    for (const f of fixtures) counts[`${f.level}/${f.expect}`] = (counts[`${f.level}/${f.expect}`] ?? 0) + 1;
    expect(counts).toEqual(FIXTURE_COUNTS);
    expect([...versions.values()].flat()).toHaveLength(VERSIONS);
    expect(versions.size).toBe(FOLDERS);
    for (const level of ['baseline', 'restricted']) {
      const folders = new Set(fixtures.filter((f) => f.level === level).map((f) => f.folder));
      expect([...folders].sort()).toEqual([...versions.keys()].sort());
    }
  });

  for (const [key, group] of fixtureGroups(fixtures, versions)) {
    it(`${key} agrees at ${group.versions.join(', ') || 'no version'}`, () => {
      // a folder versions.json maps no version to would pass without a single check
      expect(group.versions.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const f of group.fixtures) {
        const bad = group.versions.map((v) => disagreement(f, v)).filter((p) => p !== undefined);
        evaluations += group.versions.length;
        if (bad.length === 0) agreeing.add(f.relPath);
        else problems.push(...bad);
      }
      expect(problems).toEqual([]);
    });
  }

  it('every fixture agrees at every version', () => {
    console.log(`PSS fixtures: ${agreeing.size} of ${fixtures.length} agree`);
    expect(evaluations).toBe(EVALUATIONS);
    expect(agreeing.size).toBe(FIXTURES);
  });
});

describe('PSS fixture loading', () => {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'kubeward-pss-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: x}]\n';
  function write(rel: string, text = pod): void {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }

  it('fails when the fixture folder is missing', () => {
    expect(() => loadFixtures(join(root, 'absent'))).toThrow(/PSS fixtures not found/);
  });

  it('fails when a level folder is missing', () => {
    write('baseline/v1.0/pass/base.yaml');
    write('baseline/v1.0/fail/privileged0.yaml');
    expect(() => loadFixtures(root)).toThrow('PSS fixtures: no restricted folder');
  });

  it('fails when a version has no fail fixtures', () => {
    for (const level of ['baseline', 'restricted']) write(`${level}/v1.0/pass/base.yaml`);
    write('baseline/v1.0/fail/privileged0.yaml');
    expect(() => loadFixtures(root)).toThrow('PSS fixtures: restricted/v1.0/fail is missing or empty');
  });

  it('reads a complete folder', () => {
    for (const level of ['baseline', 'restricted']) {
      write(`${level}/v1.0/pass/base.yaml`);
      write(`${level}/v1.0/fail/privileged0.yaml`);
    }
    expect(loadFixtures(root).map((f) => `${f.relPath} ${f.check ?? 'pass'}`)).toEqual([
      'baseline/v1.0/pass/base.yaml pass',
      'baseline/v1.0/fail/privileged0.yaml privileged',
      'restricted/v1.0/pass/base.yaml pass',
      'restricted/v1.0/fail/privileged0.yaml privileged',
    ]);
  });

  it('gives a folder versions.json maps no version to no versions, which its test rejects', () => {
    write('versions.json', JSON.stringify({ folderForVersion: { 'v1.0': 'v1.0', latest: 'v1.0' } }));
    const groups = fixtureGroups(
      [{ level: 'baseline', folder: 'v1.1', expect: 'pass', name: 'base', relPath: 'x', pod: {} }],
      versionsByFolder(root),
    );
    expect([...groups].map(([key, g]) => `${key}: ${g.versions.join(',')}`)).toEqual(['baseline/v1.1: ']);
  });
});
