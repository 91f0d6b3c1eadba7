/** `kubeward rules [id]`: the catalog, or one rule's documentation. */
import { UsageError } from '../../errors.js';
import { BUILTIN_RULES, ruleById } from '../../policy/registry.js';
import { controlIndex, FRAMEWORKS } from '../../policy/frameworks.js';
import { renderControlList, renderRuleDoc, renderRuleList, renderRuleTable } from '../../report/ruleDocs.js';
import type { CliIo } from '../io.js';
import { parseFramework, unknownRuleMessage } from '../ruleSelection.js';

export function runRules(
  id: string | undefined,
  flags: { format: string; framework?: string },
  io: CliIo,
): number {
  if (flags.framework !== undefined) {
    if (id !== undefined) throw new UsageError('give a rule id or --framework, not both');
    const framework = parseFramework(flags.framework);
    const controls = controlIndex(framework, BUILTIN_RULES);
    if (flags.format === 'json') {
      const json = controls.map(([control, rules]) => ({ id: control, rules: rules.map((r) => r.id) }));
      io.stdout(JSON.stringify({ framework, name: FRAMEWORKS[framework], controls: json }, null, 2) + '\n');
    } else io.stdout(renderControlList(framework, controls, flags.format === 'markdown', io.color));
    return 0;
  }
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
