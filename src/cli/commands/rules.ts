/** `kubeward rules [id]`: the catalog, or one rule's documentation. */
import { UsageError } from '../../errors.js';
import { BUILTIN_RULES, ruleById } from '../../policy/registry.js';
import { controlIndex } from '../../policy/frameworks.js';
import { parseFramework, unknownRuleMessage } from '../../policy/ruleSelection.js';
import {
  controlListJson,
  renderControlList,
  renderRuleDoc,
  renderRuleList,
  renderRuleTable,
  ruleJson,
} from '../../report/ruleDocs.js';
import type { CliIo } from '../io.js';

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

export function runRules(
  id: string | undefined,
  flags: { format: string; framework?: string },
  io: CliIo,
): number {
  if (flags.framework !== undefined) {
    if (id !== undefined) throw new UsageError('give a rule id or --framework, not both');
    const framework = parseFramework(flags.framework);
    const controls = controlIndex(framework, BUILTIN_RULES);
    if (flags.format === 'json') io.stdout(json(controlListJson(framework, controls)));
    else io.stdout(renderControlList(framework, controls, flags.format === 'markdown', io.color));
    return 0;
  }
  if (id !== undefined) {
    const rule = ruleById(id);
    if (!rule) throw new UsageError(unknownRuleMessage(id));
    io.stdout(flags.format === 'json' ? json(ruleJson(rule)) : renderRuleDoc(rule, io.color));
    return 0;
  }
  switch (flags.format) {
    case 'json':
      io.stdout(json(BUILTIN_RULES.map(ruleJson)));
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
