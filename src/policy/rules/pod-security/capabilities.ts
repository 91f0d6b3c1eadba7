/**
 * Linux capability names in `securityContext.capabilities`, read the way the
 * container runtimes read them rather than the way Pod Security Admission compares
 * them (PSA matches the exact strings; these rules are about what the process gets).
 *
 * What the runtimes do with a name (CRI `LinuxContainerSecurityContext.capabilities`):
 * - containerd (`WithCapabilities`, internal/cri/opts/spec_linux_opts.go) upper-cases
 *   each name and prepends `CAP_`; `ALL` is matched case-insensitively.
 * - CRI-O (`SpecSetupCapabilities`, internal/factory/container/container.go) also
 *   matches `ALL` case-insensitively and prepends `CAP_` only when the name does not
 *   already start with it (any case).
 *
 * So `sys_admin`, `SYS_ADMIN` and (on CRI-O) `CAP_SYS_ADMIN` all grant CAP_SYS_ADMIN,
 * but on containerd `CAP_SYS_ADMIN` becomes the unknown `CAP_CAP_SYS_ADMIN`. We stay
 * on the safe side of that difference in both directions:
 * - an ADDED name counts case-insensitively and with or without `CAP_` (it grants the
 *   capability on at least one runtime);
 * - a DROPPED name counts case-insensitively but only WITHOUT `CAP_` (with the prefix
 *   it drops nothing on containerd, the most common runtime).
 */
import { BASELINE_CAPABILITIES } from '../../../pss/checks/capabilitiesBaseline.js';
import type { FieldPath } from '../../../k8s/fieldPath.js';
import type { EffectiveSecurityContext } from '../../../k8s/securityContext.js';
import { asArray } from '../../../k8s/shape.js';

/** One entry of `capabilities.add` or `capabilities.drop`. */
export interface CapabilityEntry {
  /** Canonical name: upper case, without the `CAP_` prefix (`SYS_ADMIN`, `ALL`). */
  readonly name: string;
  /** As written in the manifest. */
  readonly raw: string;
  /** Absolute path of the entry (`…capabilities.add[2]`). */
  readonly path: FieldPath;
  /** True when written with a `CAP_` prefix (any case). */
  readonly prefixed: boolean;
}

/** `sys_admin`, `SYS_ADMIN`, `cap_sys_admin`, `CAP_SYS_ADMIN` → `SYS_ADMIN`. */
export function canonicalCapability(raw: string): string {
  const upper = raw.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

function entries(sc: EffectiveSecurityContext, list: 'add' | 'drop'): CapabilityEntry[] {
  const caps = sc.capabilities;
  if (caps === undefined) return [];
  const out: CapabilityEntry[] = [];
  const items = asArray(caps.value[list]);
  for (let i = 0; i < items.length; i++) {
    const raw = items[i];
    if (typeof raw !== 'string') continue;
    out.push({
      name: canonicalCapability(raw),
      raw,
      path: [...caps.path, list, i],
      prefixed: raw.toUpperCase().startsWith('CAP_'),
    });
  }
  return out;
}

/**
 * The capabilities a container adds, each canonical name once (its first entry), in
 * manifest order. Non-string entries are skipped (the shape check reports them).
 */
export function addedCapabilities(sc: EffectiveSecurityContext): CapabilityEntry[] {
  const seen = new Set<string>();
  return entries(sc, 'add').filter((e) => {
    if (seen.has(e.name)) return false;
    seen.add(e.name);
    return true;
  });
}

/** Every entry of `capabilities.drop`, as written. */
export function dropEntries(sc: EffectiveSecurityContext): CapabilityEntry[] {
  return entries(sc, 'drop');
}

/**
 * True when the container's drop list removes `name` (canonical): it lists `ALL` or
 * the name itself, in any case, without a `CAP_` prefix (see the module comment).
 */
export function dropsCapability(sc: EffectiveSecurityContext, name: string): boolean {
  return dropEntries(sc).some((e) => !e.prefixed && (e.name === 'ALL' || e.name === name));
}

/**
 * Capabilities the Pod Security Standards baseline level allows a container to add
 * (pod-security-admission `check_capabilities_baseline.go`, unchanged since v1.0).
 */
export const PSS_BASELINE_CAPABILITIES: ReadonlySet<string> = BASELINE_CAPABILITIES;

/**
 * Capabilities that `caps-dangerous-add` reports, with what each gives an attacker.
 * SYS_ADMIN and ALL are deliberately absent: `cap-sys-admin` reports them.
 * The list is Kubescape's `insecureCapabilities` (regolibrary
 * `default-config-inputs.json`) plus DAC_READ_SEARCH (the "Shocker" escape), minus
 * SETPCAP: it is in the PSS baseline set and in the runtimes' default set, and since
 * Linux 2.6.24 it only changes the process's own bounding and inheritable sets.
 */
export const DANGEROUS_CAPABILITIES: ReadonlyMap<string, string> = new Map([
  ['NET_ADMIN', 'reconfigure interfaces, routes and iptables of the network namespace'],
  ['NET_RAW', 'craft raw packets: ARP/DNS spoofing of neighbouring pods'],
  ['SYS_MODULE', 'load kernel modules: code execution in the host kernel'],
  ['SYS_PTRACE', 'trace and inject code into other processes'],
  ['SYS_RAWIO', 'raw I/O to devices and kernel memory'],
  ['SYS_BOOT', 'reboot the host and load a new kernel (kexec)'],
  ['BPF', 'load eBPF programs into the host kernel'],
  ['PERFMON', 'kernel performance monitoring, a kernel-memory side channel'],
  ['MAC_ADMIN', 'change the AppArmor/SELinux policy'],
  ['MAC_OVERRIDE', 'bypass the AppArmor/SELinux policy'],
  ['DAC_READ_SEARCH', 'open files by handle: read host files (the "Shocker" escape)'],
]);

/**
 * The `capabilities.add` entry that grants CAP_SYS_ADMIN — `SYS_ADMIN` in any
 * spelling, or `ALL`, which includes it — or undefined. cap-sys-admin reports it;
 * the other capability rules leave it alone.
 */
export function sysAdminGrant(sc: EffectiveSecurityContext): CapabilityEntry | undefined {
  return addedCapabilities(sc).find((e) => e.name === 'SYS_ADMIN' || e.name === 'ALL');
}
