/**
 * Baseline `sysctls` (policy/check_sysctls.go): every
 * `spec.securityContext.sysctls[].name` must be in the "safe" set (namespaced and
 * isolated between pods), which grows with the policy version. Values are not checked.
 */
import { asRecord } from '../../k8s/shape.js';
import { specPath, stringField } from '../podView.js';
import type { CheckFn, CheckOutcome, PodView, PssCheck } from '../types.js';

const REASON = 'forbidden sysctls';

const SAFE_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_1_29 = [
  ...SAFE_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SAFE_1_37 = [...SAFE_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

/** The safe set of the newest policy version, for checks that are not version-pinned. */
export const NEWEST_SAFE_SYSCTLS: readonly string[] = SAFE_1_37;

function sysctlsWith(safeNames: readonly string[]): CheckFn {
  const safe: ReadonlySet<string> = new Set(safeNames);
  return function sysctls(pod: PodView): CheckOutcome | undefined {
    const list = pod.podSecurityContext?.sysctls;
    if (!Array.isArray(list)) return undefined;
    let names: string[] | undefined;
    let first = -1;
    for (let i = 0; i < list.length; i++) {
      const entry = asRecord(list[i]);
      if (entry === undefined) continue;
      const name = stringField(entry, 'name');
      if (safe.has(name)) continue;
      (names ??= []).push(name);
      if (first < 0) first = i;
    }
    if (names === undefined) return undefined;
    // Listed in the order written, duplicates included (upstream `Violations`, not a set).
    const detail = names.join(', ');
    return {
      reason: REASON,
      detail,
      items: [{ path: specPath(pod, 'securityContext', 'sysctls', first, 'name'), reason: REASON, detail }],
    };
  };
}

export const sysctlsCheck: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  revisions: [
    { minVersion: 0, evaluate: sysctlsWith(SAFE_1_0) },
    { minVersion: 27, evaluate: sysctlsWith(SAFE_1_27) },
    { minVersion: 29, evaluate: sysctlsWith(SAFE_1_29) },
    { minVersion: 32, evaluate: sysctlsWith(SAFE_1_32) },
    { minVersion: 37, evaluate: sysctlsWith(SAFE_1_37) },
  ],
};
