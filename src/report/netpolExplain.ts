/**
 * Explanations of connections as text. `analyzer` is netpol-analyzer's `list --explain`
 * layout line for line (its expected outputs in ../shared/testdata/netpol); `txt` is the
 * same layout with where each deciding rule is written (file:line and field path of the
 * rule and of the peer that matched) and "not isolated (default allow)" for a side no
 * policy constrains.
 */
import type { SourceRef } from '../k8s/resource.js';
import { ConnectionSet, PROTOCOLS } from '../netpol/connectionSet.js';
import type { ExplainedPair, SideReason, SideRegion } from '../netpol/explain.js';
import type { Direction } from '../netpol/networkPolicy.js';

export type SourceOf = (kind: string, namespace: string | undefined, name: string) => SourceRef | undefined;

const RULE = '-'.repeat(160);

/** netpol-analyzer's connection form in explanations: `TCP, UDP:[1-52,54-65535], SCTP`. */
export function explainConns(conns: ConnectionSet): string {
  return PROTOCOLS.flatMap((p) => {
    const ranges = conns.rangesOf(p);
    if (ranges.length === 0) return [];
    if (ranges.length === 1 && ranges[0]![0] === 1 && ranges[0]![1] === 65535) return [p];
    return [`${p}:[${ranges.map(([s, e]) => (s === e ? `${s}` : `${s}-${e}`)).join(',')}]`];
  }).join(', ');
}

function title(direction: Direction): string {
  return direction === 'ingress' ? 'Ingress' : 'Egress';
}

function reasonText(reason: SideReason, direction: Direction, subject: string, peer: string): string {
  const dir = title(direction);
  switch (reason.kind) {
    case 'default':
      return 'the system default (Allow all)';
    case 'admin': {
      const verb = { Allow: 'allows', Deny: 'denies', Pass: 'passes' }[reason.rule.action];
      return `${reason.policy.kind} '${reason.policy.name}' ${verb} connections by ${dir} rule ${reason.rule.name}`;
    }
    case 'allow':
      return `NetworkPolicy '${reason.policy.namespace}/${reason.policy.name}' allows connections by ${dir} rule #${reason.rule.number}`;
    case 'not-selected':
      return (
        `NetworkPolicy '${reason.policy.namespace}/${reason.policy.name}' selects ${subject}, but ${peer} is not allowed by any ${dir} rule` +
        (reason.noRules ? ' (no rules defined)' : '')
      );
    case 'ports':
      return (
        `NetworkPolicy '${reason.policy.namespace}/${reason.policy.name}' selects ${subject}, and ${dir} rule #${reason.rule.number} selects ${peer}, but ` +
        (reason.named
          ? 'named ports of the rule have no match in the configuration of the destination peer'
          : 'the protocols and ports do not match')
      );
  }
}

function defaultText(subject: string, direction: Direction): string {
  return subject.endsWith('[External]')
    ? 'addresses outside the cluster have no policies (default allow)'
    : `${subject} is not isolated for ${direction} (default allow)`;
}

/** ` (file:line, spec.ingress[0].from[1])` for a rule of a policy, when its source is known. */
function locationOf(reason: SideReason, sourceOf: SourceOf): string {
  if (reason.kind === 'default') return '';
  const policy = reason.policy;
  const namespace = 'namespace' in policy ? policy.namespace : undefined;
  const source = sourceOf('kind' in policy ? policy.kind : 'NetworkPolicy', namespace, policy.name);
  const path =
    reason.kind === 'not-selected'
      ? 'spec.podSelector'
      : reason.kind === 'admin'
        ? reason.rule.path
        : reason.peer !== undefined
          ? `${reason.rule.path}.${reason.rule.path.includes('ingress') ? 'from' : 'to'}[${reason.peer}]`
          : reason.rule.path;
  const at = source !== undefined ? `${source.file}:${source.line}, ` : '';
  return ` (${at}${path})`;
}

function sideLines(
  region: SideRegion,
  direction: Direction,
  subject: string,
  peer: string,
  sourceOf: SourceOf | undefined,
): string[] {
  const verdict = `${title(direction)} (${region.allowed ? 'Allowed' : 'Denied'})`;
  const reasons = region.reasons.filter((r) => r.kind !== 'default');
  if (reasons.length === 0) {
    return [
      sourceOf !== undefined
        ? `\t\t${verdict}: ${defaultText(subject, direction)}`
        : `\t\t${verdict} due to the system default (Allow all)`,
    ];
  }
  return [
    `\t\t${verdict}`,
    ...region.reasons.map(
      (r) =>
        `\t\t\t${reasonText(r, direction, subject, peer)}${sourceOf !== undefined ? locationOf(r, sourceOf) : ''}`,
    ),
  ];
}

