import { describe, expect, it } from 'vitest';
import type { ContainerRef, PodTemplate } from '../../../k8s/podSpec.js';
import { effectiveSecurityContext } from '../../../k8s/securityContext.js';
import {
  addedCapabilities,
  canonicalCapability,
  dropsCapability,
  PSS_BASELINE_CAPABILITIES,
  DANGEROUS_CAPABILITIES,
  sysAdminGrant,
} from './capabilities.js';

function scOf(securityContext: unknown) {
  const container = { name: 'app', securityContext };
  const template: PodTemplate = {
    metadata: {},
    metadataPath: ['metadata'],
    spec: { containers: [container] },
    specPath: ['spec'],
    labels: {},
    annotations: {},
  };
  const ref: ContainerRef = {
    container,
    name: 'app',
    list: 'containers',
    index: 0,
    path: ['spec', 'containers', 0],
  };
  return effectiveSecurityContext(template, ref);
}

describe('canonicalCapability', () => {
  it('upper-cases and strips one CAP_ prefix in any case', () => {
    expect(canonicalCapability('sys_admin')).toBe('SYS_ADMIN');
    expect(canonicalCapability('CAP_SYS_ADMIN')).toBe('SYS_ADMIN');
    expect(canonicalCapability('cap_net_raw')).toBe('NET_RAW');
    expect(canonicalCapability('All')).toBe('ALL');
  });
});

describe('addedCapabilities', () => {
  it('returns each capability once, at its first entry, skipping non-strings', () => {
    const sc = scOf({ capabilities: { add: ['net_admin', 7, 'CAP_NET_ADMIN', 'SYS_TIME'] } });
    expect(addedCapabilities(sc).map((e) => [e.name, e.raw, e.path.join('.')])).toEqual([
      ['NET_ADMIN', 'net_admin', 'spec.containers.0.securityContext.capabilities.add.0'],
      ['SYS_TIME', 'SYS_TIME', 'spec.containers.0.securityContext.capabilities.add.3'],
    ]);
  });

  it('does not crash on a string where the list belongs', () => {
    expect(addedCapabilities(scOf({ capabilities: { add: 'SYS_ADMIN' } }))).toEqual([]);
    expect(addedCapabilities(scOf({ capabilities: 'ALL' }))).toEqual([]);
  });
});

describe('dropsCapability', () => {
  it('accepts ALL or the name in any case', () => {
    expect(dropsCapability(scOf({ capabilities: { drop: ['all'] } }), 'NET_RAW')).toBe(true);
    expect(dropsCapability(scOf({ capabilities: { drop: ['net_raw'] } }), 'NET_RAW')).toBe(true);
    expect(dropsCapability(scOf({ capabilities: { drop: ['CHOWN'] } }), 'NET_RAW')).toBe(false);
  });

  it('does not count CAP_-prefixed drops, which containerd does not understand', () => {
    expect(dropsCapability(scOf({ capabilities: { drop: ['CAP_NET_RAW'] } }), 'NET_RAW')).toBe(false);
    expect(dropsCapability(scOf({ capabilities: { drop: ['CAP_ALL'] } }), 'ALL')).toBe(false);
  });

  it('is false without a capabilities block', () => {
    expect(dropsCapability(scOf(undefined), 'ALL')).toBe(false);
  });
});

describe('sysAdminGrant', () => {
  it('finds SYS_ADMIN in any spelling, or ALL', () => {
    expect(sysAdminGrant(scOf({ capabilities: { add: ['CHOWN', 'Cap_Sys_Admin'] } }))?.raw).toBe(
      'Cap_Sys_Admin',
    );
    expect(sysAdminGrant(scOf({ capabilities: { add: ['all'] } }))?.name).toBe('ALL');
    expect(sysAdminGrant(scOf({ capabilities: { add: ['NET_ADMIN'] } }))).toBeUndefined();
  });
});

describe('capability lists', () => {
  it('keep SYS_ADMIN and ALL out of the dangerous list and the baseline set disjoint from it', () => {
    expect(DANGEROUS_CAPABILITIES.has('SYS_ADMIN')).toBe(false);
    expect(DANGEROUS_CAPABILITIES.has('ALL')).toBe(false);
    for (const name of DANGEROUS_CAPABILITIES.keys()) expect(PSS_BASELINE_CAPABILITIES.has(name)).toBe(false);
  });
});
