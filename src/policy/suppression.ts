/**
 * In-manifest suppressions: the annotation
 *   kubeward.io/ignore: "<rule-id>[,<rule-id>…]: <reason>"
 * on the resource or on its pod template. `<rule-id>[<container>]` limits a
 * suppression to one container. Several clauses may be separated by `;` or new lines.
 * A reason is required: a suppression without one is an error and is not applied.
 */
export const IGNORE_ANNOTATION = 'kubeward.io/ignore';

export interface Suppression {
  readonly ruleId: string;
  /** When set, only reports about this container are suppressed. */
  readonly container?: string;
  readonly reason: string;
}

export interface ParsedSuppressions {
  readonly suppressions: Suppression[];
  readonly errors: string[];
}

const TARGET = /^([a-z0-9][a-z0-9-]*|\*)(?:\[([^\]]+)\])?$/;

export function parseSuppressions(value: string): ParsedSuppressions {
  const suppressions: Suppression[] = [];
  const errors: string[] = [];
  for (const clause of value.split(/[;\n]/)) {
    const text = clause.trim();
    if (text === '') continue;
    const colon = text.indexOf(':');
    const reason = colon === -1 ? '' : text.slice(colon + 1).trim();
    const targets = colon === -1 ? text : text.slice(0, colon);
    if (reason === '') {
      errors.push(
        `${IGNORE_ANNOTATION} "${text}" has no reason; write "<rule-id>: <why this is acceptable>"`,
      );
      continue;
    }
    for (const raw of targets.split(',')) {
      const target = raw.trim();
      const m = TARGET.exec(target);
      if (!m) {
        errors.push(`${IGNORE_ANNOTATION}: "${target}" is not a rule id (or rule-id[container])`);
        continue;
      }
      suppressions.push({ ruleId: m[1]!, ...(m[2] !== undefined ? { container: m[2] } : {}), reason });
    }
  }
  return { suppressions, errors };
}

/** The suppression that silences a report, if any. `*` as the rule id silences every rule. */
export function findSuppression(
  suppressions: readonly Suppression[],
  ruleId: string,
  container: string | undefined,
): Suppression | undefined {
  return suppressions.find(
    (s) =>
      (s.ruleId === ruleId || s.ruleId === '*') && (s.container === undefined || s.container === container),
  );
}
