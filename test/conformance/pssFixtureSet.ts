/**
 * The upstream PSS conformance fixtures (read in place from the shared folder, never
 * copied), and what each one expects — taken from the fixture README, not from our engine:
 * the check named by the file prefix, the restricted check that supersedes it, and the
 * substring upstream's fixture test looks for in the rejection message.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifestText } from '../../src/load/parse.js';
import type { JsonRecord } from '../../src/k8s/shape.js';
import type { CheckId } from '../../src/pss/types.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `<shared>/testdata/pss`; `KUBEWARD_SHARED_DIR` points at the shared folder. */
export const PSS_FIXTURE_DIR = join(
  process.env.KUBEWARD_SHARED_DIR ?? resolve(PROJECT_ROOT, '../shared'),
  'testdata',
  'pss',
);

export type FixtureLevel = 'baseline' | 'restricted';

export interface Fixture {
  readonly level: FixtureLevel;
  /** The copied folder, e.g. `v1.30`. */
  readonly folder: string;
  readonly expect: 'pass' | 'fail';
  readonly name: string;
  /** `baseline/v1.30/fail/hostports1.yaml` */
  readonly relPath: string;
  readonly pod: JsonRecord;
  /** For fail fixtures: the check its file prefix names. */
  readonly check?: CheckId;
}

/** Check ids as upstream spells them; the fixture prefix is the lower-cased id (README "Layout"). */
const CHECK_IDS: readonly CheckId[] = [
  'hostNamespaces',
  'privileged',
  'capabilities_baseline',
  'hostPathVolumes',
  'hostPorts',
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile_baseline',
  'sysctls',
  'procMount',
  'windowsHostProcess',
  'hostProbesAndHostLifecycle',
  'restrictedVolumes',
  'runAsNonRoot',
  'allowPrivilegeEscalation',
  'seccompProfile_restricted',
  'capabilities_restricted',
  'runAsUser',
  'procMount_restricted',
];

/** README "Expected message substring" column. */
export const EXPECTED_SUBSTRING: Readonly<Record<CheckId, string>> = {
  hostNamespaces: 'host namespaces',
  privileged: 'privileged',
  capabilities_baseline: 'capabilities',
  hostPathVolumes: 'hostPath',
  hostPorts: 'hostPort',
  appArmorProfile: 'forbidden AppArmor profile',
  seLinuxOptions: 'seLinuxOptions',
  seccompProfile_baseline: 'seccompProfile',
  sysctls: 'forbidden sysctl',
  procMount: 'procMount',
  windowsHostProcess: 'hostProcess',
  hostProbesAndHostLifecycle: 'probe or lifecycle host',
  restrictedVolumes: 'restricted volume types',
  runAsNonRoot: 'runAsNonRoot',
  allowPrivilegeEscalation: 'allowPrivilegeEscalation',
  seccompProfile_restricted: 'seccompProfile',
  capabilities_restricted: 'unrestricted capabilities',
  runAsUser: 'runAsUser=0',
  procMount_restricted: 'procMount',
};

/** README rule 3: restricted check → baseline check it replaces, from a minor version. */
const OVERRIDES: readonly { restricted: CheckId; baseline: CheckId; from: number }[] = [
  { restricted: 'restrictedVolumes', baseline: 'hostPathVolumes', from: 0 },
  { restricted: 'seccompProfile_restricted', baseline: 'seccompProfile_baseline', from: 19 },
  { restricted: 'capabilities_restricted', baseline: 'capabilities_baseline', from: 22 },
  { restricted: 'procMount_restricted', baseline: 'procMount', from: 35 },
];

/** The checks whose violation counts for a fail fixture named after `check`, at a level and minor version. */
export function acceptableChecks(check: CheckId, level: FixtureLevel, minor: number): CheckId[] {
  const out: CheckId[] = [check];
  if (level === 'restricted') {
    for (const o of OVERRIDES) if (o.baseline === check && minor >= o.from) out.push(o.restricted);
  }
  return out;
}

function checkForPrefix(prefix: string): CheckId | undefined {
  return CHECK_IDS.find((id) => id.toLowerCase() === prefix);
}

/** versions.json `folderForVersion`, inverted: folder → every policy version it stands for. */
export function versionsByFolder(root: string = PSS_FIXTURE_DIR): Map<string, string[]> {
  const json = JSON.parse(readFileSync(join(root, 'versions.json'), 'utf8')) as {
    folderForVersion: Record<string, string>;
  };
  const out = new Map<string, string[]>();
  for (const [version, folder] of Object.entries(json.folderForVersion)) {
    const list = out.get(folder);
    if (list) list.push(version);
    else out.set(folder, [version]);
  }
  return out;
}

/** `v1.30` → 30, `latest` → undefined. */
export function minorOf(version: string): number | undefined {
  const m = /^v1\.(\d+)$/.exec(version);
  return m ? Number(m[1]) : undefined;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Every fixture file. Throws (failing the suite) when the shared folder, a level folder, or
 * the pass or fail folder of a version is missing or empty, or a file is unusable: a fixture
 * that is not there must not pass by not being checked.
 */
export function loadFixtures(root: string = PSS_FIXTURE_DIR): Fixture[] {
  if (!isDir(root)) {
    throw new Error(`PSS fixtures not found at ${root} (set KUBEWARD_SHARED_DIR to the shared folder)`);
  }
  const fixtures: Fixture[] = [];
  for (const level of ['baseline', 'restricted'] as const) {
    if (!isDir(join(root, level))) throw new Error(`PSS fixtures: no ${level} folder in ${root}`);
    const folders = readdirSync(join(root, level)).sort();
    if (folders.length === 0) throw new Error(`PSS fixtures: ${level} has no version folder`);
    for (const folder of folders) {
      for (const expect of ['pass', 'fail'] as const) {
        const dir = join(root, level, folder, expect);
        const files = isDir(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')) : [];
        if (files.length === 0)
          throw new Error(`PSS fixtures: ${level}/${folder}/${expect} is missing or empty`);
        for (const file of files.sort()) {
          const relPath = `${level}/${folder}/${expect}/${file}`;
          const parsed = parseManifestText(readFileSync(join(dir, file), 'utf8'), relPath);
          const pod = parsed.resources[0]?.object;
          if (parsed.errors.length > 0 || parsed.resources.length !== 1 || pod?.kind !== 'Pod') {
            throw new Error(`${relPath}: expected exactly one Pod document`);
          }
          const name = file.slice(0, -'.yaml'.length);
          let check: CheckId | undefined;
          if (expect === 'fail') {
            const prefix = name.replace(/\d+$/, '');
            check = checkForPrefix(prefix);
            if (check === undefined) throw new Error(`${relPath}: no PSS check is named "${prefix}"`);
          }
          fixtures.push({ level, folder, expect, name, relPath, pod, ...(check ? { check } : {}) });
        }
      }
    }
  }
  return fixtures;
}

/** Fixtures by `<level>/<folder>`, each group with the policy versions its folder stands for (possibly none). */
export function fixtureGroups(
  fixtures: readonly Fixture[],
  versions: ReadonlyMap<string, readonly string[]>,
): Map<string, { fixtures: Fixture[]; versions: readonly string[] }> {
  const groups = new Map<string, { fixtures: Fixture[]; versions: readonly string[] }>();
  for (const f of fixtures) {
    const key = `${f.level}/${f.folder}`;
    const group = groups.get(key);
    if (group) group.fixtures.push(f);
    else groups.set(key, { fixtures: [f], versions: versions.get(f.folder) ?? [] });
  }
  return groups;
}
