/**
 * Upstream Pod Security Admission conformance: every fixture of the shared folder
 * (copied unchanged from k8s.io/pod-security-admission test/testdata), evaluated in place
 * at every policy version versions.json maps to its folder. A pass fixture must get no
 * violation; a fail fixture must be rejected by the check its name gives (or the
 * restricted check that replaces it) with upstream's expected substring in the message.
 */
import { describe, expect, it } from 'vitest';
import { asRecord } from '../../src/k8s/shape.js';
import { evaluatePodSecurity, podSecurityMessage } from '../../src/pss/evaluate.js';
import {
  acceptableChecks,
  EXPECTED_SUBSTRING,
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

describe('PSS conformance fixtures (k8s.io/pod-security-admission test/testdata)', () => {
  it('finds the fixtures of both levels and every copied version', () => {
    expect(fixtures.length).toBeGreaterThan(1900);
    for (const level of ['baseline', 'restricted']) {
      const folders = new Set(fixtures.filter((f) => f.level === level).map((f) => f.folder));
      expect([...folders].sort()).toEqual([...versions.keys()].sort());
    }
  });

  const groups = new Map<string, Fixture[]>();
  for (const f of fixtures) {
    const key = `${f.level}/${f.folder}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  for (const [key, group] of groups) {
    const folderVersions = versions.get(group[0]!.folder) ?? [];
    it(`${key} agrees at ${folderVersions.join(', ')}`, () => {
      expect(folderVersions.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const f of group) {
        const bad = folderVersions.map((v) => disagreement(f, v)).filter((p) => p !== undefined);
        if (bad.length === 0) agreeing.add(f.relPath);
        else problems.push(...bad);
      }
      expect(problems).toEqual([]);
    });
  }

  it('every fixture agrees', () => {
    console.log(`PSS fixtures: ${agreeing.size} of ${fixtures.length} agree`);
    expect(agreeing.size).toBe(fixtures.length);
  });
});
