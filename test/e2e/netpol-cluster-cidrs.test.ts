/** `clusterCidrs` in the configuration: what netpol-ipblock-pod-cidr compares ipBlocks with. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/policy/config.js';
import { BUILTIN_RULE_IDS } from '../../src/policy/registry.js';
import { scan } from '../../src/scan.js';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}], ports: [{port: 443}]}]
`;

describe('clusterCidrs', () => {
  it('is read from the configuration; an entry that is not a CIDR is an error at its line', () => {
    expect(
      parseConfig('clusterCidrs: [10.244.0.0/16, "fd00::/64"]\n', 'k.yaml', BUILTIN_RULE_IDS).clusterCidrs,
    ).toEqual(['10.244.0.0/16', 'fd00::/64']);
    expect(() =>
      parseConfig(
        'failOn: high\nclusterCidrs:\n  - 10.244.0.0/16\n  - 10.244.0.0/33\n',
        'k.yaml',
        BUILTIN_RULE_IDS,
      ),
    ).toThrow('k.yaml:4: clusterCidrs[1] is not a CIDR: "10.244.0.0/33"');
  });

  it('reaches the rule through scan: findings with the setting, none without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-cidrs-'));
    const p = join(dir, 'policy.yaml');
    writeFileSync(p, POLICY);
    const config = parseConfig('clusterCidrs: [10.244.0.0/16]\n', 'k.yaml', BUILTIN_RULE_IDS);
    const ids = (r: Awaited<ReturnType<typeof scan>>) =>
      r.findings.filter((f) => f.ruleId === 'netpol-ipblock-pod-cidr').map((f) => [f.path, f.message]);
    expect(ids(await scan([p], { config, now: new Date('2026-01-01') }))).toEqual([
      [
        'spec.egress[0].to[0].ipBlock.cidr',
        "egress ipBlock 10.0.0.0/8 overlaps the cluster's pod or node CIDRs 10.244.0.0/16 (clusterCidrs): whether it matches pods or nodes depends on the network plugin",
      ],
    ]);
    expect(ids(await scan([p], { now: new Date('2026-01-01') }))).toEqual([]);
  });
});
