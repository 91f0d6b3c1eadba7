import { describe, expect, it } from 'vitest';
import { applicableChecks, PSS_CHECKS } from './registry.js';
import { NEWEST_POLICY_MINOR } from './version.js';

const ids = (level: 'baseline' | 'restricted', minor: number) =>
  applicableChecks(level, minor).map((c) => c.id);

describe('PSS check registry', () => {
  it('declares revisions in strictly increasing version order, none newer than the newest version', () => {
    for (const check of PSS_CHECKS) {
      const mins = check.revisions.map((r) => r.minVersion);
      expect(mins, check.id).toEqual([...mins].sort((a, b) => a - b));
      expect(new Set(mins).size, check.id).toBe(mins.length);
      expect(Math.max(...mins), check.id).toBeLessThanOrEqual(NEWEST_POLICY_MINOR);
    }
    // The newest version is the newest revision of any check (upstream maxVersion): sysctls at v1.37.
    expect(Math.max(...PSS_CHECKS.flatMap((c) => c.revisions.map((r) => r.minVersion)))).toBe(
      NEWEST_POLICY_MINOR,
    );
  });

  it('runs baseline checks sorted by id, then restricted ones sorted by id', () => {
    expect(ids('restricted', 37)).toEqual([
      'appArmorProfile',
      'hostNamespaces',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'privileged',
      'seLinuxOptions',
      'sysctls',
      'windowsHostProcess',
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'procMount_restricted',
      'restrictedVolumes',
      'runAsNonRoot',
      'runAsUser',
      'seccompProfile_restricted',
    ]);
    expect(ids('baseline', 37)).toEqual([
      'appArmorProfile',
      'capabilities_baseline',
      'hostNamespaces',
      'hostPathVolumes',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'privileged',
      'procMount',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'sysctls',
      'windowsHostProcess',
    ]);
  });

  it('applies each restricted override from its version on', () => {
    expect(ids('restricted', 0)).not.toContain('hostPathVolumes');
    expect(ids('restricted', 18)).toContain('seccompProfile_baseline');
    expect(ids('restricted', 19)).not.toContain('seccompProfile_baseline');
    expect(ids('restricted', 21)).toContain('capabilities_baseline');
    expect(ids('restricted', 22)).not.toContain('capabilities_baseline');
    expect(ids('restricted', 34)).toContain('procMount');
    expect(ids('restricted', 35)).not.toContain('procMount');
  });

  it('starts checks at their first version', () => {
    expect(ids('restricted', 7)).not.toContain('allowPrivilegeEscalation');
    expect(ids('restricted', 8)).toContain('allowPrivilegeEscalation');
    expect(ids('restricted', 22)).not.toContain('runAsUser');
    expect(ids('restricted', 23)).toContain('runAsUser');
    expect(ids('baseline', 33)).not.toContain('hostProbesAndHostLifecycle');
    expect(ids('baseline', 34)).toContain('hostProbesAndHostLifecycle');
  });

  it('caches the list per level and version', () => {
    expect(applicableChecks('restricted', 30)).toBe(applicableChecks('restricted', 30));
    expect(applicableChecks('restricted', 99)).toBe(applicableChecks('restricted', NEWEST_POLICY_MINOR));
  });
});
