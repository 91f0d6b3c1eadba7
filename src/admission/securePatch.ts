/**
 * Secure defaults as an RFC 6902 JSON Patch on a pod spec: what restricted Pod Security
 * asks for and a workload rarely depends on. Only fields left unset are filled, so the
 * patch never overrides a choice the author made (an explicit `Unconfined` stays, and
 * validation then reports it), and applying the patch and reviewing again yields an empty
 * patch (`reinvocationPolicy: IfNeeded` is safe). Never a patch the API server would
 * reject (apis/core/validation):
 * - `allowPrivilegeEscalation: false` is not set on a privileged container or one adding
 *   `CAP_SYS_ADMIN` ("cannot set allowPrivilegeEscalation to false and privileged to true").
 * - Linux-only fields are not set on pods with `spec.os.name: windows`.
 * Left out on purpose: `runAsNonRoot: true` (valid to the API server, but a pod whose image
 * runs as root then fails to start), and `automountServiceAccountToken: false` (whether the
 * workload needs its token is RBAC knowledge the webhook's request does not carry).
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import type { PodTemplate } from '../k8s/podSpec.js';
import { asArray, asRecord, asString, type JsonRecord } from '../k8s/shape.js';

export interface PatchOperation {
  readonly op: 'add';
  readonly path: string;
  readonly value: unknown;
}

/** RFC 6901 pointer of a field path. */
export function jsonPointer(path: FieldPath): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function addsSysAdmin(sc: JsonRecord | undefined): boolean {
  return asArray(asRecord(sc?.capabilities)?.add).some((c) => c === 'SYS_ADMIN' || c === 'CAP_SYS_ADMIN');
}

/**
 * Sets `value` at `path` under `base` (whose current value is `holder`): adds the missing
 * field, creating the missing maps on the way in one operation.
 */
function setMissing(
  ops: PatchOperation[],
  holder: JsonRecord | undefined,
  base: FieldPath,
  keys: readonly string[],
  value: unknown,
): void {
  let cur = holder;
  let i = 0;
  while (cur !== undefined && i < keys.length - 1) {
    const next = asRecord(cur[keys[i]!]);
    if (next === undefined) break;
    cur = next;
    i++;
  }
  if (cur === undefined) return; // the base itself is missing: the caller adds from higher up
  if (i === keys.length - 1 && cur[keys[i]!] !== undefined) return;
  let v = value;
  for (let j = keys.length - 1; j > i; j--) v = { [keys[j]!]: v };
  ops.push({ op: 'add', path: jsonPointer([...base, ...keys.slice(0, i + 1)]), value: v });
}

/** The JSON Patch giving a pod template secure defaults where it leaves them unset; empty when nothing is missing. */
export function securePatch(template: PodTemplate): PatchOperation[] {
  const ops: PatchOperation[] = [];
  const spec = template.spec;
  if (asString(asRecord(spec.os)?.name) === 'windows') return ops;
  const sc = asRecord(spec.securityContext);
  if (sc === undefined)
    ops.push({
      op: 'add',
      path: jsonPointer([...template.specPath, 'securityContext']),
      value: { seccompProfile: { type: 'RuntimeDefault' } },
    });
  else
    setMissing(ops, sc, [...template.specPath, 'securityContext'], ['seccompProfile'], {
      type: 'RuntimeDefault',
    });

  for (const list of ['initContainers', 'containers'] as const) {
    const containers = asArray(spec[list]);
    containers.forEach((item, index) => {
      const c = asRecord(item);
      if (c === undefined) return;
      const base: FieldPath = [...template.specPath, list, index, 'securityContext'];
      const csc = asRecord(c.securityContext);
      const privileged = csc?.privileged === true;
      const wanted: JsonRecord = {};
      if (!privileged && !addsSysAdmin(csc)) wanted.allowPrivilegeEscalation = false;
      if (!privileged) wanted.capabilities = { drop: ['ALL'] };
      if (csc === undefined) {
        if (Object.keys(wanted).length > 0) ops.push({ op: 'add', path: jsonPointer(base), value: wanted });
        return;
      }
      if (wanted.allowPrivilegeEscalation !== undefined)
        setMissing(ops, csc, base, ['allowPrivilegeEscalation'], false);
      if (wanted.capabilities !== undefined) {
        const caps = asRecord(csc.capabilities);
        const drop = caps?.drop;
        if (caps === undefined || drop === undefined)
          setMissing(ops, csc, base, ['capabilities', 'drop'], ['ALL']);
        else if (Array.isArray(drop) && !drop.includes('ALL'))
          ops.push({ op: 'add', path: `${jsonPointer([...base, 'capabilities', 'drop'])}/-`, value: 'ALL' });
      }
    });
  }
  return ops;
}

/** Applies `add` operations (what `securePatch` emits) to a copy of the document. */
export function applyPatch(document: unknown, ops: readonly PatchOperation[]): unknown {
  const root: unknown = structuredClone(document);
  for (const op of ops) {
    const keys = op.path
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    let cur: unknown = root;
    for (const k of keys.slice(0, -1)) cur = Array.isArray(cur) ? cur[Number(k)] : asRecord(cur)?.[k];
    const last = keys[keys.length - 1]!;
    if (Array.isArray(cur)) {
      if (last === '-') cur.push(op.value);
      else cur.splice(Number(last), 0, op.value);
    } else {
      const rec = asRecord(cur);
      if (rec === undefined) throw new RangeError(`JSON Patch path ${op.path} does not exist`);
      rec[last] = op.value;
    }
  }
  return root;
}
