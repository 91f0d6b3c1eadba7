// Regenerates the rule table in README.md from rule metadata (run: npm run docs).
import { readFileSync, writeFileSync } from 'node:fs';
import { BUILTIN_RULES } from '../dist/policy/registry.js';
import { renderRuleTable } from '../dist/report/ruleDocs.js';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const start = '<!-- rules:start -->\n';
const end = '<!-- rules:end -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a === -1 || b === -1)
  throw new Error('README.md has no <!-- rules:start --> / <!-- rules:end --> markers');
writeFileSync(file, readme.slice(0, a + start.length) + renderRuleTable(BUILTIN_RULES) + readme.slice(b));
console.log(`README.md: ${BUILTIN_RULES.length} rules`);
