/**
 * The text report of a scan with more findings than a JavaScript call takes arguments: widths
 * were once computed with `Math.max(...findings)`, which throws a RangeError past ~120,000
 * values on a main thread's stack (a 100,000-object scan has 170,399 findings). Run in a child
 * process of its own, as the CLI runs: vitest's worker threads have a deeper stack and hid it.
 */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

const script = `
const { scan } = await import('./dist/scan.js');
const { renderText } = await import('./dist/report/text.js');
const result = await scan(['examples/insecure-shop'], { workers: 0 });
const copies = Math.ceil(150000 / result.findings.length);
const findings = Array.from({ length: copies }, () => result.findings).flat();
const text = renderText({ ...result, findings }, { color: false });
console.log(findings.length, text.trimEnd().split('\\n').at(-1));
`;

it('renders 150,000+ findings without overflowing the call stack (built CLI code, own process)', () => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const [count, ...summary] = r.stdout.trim().split(' ');
  expect(Number(count)).toBeGreaterThan(150_000);
  expect(summary.join(' ')).toMatch(new RegExp(`^${count} findings: `));
});
