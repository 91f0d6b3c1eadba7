/**
 * netpol-analyzer's invalid inputs (../shared/testdata/netpol/netpol-analyzer/invalid-inputs):
 * each must come back as a problem naming the policy, the field and the file:line it was
 * read from — never a throw — while the other policies are still analysed. netpol-analyzer
 * makes each fatal; the engine leaves the invalid policy out (the API server would reject
 * it), except for a named port towards an ipBlock, which the API accepts: that one is a
 * warning and the port allows no external traffic (reference/netpol.md §1.6).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseFolder, casesPresent, NETPOL_CASES } from './netpolCases.js';

const FOLDER = join(NETPOL_CASES, 'netpol-analyzer/invalid-inputs');

/** subcase → `severity kind ns/name path (file:line): message`. */
const EXPECTED: Readonly<Record<string, string>> = {
  bad_netpols__subdir1:
    'error NetworkPolicy default/shippingservice-netpol spec.ingress[2].from[0].ipBlock.cidr (netpols.yaml:1): CIDR error: invalid CIDR address "A"',
  bad_netpols__subdir2:
    "error NetworkPolicy default/shippingservice-netpol spec.podSelector (netpols.yaml:1): selector error: label key \"app@b\": name must be 1-63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
  bad_netpols__subdir3:
    'error NetworkPolicy default/shippingservice-netpol spec.ingress[0].from[0] (netpols.yaml:1): rule NetworkPolicyPeer error: may not specify both ipBlock and another peer',
  bad_netpols__subdir4:
    'error NetworkPolicy default/shippingservice-netpol spec.ingress[0].from[0] (netpols.yaml:1): rule NetworkPolicyPeer error: must specify a peer (podSelector, namespaceSelector or ipBlock)',
  bad_netpols__subdir6:
    'warning NetworkPolicy default/shippingservice-netpol spec.egress[0].ports (netpols.yaml:1): named port error: a named port cannot be resolved for an ipBlock destination; it allows no traffic there',
  bad_netpols__subdir7:
    "error NetworkPolicy default/frontend-netpol spec.egress[0].to[0].podSelector (resources.yaml:144): selector error: label value \"$backendservice\" must be at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
  np_bad_path_test_1:
    'error NetworkPolicy default/backend-netpol metadata.name (netpols.yaml:23): NetworkPolicy "default/backend-netpol" is defined more than once',
  np_bad_path_test_2:
    'error NetworkPolicy default/backend-netpol spec.ingress[1].ports[0].endPort (netpols.yaml:1): endPort may not be specified when port is non-numeric (a named port)',
  np_test_with_empty_port_range:
    'error NetworkPolicy ns1/egress-empty-port-range spec.egress[0].ports[1].endPort (netpol.yaml:1): port range 10-1 is not legal: endPort must be between port and 65535',
};

describe('netpol-analyzer invalid inputs', () => {
  it('finds every sub-case of errors.json', () => {
    expect(casesPresent()).toBe(true);
    const listed = JSON.parse(readFileSync(join(FOLDER, 'expected/errors.json'), 'utf8')) as {
      cases: { subcase: string }[];
    };
    expect(listed.cases.map((c) => c.subcase).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (subcase, expected) => {
    const { analysis, adapted } = await analyseFolder(join(FOLDER, subcase, 'input'));
    const described = analysis.problems.map((p) => {
      const source = adapted.sourceOf(p.kind, p.namespace, p.name);
      const at = source !== undefined ? `${basename(source.file)}:${source.line}` : 'unknown';
      return `${p.severity} ${p.kind} ${p.namespace}/${p.name} ${p.path} (${at}): ${p.message}`;
    });
    expect(described).toEqual([expected]);
    // The rest is still analysed: every other policy of the input is kept.
    expect(analysis.policies.length).toBe(
      adapted.input.networkPolicies.length - (expected.startsWith('error') ? 1 : 0),
    );
  });
});
