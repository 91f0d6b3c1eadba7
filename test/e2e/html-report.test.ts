/**
 * The HTML report in a real browser: Debian's Chromium (`scripts/ensure-chromium.mjs`, run by
 * `npm test`, installs it when missing), driven by playwright-core. The page must load from a
 * file with no console error and no request leaving it, draw every vertex and edge of the graph
 * it was given, answer a real mouse click on a vertex with that vertex's shortest path from an
 * entry point and its blast radius, and filter the findings table. A screenshot is kept in
 * test-results/ (look at it when the page changes).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport, type HtmlGraph } from '../../src/report/html.js';
import { TOOL_INFO } from '../../src/report/toolInfo.js';
import { scan, type ScanResult } from '../../src/scan.js';

const OUT = resolve('test-results');
const CHROMIUM = process.env.KUBEWARD_CHROMIUM ?? '/usr/bin/chromium';

/**
 * A hand-made attack graph of the insecure shop, small enough to reason about:
 *   internet ─ENDPOINT_EXPLOIT→ frontend ─IDENTITY_ASSUME→ sa default ─SECRET_READ→ secret redis
 *                                                       └─POD_EXEC→ log-agent ─CE_PRIV_MOUNT→ node ─→ cluster-admin
 *   cart (no edge in) ─NETWORK_REACH→ redis
 * Shortest path to the node: internet → frontend → sa → log-agent → node = 4 hops.
 * Blast radius of frontend: secret, log-agent, node, cluster-admin = 4 assets (itself not counted; the
 *   service account is passed through, not an asset).
 */
const GRAPH: HtmlGraph = {
  vertices: [
    {
      id: 'entry:lb',
      group: 'entry',
      kind: 'Service',
      namespace: 'shop',
      name: 'frontend',
      label: 'LB frontend',
    },
    {
      id: 'w:frontend',
      group: 'workload',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'frontend',
      label: 'frontend',
    },
    { id: 'w:cart', group: 'workload', kind: 'Deployment', namespace: 'shop', name: 'cart', label: 'cart' },
    {
      id: 'w:redis',
      group: 'workload',
      kind: 'StatefulSet',
      namespace: 'shop',
      name: 'redis',
      label: 'redis',
    },
    {
      id: 'w:log-agent',
      group: 'workload',
      kind: 'DaemonSet',
      namespace: 'shop',
      name: 'log-agent',
      label: 'log-agent',
    },
    {
      id: 'sa:default',
      group: 'identity',
      kind: 'ServiceAccount',
      namespace: 'shop',
      name: 'default',
      label: 'sa default',
    },
    {
      id: 'secret:redis',
      group: 'secret',
      kind: 'Secret',
      namespace: 'shop',
      name: 'redis',
      label: 'secret redis',
    },
    { id: 'node', group: 'node', kind: 'Node', name: '*', label: 'node' },
    { id: 'admin', group: 'critical', kind: 'ClusterAdmin', name: 'cluster-admin', label: 'cluster-admin' },
  ],
  edges: [
    {
      from: 'entry:lb',
      to: 'w:frontend',
      edge: 'ENDPOINT_EXPLOIT',
      mitre: 'T1190',
      evidence: 'frontend.yaml:39 spec.type',
    },
    {
      from: 'w:frontend',
      to: 'sa:default',
      edge: 'IDENTITY_ASSUME',
      mitre: 'T1078.001',
      evidence: 'token mounted',
    },
    {
      from: 'sa:default',
      to: 'secret:redis',
      edge: 'SECRET_READ',
      mitre: 'T1552.007',
      evidence: 'RoleBinding shop/shop-admin → Role shop-admin',
    },
    {
      from: 'sa:default',
      to: 'w:log-agent',
      edge: 'POD_EXEC',
      mitre: 'T1609',
      evidence: 'RoleBinding shop/shop-admin',
      fix: 'remove pods/exec',
    },
    {
      from: 'w:log-agent',
      to: 'node',
      edge: 'CE_PRIV_MOUNT',
      mitre: 'T1611',
      evidence: 'log-agent.yaml:22 privileged',
    },
    {
      from: 'node',
      to: 'admin',
      edge: 'TOKEN_STEAL',
      mitre: 'T1528',
      evidence: 'tokens of the pods on the node',
    },
    {
      from: 'w:cart',
      to: 'w:redis',
      edge: 'NETWORK_REACH',
      mitre: 'T1021',
      evidence: 'no NetworkPolicy isolates redis',
    },
  ],
};

