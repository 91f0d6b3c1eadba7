/**
 * netpol-analyzer `--explain` conformance: every expected explanation of the shared cases
 * (`*_explain_output.txt`, ../shared/testdata/netpol, copied unchanged from
 * np-guard/netpol-analyzer) compared byte for byte with the engine's explanation of the
 * same input under the flags of the upstream command (cases.json). The exposure variants
 * (`*_explain_exposure_output.txt`) add exposure lines to each block and are not compared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isProtocol } from '../../src/netpol/connectionSet.js';
import type { ConnlistOptions } from '../../src/netpol/connlist.js';
import { explainAll } from '../../src/netpol/explain.js';
import { formatExplanation } from '../../src/report/netpolExplain.js';
import { analyseFolder, casesPresent, flagValues, NETPOL_CASES, readCases } from './netpolCases.js';

/** Expected files not matched yet, with the reason. */
const NOT_YET_MATCHED: Readonly<Record<string, string>> = {};

const checks = casesPresent()
  ? readCases().flatMap((c) =>
      c.expected
        .filter(
          (e) => e.file.endsWith('_explain_output.txt') && !e.file.endsWith('_explain_exposure_output.txt'),
        )
        .map((e) => ({
          id: `${c.folder}/${e.file}`,
          folder: c.folder,
          file: e.file,
          command: e.command ?? '',
        })),
    )
  : [];

function optionsOf(command: string): ConnlistOptions {
  const direction = flagValues(command, '--focus-direction')[0];
  const conn = flagValues(command, '--focus-conn')[0];
  const [protocol, port] = conn !== undefined ? conn.toUpperCase().split('-') : [];
  return {
    focusWorkloads: flagValues(command, '--focusworkload'),
    focusPeers: flagValues(command, '--focusworkload-peer'),
    ...(direction === 'ingress' || direction === 'egress' ? { focusDirection: direction } : {}),
    ...(isProtocol(protocol) && port !== undefined
      ? { focusConnection: { protocol, port: Number(port) } }
      : {}),
  };
}

describe('netpol-analyzer explanations (../shared/testdata/netpol)', () => {
  const results = new Map<string, { got: string; want: string }>();

  beforeAll(async () => {
    for (const check of checks) {
      const { analysis } = await analyseFolder(join(NETPOL_CASES, check.folder, 'input'));
      const only = flagValues(check.command, '--explain-only')[0];
      const explanation = explainAll(analysis, optionsOf(check.command));
      const got = formatExplanation(explanation.pairs, explanation.defaultOnly, {
        ...(only === 'allow' || only === 'deny' ? { only } : {}),
      });
      results.set(check.id, {
        got,
        want: readFileSync(join(NETPOL_CASES, check.folder, check.file), 'utf8'),
      });
    }
  });

  it('finds the shared explanations', () => {
    expect(casesPresent(), `${NETPOL_CASES}/cases.json is missing`).toBe(true);
    expect(checks.length).toBe(12);
  });

  it.each(checks.map((c) => [c.id] as const))('%s', (id) => {
    const { got, want } = results.get(id)!;
    if (id in NOT_YET_MATCHED)
      expect(got, `${id} now matches: remove it from NOT_YET_MATCHED`).not.toBe(want);
    else expect(got).toBe(want);
  });

  it('prints how many explanations match', () => {
    const matched = checks.filter((c) => results.get(c.id)!.got === results.get(c.id)!.want).length;
    console.log(`netpol-analyzer conformance: explanations ${matched}/${checks.length}`);
    expect(matched).toBe(checks.length - Object.keys(NOT_YET_MATCHED).length);
  });
});
