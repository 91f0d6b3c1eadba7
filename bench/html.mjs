#!/usr/bin/env node
/**
 * The HTML report's attack graph in headless Chromium (Debian's package, software rendering: no
 * GPU here, so a desktop browser does better):
 *
 *   npm run bench:html [-- --vertices 1000,5000 --runs 3]
 *
 * For each size, a generated graph (a tenth entry points, ~1.5 edges per vertex) is rendered by
 * the report's own code; the page is loaded from a file and measured: the floor (the same page
 * without the graph: the findings table and script alone), time until the graph is drawn, one
 * full redraw after a zoom step, and a click's path + blast-radius answer. Medians of the runs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtmlReport } from '../dist/report/html.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
};
const sizes = arg('--vertices', '1000,5000').split(',').map(Number);
const runs = Number(arg('--runs', '3'));
const tool = { name: 'kubeward', version: 'bench', informationUri: '' };
const dir = mkdtempSync(join(tmpdir(), 'kubeward-html-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function graphOf(n) {
  const vertices = [];
  const edges = [];
  const entries = Math.max(1, Math.floor(n / 10));
  for (let i = 0; i < n; i++) {
    vertices.push({
      id: `v${i}`,
      group: i < entries ? 'entry' : 'workload',
      kind: 'Deployment',
      namespace: `ns-${i % 40}`,
      name: `w-${i}`,
      label: `w-${i}`,
    });
  }
  for (let i = entries; i < n; i++) {
    edges.push({
      from: `v${Math.floor(i / 3)}`,
      to: `v${i}`,
      edge: 'NETWORK_REACH',
      mitre: 'T1021',
      evidence: 'bench',
    });
    if (i % 2 === 0)
      edges.push({
        from: `v${(i * 7) % entries}`,
        to: `v${i}`,
        edge: 'ENDPOINT_EXPLOIT',
        mitre: 'T1190',
        evidence: 'bench',
      });
  }
  return { vertices, edges };
}

const browser = await chromium.launch({
  executablePath: process.env.KUBEWARD_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
async function load(file) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const t0 = performance.now();
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => window.kubeward?.ready === true);
  return { page, ms: performance.now() - t0 };
}
const rows = [];
for (const n of sizes) {
  const graph = graphOf(n);
  const withGraph = join(dir, `graph-${n}.html`);
  const floor = join(dir, `floor-${n}.html`);
  writeFileSync(withGraph, renderHtmlReport({ title: 'bench', tool, findings: [], graph }));
  writeFileSync(floor, renderHtmlReport({ title: 'bench', tool, findings: [] }));
  const m = { floor: [], ready: [], redraw: [], click: [] };
  for (let r = 0; r < runs; r++) {
    const f = await load(floor);
    m.floor.push(f.ms);
    await f.page.close();
    const g = await load(withGraph);
    m.ready.push(g.ms);
    m.redraw.push(
      await g.page.evaluate(async () => {
        const cy = window.kubeward.cy;
        const a = performance.now();
        cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: 500, y: 320 } });
        await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
        return performance.now() - a;
      }),
    );
    m.click.push(
      await g.page.evaluate(
        (id) => {
          const a = performance.now();
          window.kubeward.showVertex(id);
          return performance.now() - a;
        },
        `v${n - 1}`,
      ),
    );
    await g.page.close();
  }
  const row = {
    vertices: n,
    edges: graph.edges.length,
    floorMs: Math.round(median(m.floor)),
    readyMs: Math.round(median(m.ready)),
    readyOverFloor: +(median(m.ready) / median(m.floor)).toFixed(1),
    redrawMs: Math.round(median(m.redraw)),
    clickMs: Math.round(median(m.click)),
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}
await browser.close();