let browser: Browser;
let result: ScanResult;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  result = await scan(['examples/insecure-shop'], { workers: 0 });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

interface Opened {
  readonly page: Page;
  readonly problems: string[];
  readonly requests: string[];
}

async function open(name: string, html: string): Promise<Opened> {
  const file = join(OUT, name);
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
  page.on('request', (r) => {
    if (r.url() !== pathToFileURL(file).href) requests.push(r.url());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(
    () => (globalThis as unknown as { kubeward?: { ready: boolean } }).kubeward?.ready === true,
  );
  return { page, problems, requests };
}

describe('the HTML report in Chromium', () => {
  it('loads with no console error or request, draws every vertex and edge, and answers a click on a workload', async () => {
    const html = renderHtmlReport({
      title: 'kubeward scan report',
      tool: TOOL_INFO(),
      findings: result.findings,
      figures: [{ label: 'Attack Surface Exposure', value: '62.5 %' }],
      graph: GRAPH,
    });
    const { page, problems, requests } = await open('html-report.html', html);
    const counts = await page.evaluate(() => {
      const cy = (globalThis as unknown as { kubeward: { cy: { nodes(): unknown[]; edges(): unknown[] } } })
        .kubeward.cy;
      return { nodes: cy.nodes().length, edges: cy.edges().length };
    });
    expect(counts).toEqual({ nodes: 9, edges: 7 });

    // A real click at the vertex's place on the canvas.
    const at = await page.evaluate(() => {
      const cy = (
        globalThis as unknown as {
          kubeward: { cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } };
        }
      ).kubeward.cy;
      const p = cy.getElementById('w:log-agent').renderedPosition();
      const doc = (
        globalThis as unknown as {
          document: {
            getElementById(id: string): { getBoundingClientRect(): { left: number; top: number } };
          };
        }
      ).document;
      const box = doc.getElementById('graph').getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(at.x, at.y);
    const details = page.locator('#details');
    await expect.poll(() => details.locator('h3').textContent()).toBe('DaemonSet shop/log-agent');
    expect(await details.locator('h4').allTextContents()).toEqual([
      'Shortest path from an entry point: 3 hops',
      'Blast radius: 2 assets',
    ]);
    expect(await details.locator('ol.path-hops > li > .edge-id').allTextContents()).toEqual([
      'ENDPOINT_EXPLOIT',
      'IDENTITY_ASSUME',
      'POD_EXEC',
    ]);
    expect(await details.locator('ul.blast > li').allTextContents()).toEqual([
      'Node * \u2014 1 hop',
      'ClusterAdmin cluster-admin \u2014 2 hops',
    ]);
    const highlighted = await page.evaluate(() =>
      (
        globalThis as unknown as {
          kubeward: { cy: { $(s: string): { map(f: (e: { id(): string }) => string): string[] } } };
        }
      ).kubeward.cy
        .$('.path')
        .map((e) => e.id())
        .sort(),
    );
    expect(highlighted).toEqual(['e0', 'e1', 'e3', 'entry:lb', 'sa:default', 'w:frontend', 'w:log-agent']);

    // A workload no entry point reaches says so; its blast radius still counts.
    const cart = await page.evaluate(() =>
      (
        globalThis as unknown as {
          kubeward: { showVertex(id: string): { path: unknown; blastRadius: number } };
        }
      ).kubeward.showVertex('w:cart'),
    );
    expect(cart).toEqual({ path: null, blastRadius: 1 });
    await page.mouse.click(at.x, at.y);
    await page.screenshot({ path: join(OUT, 'html-report.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('filters the findings by severity, rule, namespace and text, with exact counts', async () => {
    const html = renderHtmlReport({
      title: 'kubeward scan report',
      tool: TOOL_INFO(),
      findings: result.findings,
    });
    const { page, problems } = await open('html-findings.html', html);
    const total = result.findings.length;
    const shown = page.locator('#shown');
    const rows = page.locator('#findings tbody tr');
    expect(await shown.textContent()).toBe(
      `Showing ${total} of ${total} matching findings (${total} in all).`,
    );
    expect(await rows.count()).toBe(total);

    const medium = result.findings.filter((f) => f.severity === 'medium').length;
    await page.locator('#sev-medium').uncheck();
    expect(await rows.count()).toBe(total - medium);

    const rule = 'privileged-container';
    const ofRule = result.findings.filter((f) => f.ruleId === rule && f.severity !== 'medium').length;
    expect(ofRule).toBeGreaterThan(0);
    await page.locator('#rule-filter').selectOption(rule);
    expect(await rows.count()).toBe(ofRule);
    expect(await rows.first().locator('td').nth(1).textContent()).toBe(rule);

    await page.locator('#rule-filter').selectOption('');
    await page.locator('#sev-medium').check();
    await page.locator('#text-filter').fill('log-agent.yaml');
    const inFile = result.findings.filter((f) => f.location?.file.endsWith('log-agent.yaml')).length;
    expect(inFile).toBeGreaterThan(3);
    expect(await rows.count()).toBe(inFile);

    await page.locator('#text-filter').fill('');
    await page.locator('#namespace-filter').selectOption('shop');
    expect(await rows.count()).toBe(result.findings.filter((f) => f.resource.namespace === 'shop').length);
    expect(problems).toEqual([]);
    expect(await page.locator('#graph').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('keeps manifest text as text: a hostile message renders literally and runs nothing', async () => {
    const hostile = '</script><img src=x onerror="window.pwned=1"><!--';
    const finding = { ...result.findings[0]!, message: hostile };
    const graph: HtmlGraph = {
      vertices: [
        { id: hostile, group: 'entry', kind: 'Service', namespace: 'shop', name: hostile, label: hostile },
      ],
      edges: [],
    };
    const html = renderHtmlReport({ title: hostile, tool: TOOL_INFO(), findings: [finding], graph });
    expect(html).not.toContain('<img src=x');
    const { page, problems } = await open('html-hostile.html', html);
    expect(await page.locator('#findings tbody td').nth(4).textContent()).toBe(hostile);
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.title()).toBe(hostile);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('draws 5,000 vertices and 7,500 edges (the size it must stay usable at)', async () => {
    const vertices: HtmlGraph['vertices'][number][] = [];
    const edges: HtmlGraph['edges'][number][] = [];
    for (let i = 0; i < 5000; i++) {
      vertices.push({
        id: `v${i}`,
        group: i < 50 ? 'entry' : 'workload',
        kind: 'Deployment',
        namespace: `ns-${i % 40}`,
        name: `w-${i}`,
        label: `w-${i}`,
      });
    }
    for (let i = 50; i < 5000; i++) {
      edges.push({
        from: `v${Math.floor(i / 3)}`,
        to: `v${i}`,
        edge: 'NETWORK_REACH',
        mitre: 'T1021',
        evidence: 'test',
      });
      if (i % 2 === 0)
        edges.push({
          from: `v${(i * 7) % 50}`,
          to: `v${i}`,
          edge: 'ENDPOINT_EXPLOIT',
          mitre: 'T1190',
          evidence: 'test',
        });
    }
    const html = renderHtmlReport({
      title: 'big',
      tool: TOOL_INFO(),
      findings: [],
      graph: { vertices, edges },
    });
    const { page, problems } = await open('html-big.html', html);
    const counts = await page.evaluate(() => {
      const cy = (globalThis as unknown as { kubeward: { cy: { nodes(): unknown[]; edges(): unknown[] } } })
        .kubeward.cy;
      return { nodes: cy.nodes().length, edges: cy.edges().length };
    });
    expect(counts).toEqual({ nodes: 5000, edges: edges.length });
    // v4999 is odd, so its one edge in is from v⌊4999/3⌋ = v1666; 1666 is even, so an entry
    // edge reaches it from v(1666·7 mod 50) = v12: the shortest path is v12 → v1666 → v4999.
    const v4999 = await page.evaluate(() =>
      (
        globalThis as unknown as { kubeward: { showVertex(id: string): { path: number[] | null } } }
      ).kubeward.showVertex('v4999'),
    );
    expect(v4999.path).toHaveLength(2);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('is what `kubeward scan -f html -o FILE` writes, and the page holds every finding of the scan', async () => {
    const file = join(OUT, 'cli-report.html');
    const r = spawnSync(
      process.execPath,
      ['dist/cli/main.js', 'scan', '--no-config', '-f', 'html', '-o', file, 'examples/insecure-shop'],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', KUBEWARD_NO_RESPAWN: '1' },
      },
    );
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 1, stderr: '' });
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const { page, problems } = await open('cli-report-copy.html', html);
    expect(await page.locator('#findings tbody tr').count()).toBe(result.findings.length);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('`kubeward exposure -f html` on the insecure shop: the real graph, its figures, and a click on frontend that agrees with `blast-radius`', async () => {
    const env = { PATH: process.env.PATH ?? '', KUBEWARD_NO_RESPAWN: '1' };
    const page_ = spawnSync(
      process.execPath,
      ['dist/cli/main.js', 'exposure', '-f', 'html', 'examples/insecure-shop'],
      { encoding: 'utf8', env },
    );
    expect({ code: page_.status, stderr: page_.stderr }).toEqual({ code: 0, stderr: '' });
    const radius = spawnSync(
      process.execPath,
      ['dist/cli/main.js', 'blast-radius', 'shop/frontend', '-f', 'json', 'examples/insecure-shop'],
      { encoding: 'utf8', env },
    );
    const assets = (
      JSON.parse(radius.stdout) as {
        assets: { kind: string; namespace: string; name: string; hops: number }[];
      }
    ).assets;
    expect(assets.length).toBeGreaterThan(3);
    const { page, problems, requests } = await open('exposure-shop.html', page_.stdout);
    expect(await page.locator('#figures .figure').first().locator('.value').textContent()).toBe('88.89 %');
    expect(await page.locator('#findings').count()).toBe(0);
    const at = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: {
          getElementById(id: string): {
            textContent: string;
            getBoundingClientRect(): { left: number; top: number };
          };
        };
        kubeward: { cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } };
      };
      const data = JSON.parse(g.document.getElementById('kw-data').textContent) as {
        graph: { vertices: { id: string; kind: string; name: string }[] };
      };
      const v = data.graph.vertices.find((x) => x.kind === 'Deployment' && x.name === 'frontend')!;
      const p = g.kubeward.cy.getElementById(v.id).renderedPosition();
      const box = g.document.getElementById('graph').getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y, vertices: data.graph.vertices.length };
    });
    await page.mouse.click(at.x, at.y);
    const details = page.locator('#details');
    await expect.poll(() => details.locator('h3').textContent()).toBe('Deployment shop/frontend');
    expect(await details.locator('h4').allTextContents()).toEqual([
      'Shortest path from an entry point: 1 hop',
      `Blast radius: ${assets.length} assets`,
    ]);
    expect(await details.locator('ol.path-hops > li > .edge-id').allTextContents()).toEqual([
      'ENDPOINT_EXPLOIT',
    ]);
    // the same assets at the same hop counts as the command line says
    const listed = (await details.locator('ul.blast > li').allTextContents()).sort();
    const expected = assets
      .map(
        (a) =>
          `${a.kind} ${a.namespace !== '' ? `${a.namespace}/` : ''}${a.name} \u2014 ${a.hops} ${a.hops === 1 ? 'hop' : 'hops'}`,
      )
      .sort();
    expect(listed).toEqual(expected);
    await page.screenshot({ path: join(OUT, 'exposure-shop.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);
});
