/**
 * The bundled examples say what they are: `hardened-shop` is `insecure-shop` after zero-trust
 * hardening, so the scan finds nothing in it (at its namespace's restricted level and with
 * `--pss restricted`), the only findings with every opt-in rule on are the four Secret keys read
 * into environment variables its README names, and its NetworkPolicies allow exactly the shop's
 * data flows (plus HTTPS out of payments). Where insecure-shop plants a gap, hardened-shop's
 * README says how it is closed; these tests hold the manifests to that.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../src/policy/registry.js';
import { loadModel, scan } from '../src/scan.js';
import { netpolInputFromModel } from '../src/netpol/fromModel.js';
import { analyzeNetworkPolicies } from '../src/netpol/analyze.js';
import { connectivityList, formatConnectivityList } from '../src/netpol/connlist.js';

const HARDENED = 'examples/hardened-shop';
const OPT_IN = BUILTIN_RULES.filter((r) => r.optIn === true).map((r) => r.id);

describe('examples/hardened-shop', () => {
  it('has no finding, at the namespace labels and at --pss restricted', async () => {
    const plain = await scan([HARDENED], { workers: 0 });
    expect(plain.errors).toEqual([]);
    expect(plain.findings.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual([]);
    expect(plain.stats.resources).toBe(25);
    const restricted = await scan([HARDENED], {
      workers: 0,
      pss: { level: 'restricted', version: 'latest' },
    });
    expect(restricted.findings.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual([]);
  });

  it('with every opt-in rule, only the Secret keys read into env vars remain', async () => {
    expect(OPT_IN.length).toBeGreaterThan(5);
    const all = await scan([HARDENED], { workers: 0, enable: OPT_IN });
    expect(
      all.findings
        .map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.container ?? ''}`)
        .sort(),
    ).toEqual([
      'secret-via-env-ref CronJob/db-backup backup',
      'secret-via-env-ref Deployment/cart cart',
      'secret-via-env-ref Deployment/payments payments',
      'secret-via-env-ref StatefulSet/redis redis',
    ]);
  });

  it('its NetworkPolicies allow exactly the shop’s flows', async () => {
    const { model } = await loadModel([HARDENED]);
    const analysis = analyzeNetworkPolicies(netpolInputFromModel(model).input);
    const lines = formatConnectivityList(connectivityList(analysis), 'txt')
      .split('\n')
      .filter((l) => l !== '' && !l.includes('[External]'));
    expect(lines.sort()).toEqual([
      'hardened-shop/cart[Deployment] => hardened-shop/redis[StatefulSet] : TCP 6379',
      'hardened-shop/db-backup[CronJob] => hardened-shop/redis[StatefulSet] : TCP 6379',
      'hardened-shop/frontend[Deployment] => hardened-shop/cart[Deployment] : TCP 8080',
      'hardened-shop/frontend[Deployment] => hardened-shop/payments[Deployment] : TCP 8443',
    ]);
  });
});
