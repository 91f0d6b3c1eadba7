/**
 * Baseline `seLinuxOptions` (policy/check_seLinuxOptions.go). In the pod's and each
 * container's `securityContext.seLinuxOptions`: `type` must be empty or a container
 * type (`container_engine_t` allowed from v1.31), `user` and `role` must be empty;
 * `level` is not checked.
 */
import type { JsonRecord } from '../../k8s/shape.js';
import { containerPath, recordField, specPath, stringField } from '../podView.js';
import type { CheckFn, CheckOutcome, PodView, PssCheck, ViolationItem } from '../types.js';
import { containersPhrase, joinQuote, pluralize, sortedSet } from '../wording.js';

const REASON = 'seLinuxOptions';
const TYPES_1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const TYPES_1_31: ReadonlySet<string> = new Set([...TYPES_1_0, 'container_engine_t']);

interface Problems {
  types?: string[];
  user?: boolean;
  role?: boolean;
  /** The first offending field, for the item's path. */
  field?: 'type' | 'user' | 'role';
}

/** Records what is wrong with one seLinuxOptions into `into`; true when something is. */
function inspect(opts: JsonRecord, allowed: ReadonlySet<string>, into: Problems): boolean {
  let bad = false;
  const type = stringField(opts, 'type');
  if (!allowed.has(type)) {
    (into.types ??= []).push(type);
    into.field ??= 'type';
    bad = true;
  }
  if (stringField(opts, 'user') !== '') {
    into.user = true;
    into.field ??= 'user';
    bad = true;
  }
  if (stringField(opts, 'role') !== '') {
    into.role = true;
    into.field ??= 'role';
    bad = true;
  }
  return bad;
}

function describe(setters: string, p: Problems): string {
  const data: string[] = [];
  if (p.types !== undefined) {
    const types = sortedSet(p.types);
    data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
  }
  if (p.user === true) data.push('user may not be set');
  if (p.role === true) data.push('role may not be set');
  return `${setters} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`;
}

function seLinuxOptionsWith(allowed: ReadonlySet<string>): CheckFn {
  return function seLinuxOptions(pod: PodView): CheckOutcome | undefined {
    let all: Problems | undefined;
    let items: ViolationItem[] | undefined;
    let podBad = false;
    const podOpts = recordField(pod.podSecurityContext, 'seLinuxOptions');
    if (podOpts !== undefined) {
      const own: Problems = {};
      if (inspect(podOpts, allowed, own)) {
        inspect(podOpts, allowed, (all ??= {}));
        podBad = true;
        (items ??= []).push({
          path: specPath(pod, 'securityContext', 'seLinuxOptions', own.field!),
          reason: REASON,
          detail: describe('pod', own),
        });
      }
    }
    let badContainers: string[] | undefined;
    for (const c of pod.containers) {
      const opts = recordField(c.securityContext, 'seLinuxOptions');
      if (opts === undefined) continue;
      const own: Problems = {};
      if (!inspect(opts, allowed, own)) continue;
      inspect(opts, allowed, (all ??= {}));
      (badContainers ??= []).push(c.name);
      (items ??= []).push({
        container: c.name,
        path: containerPath(pod, c, 'securityContext', 'seLinuxOptions', own.field!),
        reason: REASON,
        detail: describe(containersPhrase([c.name]), own),
      });
    }
    if (items === undefined) return undefined;
    const setters: string[] = [];
    if (podBad) setters.push('pod');
    if (badContainers !== undefined) setters.push(containersPhrase(badContainers));
    return { reason: REASON, detail: describe(setters.join(' and '), all!), items };
  };
}

export const seLinuxOptionsCheck: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  revisions: [
    { minVersion: 0, evaluate: seLinuxOptionsWith(TYPES_1_0) },
    // Upstream `selinuxAllowedTypes1_31`: container_engine_t joins the allowed container types.
    { minVersion: 31, evaluate: seLinuxOptionsWith(TYPES_1_31) },
  ],
};
