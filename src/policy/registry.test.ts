/**
 * Every rule file is in its family's catalog, once: a rule left out of a catalog never
 * runs while its own test passes. A rule file is a module of `rules/<family>/` that
 * exports a rule object (an `id`, `targets` and a `check` function); other modules
 * there are the family's helpers.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from './registry.js';
import type { Rule } from './types.js';

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'rules');

function isRule(value: unknown): value is Rule {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.check === 'function' && Array.isArray(v.targets);
}

/** A rule a module exports, under the module's file name (without `.ts`). */
interface RuleFile {
  readonly file: string;
  readonly rule: Rule;
}

/** What is wrong between a family's rule files and its catalog; empty when they agree exactly. */
function catalogProblems(family: string, ruleFiles: readonly RuleFile[], catalog: readonly Rule[]): string[] {
  const problems: string[] = [];
  const listed = new Set<Rule>();
  for (const rule of catalog) {
    if (listed.has(rule)) problems.push(`${family}/catalog.ts lists ${rule.id} twice`);
    listed.add(rule);
  }
  const fromFiles = new Set<Rule>();
  for (const { file, rule } of ruleFiles) {
    fromFiles.add(rule);
    if (!listed.has(rule))
      problems.push(`${family}/${file}.ts exports ${rule.id}, which ${family}/catalog.ts does not list`);
    if (rule.id !== file)
      problems.push(`${family}/${file}.ts exports ${rule.id}: a rule file is named for its rule`);
  }
  for (const rule of listed) {
    if (!fromFiles.has(rule))
      problems.push(`${family}/catalog.ts lists ${rule.id}, which no file of the folder exports`);
  }
  return problems;
}

interface Family {
  readonly name: string;
  readonly ruleFiles: RuleFile[];
  readonly catalog: readonly Rule[];
}

async function loadFamilies(): Promise<Family[]> {
  const out: Family[] = [];
  for (const name of readdirSync(RULES_DIR).sort()) {
    const dir = join(RULES_DIR, name);
    if (!statSync(dir).isDirectory()) continue;
    const ruleFiles: RuleFile[] = [];
    let catalog: readonly Rule[] | undefined;
    for (const entry of readdirSync(dir).sort()) {
      if (!entry.endsWith('.ts') || entry.endsWith('.test.ts')) continue;
      const module = (await import(pathToFileURL(join(dir, entry)).href)) as Record<string, unknown>;
      const file = entry.slice(0, -3);
      if (file === 'catalog') {
        const lists = Object.values(module).filter(
          (v): v is readonly Rule[] => Array.isArray(v) && v.every(isRule),
        );
        expect(lists, `${name}/catalog.ts exports one list of rules`).toHaveLength(1);
        catalog = lists[0];
        continue;
      }
      for (const value of Object.values(module)) if (isRule(value)) ruleFiles.push({ file, rule: value });
    }
    if (catalog === undefined) throw new Error(`rules/${name}/ has no catalog.ts`);
    out.push({ name, ruleFiles, catalog });
  }
  return out;
}

/** Loaded once for the tests below. */
let loaded: Promise<Family[]> | undefined;
const families = (): Promise<Family[]> => (loaded ??= loadFamilies());

const sample = (id: string): Rule => ({
  id,
  title: id,
  category: 'hygiene',
  severity: 'low',
  description: id,
  rationale: id,
  remediation: id,
  references: {},
  targets: ['Pod'],
  check: () => [],
});

describe('rule registration', () => {
  it('catalogProblems finds a rule file left out of the catalog, a rule listed twice, and a listed rule no file exports', () => {
    const a = sample('rule-a');
    const b = sample('rule-b');
    const c = sample('rule-c');
    expect(
      catalogProblems(
        'demo',
        [
          { file: 'rule-a', rule: a },
          { file: 'rule-b', rule: b },
        ],
        [a, b],
      ),
    ).toEqual([]);
    expect(
      catalogProblems(
        'demo',
        [
          { file: 'rule-a', rule: a },
          { file: 'rule-b', rule: b },
        ],
        [a, a, c],
      ),
    ).toEqual([
      'demo/catalog.ts lists rule-a twice',
      'demo/rule-b.ts exports rule-b, which demo/catalog.ts does not list',
      'demo/catalog.ts lists rule-c, which no file of the folder exports',
    ]);
    expect(catalogProblems('demo', [{ file: 'other-name', rule: a }], [a])).toEqual([
      'demo/other-name.ts exports rule-a: a rule file is named for its rule',
    ]);
  });

  it('every family catalog lists exactly the rules its folder exports, each once, each from the file of its name', async () => {
    const all = await families();
    expect(all.map((f) => f.name)).toEqual([
      'exposure',
      'graph',
      'hygiene',
      'identity',
      'network',
      'pod-security',
      'pss',
      'rbac',
      'resources',
      'secrets',
      'supply-chain',
    ]);
    expect(all.flatMap((f) => catalogProblems(f.name, f.ruleFiles, f.catalog))).toEqual([]);
  });

  it('the registry holds every family catalog and nothing else, each rule once', async () => {
    const fromCatalogs = (await families()).flatMap((f) => f.catalog.map((r) => r.id)).sort();
    expect(BUILTIN_RULES.map((r) => r.id).sort()).toEqual(fromCatalogs);
    expect(new Set(fromCatalogs).size).toBe(fromCatalogs.length);
    expect(fromCatalogs).toHaveLength(BUILTIN_RULES.length);
  });
});
