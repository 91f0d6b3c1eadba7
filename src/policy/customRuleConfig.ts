/**
 * `customRules:` of `.kubeward.yaml`: rules in CEL with the shapes of a ValidatingAdmissionPolicy
 * (variables, validations with message / messageExpression) so a rule moves between the two.
 * Only the shape is checked here; the expressions are compiled where the rules are built
 * (customRules.ts), so one bad expression is an error that names it and the rest still runs.
 */
import type { Node } from 'yaml';
import { yamlLib } from '../load/yamlLib.js';
import type { Reader } from './config.js';
import type { Severity } from './types.js';

export interface CustomRuleExpression {
  readonly expression: string;
  /** Where the expression is in the configuration file (1-based line), for compile errors. */
  readonly line?: number;
}

export interface CustomRuleVariable extends CustomRuleExpression {
  readonly name: string;
}

export interface CustomRuleValidation extends CustomRuleExpression {
  readonly message?: string;
  readonly messageExpression?: string;
  readonly messageExpressionLine?: number;
}

export interface CustomRuleMatch {
  /** Kinds (`Deployment`), or `*`; required. */
  readonly kinds: readonly string[];
  /** API groups (`''` for core, `apps`), or `*`; absent = every group. */
  readonly apiGroups?: readonly string[];
  /** Namespace names (a `*` glob allowed); absent = every namespace and cluster-scoped objects. */
  readonly namespaces?: readonly string[];
  /** A metav1.LabelSelector on the object's labels. */
  readonly labelSelector?: unknown;
}

export interface CustomRuleSpec {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly remediation: string;
  readonly match: CustomRuleMatch;
  readonly variables: readonly CustomRuleVariable[];
  readonly validations: readonly CustomRuleValidation[];
  /** The configuration file and the line of the rule's entry. */
  readonly file: string;
  readonly line?: number;
}

const RULE_KEYS = ['id', 'severity', 'title', 'remediation', 'match', 'variables', 'validations'];
const ID = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function lineOf(r: Reader, node: unknown): number | undefined {
  const offset = (node as Node | undefined)?.range?.[0];
  return offset !== undefined ? r.lines.linePos(offset).line : undefined;
}

function expressionOf(r: Reader, node: unknown, what: string): CustomRuleExpression {
  const expression = r.string(node, what);
  if (expression.trim() === '') r.fail(node as Node, `${what} must not be empty`);
  const line = lineOf(r, node);
  return { expression, ...(line !== undefined ? { line } : {}) };
}

function list(r: Reader, node: unknown, what: string): readonly unknown[] {
  if (!yamlLib().isSeq(node)) r.fail(node as Node, `${what} must be a list`);
  return node.items;
}

function readMatch(r: Reader, node: unknown, what: string): CustomRuleMatch {
  let kinds: string[] | undefined;
  const match: { apiGroups?: string[]; namespaces?: string[]; labelSelector?: unknown } = {};
  for (const [k, v] of r.entries(r.map(node, what), ['kinds', 'apiGroups', 'namespaces', 'labelSelector'], what)) {
    if (k === 'kinds') kinds = r.strings(v, `${what}.kinds`);
    else if (k === 'apiGroups') match.apiGroups = r.strings(v, `${what}.apiGroups`);
    else if (k === 'namespaces') match.namespaces = r.strings(v, `${what}.namespaces`);
    else match.labelSelector = (r.map(v, `${what}.labelSelector`)).toJSON() as unknown;
  }
  if (!kinds || kinds.length === 0) r.fail(node as Node, `${what} needs "kinds" (kind names, or ["*"])`);
  return { kinds, ...match };
}

/** Reads `customRules:`; `taken` are the ids of built-in rules, which a custom rule may not reuse. */
export function readCustomRules(r: Reader, node: unknown, taken: ReadonlySet<string>): CustomRuleSpec[] {
  const seen = new Set<string>();
  return list(r, node, 'customRules').map((item, i) => {
    const what = `customRules[${i}]`;
    const fields: Record<string, unknown> = {};
    const keyNodes: Record<string, Node> = {};
    for (const [k, v, keyNode] of r.entries(r.map(item, what), RULE_KEYS, what)) {
      fields[k] = v;
      keyNodes[k] = keyNode;
    }
    for (const required of ['id', 'severity', 'title', 'match', 'validations']) {
      if (!(required in fields)) r.fail(item as Node, `${what} needs "${required}"`);
    }
    const id = r.string(fields.id, `${what}.id`);
    if (!ID.test(id)) r.fail(fields.id as Node, `${what}.id must be kebab-case (lower case letters, digits and '-'), not "${id}"`);
    if (taken.has(id)) r.fail(fields.id as Node, `${what}.id "${id}" is the id of a built-in rule; choose another`);
    if (seen.has(id)) r.fail(fields.id as Node, `${what}.id "${id}" is used by an earlier custom rule`);
    seen.add(id);
    const variables = 'variables' in fields
      ? list(r, fields.variables, `${what}.variables`).map((v, j) => {
          const vw = `${what}.variables[${j}]`;
          let name: string | undefined;
          let expression: CustomRuleExpression | undefined;
          for (const [k, value] of r.entries(r.map(v, vw), ['name', 'expression'], vw)) {
            if (k === 'name') name = r.string(value, `${vw}.name`);
            else expression = expressionOf(r, value, `${vw}.expression`);
          }
          if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) r.fail(v as Node, `${vw} needs a "name" that is a CEL identifier`);
          if (!expression) r.fail(v as Node, `${vw} needs an "expression"`);
          return { name, ...expression };
        })
      : [];
    const validations = list(r, fields.validations, `${what}.validations`).map((v, j) => {
      const vw = `${what}.validations[${j}]`;
      let expression: CustomRuleExpression | undefined;
      const extra: { message?: string; messageExpression?: string; messageExpressionLine?: number } = {};
      for (const [k, value] of r.entries(r.map(v, vw), ['expression', 'message', 'messageExpression'], vw)) {
        if (k === 'expression') expression = expressionOf(r, value, `${vw}.expression`);
        else if (k === 'message') extra.message = r.string(value, `${vw}.message`);
        else {
          const m = expressionOf(r, value, `${vw}.messageExpression`);
          extra.messageExpression = m.expression;
          if (m.line !== undefined) extra.messageExpressionLine = m.line;
        }
      }
      if (!expression) r.fail(v as Node, `${vw} needs an "expression"`);
      return { ...expression, ...extra };
    });
    if (validations.length === 0) r.fail(fields.validations as Node, `${what}.validations must not be empty`);
    const line = lineOf(r, item);
    return {
      id,
      severity: r.severity(fields.severity, `${what}.severity`),
      title: r.string(fields.title, `${what}.title`),
      remediation: 'remediation' in fields ? r.string(fields.remediation, `${what}.remediation`) : '',
      match: readMatch(r, fields.match, `${what}.match`),
      variables,
      validations,
      file: r.file,
      ...(line !== undefined ? { line } : {}),
    };
  });
}
