/**
 * netpol-analyzer conformance: every expected connectivity list of the shared cases
 * (../shared/testdata/netpol/, copied unchanged from np-guard/netpol-analyzer), compared
 * line for line (order aside) with the engine's list for the same input and the flags of
 * the upstream command (cases.json). Every `--exposure` output (connectivity list, then
 * the exposure analysis) is compared the same way. Files the engine does not match yet are listed with
 * the reason; the test fails when that list is wrong in either direction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isProtocol } from '../../src/netpol/connectionSet.js';
import { exposureAnalysis, formatExposure } from '../../src/netpol/exposure.js';
import {
  connectivityList,
  formatConnectivityList,
  formatFocusConnection,
  type ConnlistFormat,
  type ConnlistOptions,
} from '../../src/netpol/connlist.js';
import {
  analyseFolder,
  casesPresent,
  flagValues,
  NETPOL_CASES,
  readCases,
  type ExpectedFile,
} from './netpolCases.js';

/** Expected files not matched yet, with the reason. */
const NOT_YET_MATCHED: Readonly<Record<string, string>> = {};

/** Pinned: how many expected files of each kind the engine matches. */
const MATCHED = { connlist: 11, exposure: 6, format: 11 };

interface Check {
  readonly id: string;
  readonly kind: 'connlist' | 'exposure' | 'format';
  readonly folder: string;
  readonly expected: ExpectedFile;
}

const checks: Check[] = casesPresent()
  ? readCases().flatMap((c) =>
      c.expected.flatMap((e): Check[] => {
        const id = `${c.folder}/${e.file}`;
        if (e.file.endsWith('_connlist_output.txt'))
          return [{ id, kind: 'connlist', folder: c.folder, expected: e }];
        if (/_connlist_output\.(json|csv|md)$/.test(e.file))
          return [{ id, kind: 'format', folder: c.folder, expected: e }];
        if (e.file.endsWith('_exposure_output.txt') && !e.file.endsWith('_explain_exposure_output.txt')) {
          return [{ id, kind: 'exposure', folder: c.folder, expected: e }];
        }
        return [];
      }),
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

/** The lines the engine disagrees on: `-` expected but missing, `+` produced but not expected. */
async function disagreement(check: Check): Promise<string[]> {
  const { analysis } = await analyseFolder(join(NETPOL_CASES, check.folder, 'input'));
  const options = optionsOf(check.expected.command ?? '');
  const entries = connectivityList(analysis, options);
  const expected = readFileSync(join(NETPOL_CASES, check.folder, check.expected.file), 'utf8');
  if (check.kind === 'format') {
    // The other renderings are compared whole: order, header and layout included.
    const format = check.expected.file.slice(check.expected.file.lastIndexOf('.') + 1) as ConnlistFormat;
    const got = formatConnectivityList(entries, format);
    return got === expected ? [] : [`- ${expected}`, `+ ${got}`];
  }
  let text =
    options.focusConnection !== undefined
      ? formatFocusConnection(entries, options.focusConnection)
      : formatConnectivityList(entries, 'txt');
  if (check.kind === 'exposure')
    text += `\n\n${formatExposure(exposureAnalysis(analysis, entries, options))}`;
  const want = expected
    .split('\n')
    .filter((l) => l.trim() !== '')
    .sort();
  const got = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .sort();
  const wantSet = new Set(want);
  const gotSet = new Set(got);
  return [
    ...want.filter((l) => !gotSet.has(l)).map((l) => `- ${l}`),
    ...got.filter((l) => !wantSet.has(l)).map((l) => `+ ${l}`),
  ];
}

describe('netpol-analyzer connectivity lists (../shared/testdata/netpol)', () => {
  const results = new Map<string, string[]>();

  beforeAll(async () => {
    for (const check of checks) results.set(check.id, await disagreement(check));
  });

  it('finds the shared cases', () => {
    expect(casesPresent(), `${NETPOL_CASES}/cases.json is missing`).toBe(true);
    expect(checks.length).toBeGreaterThan(0);
  });

  it.each(checks.map((c) => [c.id, c] as const))('%s', (id) => {
    const diff = results.get(id)!;
    if (id in NOT_YET_MATCHED) {
      expect(diff.length, `${id} now matches: remove it from NOT_YET_MATCHED`).toBeGreaterThan(0);
    } else {
      expect(diff).toEqual([]);
    }
  });

  it('lists only expected files that exist', () => {
    const ids = new Set(checks.map((c) => c.id));
    expect(Object.keys(NOT_YET_MATCHED).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('matches the pinned number of expected files of each kind', () => {
    const matched = { connlist: 0, exposure: 0, format: 0 };
    for (const c of checks) if (results.get(c.id)!.length === 0) matched[c.kind]++;
    const total = (kind: Check['kind']) => checks.filter((c) => c.kind === kind).length;
    console.log(
      `netpol-analyzer conformance: connectivity lists ${matched.connlist}/${total('connlist')}, ` +
        `exposure outputs ${matched.exposure}/${total('exposure')}, ` +
        `json/csv/md connectivity lists ${matched.format}/${total('format')}`,
    );
    expect(matched).toEqual(MATCHED);
  });
});