export interface ExplainRenderOptions {
  /** Only the allowed or only the denied connections (netpol-analyzer `--explain-only`). */
  readonly only?: 'allow' | 'deny';
  /** Locations of the deciding rules (kubeward's `txt`); absent: netpol-analyzer's layout exactly. */
  readonly sourceOf?: SourceOf;
}

/** One pair's block: `Connections between S => D:`, then the allowed and the denied groups. */
export function formatExplainedPair(pair: ExplainedPair, options: ExplainRenderOptions = {}): string {
  const section = (allowed: boolean) => {
    const word = allowed ? 'Allowed' : 'Denied';
    const groups = pair.groups.filter((g) => g.allowed === allowed);
    if (groups.length === 0) return [];
    return [
      [
        `${word} connections:`,
        ...groups.flatMap((g) => [
          `\t${word} ${explainConns(g.conns)} due to the following policies and rules:`,
          ...sideLines(g.egress, 'egress', pair.src, pair.dst, options.sourceOf),
          ...sideLines(g.ingress, 'ingress', pair.dst, pair.src, options.sourceOf),
        ]),
      ].join('\n') + '\n',
    ];
  };
  const sections = [
    ...(options.only !== 'deny' ? section(true) : []),
    ...(options.only !== 'allow' ? section(false) : []),
  ];
  return `${RULE}\nConnections between ${pair.src} => ${pair.dst}:\n\n${sections.join('\n')}\n`;
}

function banner(text: string): string {
  const line = '#'.repeat(text.length + 4);
  return `${line}\n# ${text} #\n${line}\n`;
}

/**
 * netpol-analyzer's whole explanation: every pair some policy decides, then the pairs only
 * the system default decides (both sides not isolated), sorted by source then destination.
 */
export function formatExplanation(
  pairs: readonly ExplainedPair[],
  defaultOnly: readonly { readonly src: string; readonly dst: string }[],
  options: ExplainRenderOptions = {},
): string {
  const shown = pairs.filter((p) =>
    p.groups.some((g) =>
      options.only === 'allow' ? g.allowed : options.only === 'deny' ? !g.allowed : true,
    ),
  );
  let out = '';
  if (shown.length > 0) {
    out += `\n${banner('Specific connections and their reasons')}`;
    out += shown.map((p) => formatExplainedPair(p, options)).join('');
  }
  if (defaultOnly.length > 0 && options.only !== 'deny') {
    out += `\n${banner('All Connections due to the system default (Allow all)')}`;
    out += defaultOnly.map((p) => `${p.src} => ${p.dst}\n`).join('');
  }
  return out;
}

/** The JSON form of one explained pair (`kubeward netpol explain -f json`, schemaVersion 1). */
export function explanationJson(
  pair: ExplainedPair,
  located: { readonly sourceOf: SourceOf },
): Record<string, unknown> {
  const side = (region: SideRegion, direction: Direction, subject: string, peer: string) => ({
    verdict: region.allowed ? 'allowed' : 'denied',
    reasons: region.reasons.map((r) => {
      const text = reasonText(r, direction, subject, peer);
      if (r.kind === 'default') return { kind: 'default', text: defaultText(subject, direction) };
      const policy = r.policy;
      const namespace = 'namespace' in policy ? policy.namespace : undefined;
      const kind = 'kind' in policy ? policy.kind : 'NetworkPolicy';
      const source = located.sourceOf(kind, namespace, policy.name);
      return {
        kind: r.kind,
        policy: {
          kind,
          ...(namespace !== undefined ? { namespace } : {}),
          name: policy.name,
          ...(source !== undefined ? { file: source.file, line: source.line } : {}),
        },
        ...(r.kind !== 'not-selected'
          ? {
              rule: {
                path: r.rule.path,
                ...(r.kind === 'admin'
                  ? { name: r.rule.name, action: r.rule.action }
                  : { number: r.rule.number }),
              },
            }
          : {}),
        ...((r.kind === 'allow' || r.kind === 'ports') && r.peer !== undefined ? { peer: r.peer } : {}),
        text,
      };
    }),
  });
  const allowed = pair.groups
    .filter((g) => g.allowed)
    .reduce((acc, g) => acc.union(g.conns), ConnectionSet.none);
  return {
    schemaVersion: '1',
    src: pair.src,
    dst: pair.dst,
    allowed: allowed.toString(),
    groups: pair.groups.map((g) => ({
      verdict: g.allowed ? 'allowed' : 'denied',
      connections: g.conns.toString(),
      egress: side(g.egress, 'egress', pair.src, pair.dst),
      ingress: side(g.ingress, 'ingress', pair.dst, pair.src),
    })),
  };
}
