/** `kubeward rules [id]`: the catalog, or one rule's documentation. */
import { UsageError } from '../../errors.js';
import { BUILTIN_RULES, ruleById } from '../../policy/registry.js';
import { renderRuleDoc, renderRuleList, renderRuleTable } from '../../report/ruleDocs.js';
import type { CliIo } from '../io.js';
import { unknownRuleMessage } from '../ruleSelection.js';

export function runRules(id: string | undefined, flags: { format: string }, io: CliIo): number {
  if (id !== undefined) {
    const rule = ruleById(id);
    if (!rule) throw new UsageError(unknownRuleMessage(id));
    if (flags.format === 'json') io.stdout(JSON.stringify(toJson(rule), null, 2) + '\n');
    else io.stdout(renderRuleDoc(rule, io.color));
    return 0;
  }
  switch (flags.format) {
    case 'json':
      io.stdout(JSON.stringify(BUILTIN_RULES.map(toJson), null, 2) + '\n');
      return 0;
    case 'markdown':
      io.stdout(renderRuleTable(BUILTIN_RULES));
      return 0;
    case 'text':
      io.stdout(renderRuleList(BUILTIN_RULES, io.color));
      return 0;
    default:
      throw new UsageError(`--format must be text, json or markdown, not "${flags.format}"`);
  }
}

function toJson(r: (typeof BUILTIN_RULES)[number]) {
  const { check: _check, ...meta } = r;
  return meta;
}
