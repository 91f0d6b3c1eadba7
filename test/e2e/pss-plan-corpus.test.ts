/**
 * `kubeward pss plan` on the real-world bundles of ../shared/corpus. The expected
 * levels follow from what the corpus README documents about each bundle: Longhorn's
 * manager is privileged, MetalLB's speaker and kube-prometheus' node-exporter use host
 * namespaces, Online Boutique is hardened except for seccomp, ingress-nginx is fully
 * hardened (non-root, drop ALL + NET_BIND_SERVICE, RuntimeDefault seccomp).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Inventory } from '../../src/k8s/inventory.js';
import { loadInputs } from '../../src/load/files.js';
import { planPodSecurity } from '../../src/pss/plan.js';
import { LATEST } from '../../src/pss/version.js';

const shared =
  process.env.KUBEWARD_SHARED_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared');
const corpus = resolve(shared, 'corpus');

describe('pss plan on the shared corpus', () => {
  it('finds the corpus', () => {
    expect(existsSync(corpus), `${corpus} is missing`).toBe(true);
  });

  it('gives each namespace the level its bundle documents', async () => {
    const loaded = await loadInputs([corpus]);
    expect(loaded.errors).toEqual([]);
    const plan = planPodSecurity(new Inventory(loaded.resources), LATEST);
    const level = Object.fromEntries(plan.namespaces.map((n) => [n.namespace, n.strictest]));
    expect(level).toMatchObject({
      'longhorn-system': 'privileged',
      'metallb-system': 'privileged',
      monitoring: 'privileged',
      default: 'baseline',
      'ingress-nginx': 'restricted',
    });
    const boutique = plan.namespaces.find((n) => n.namespace === 'default')!;
    expect(new Set(boutique.blockers.flatMap((b) => b.checks.map((c) => c.checkId)))).toEqual(
      new Set(['seccompProfile_restricted']),
    );
    const longhorn = plan.namespaces.find((n) => n.namespace === 'longhorn-system')!;
    expect(longhorn.blockers.map((b) => `${b.resource.kind}/${b.resource.name}`)).toContain(
      'DaemonSet/longhorn-manager',
    );
  });
});
