/**
 * The pss rules, in the order `kubeward rules` lists them: one rule per Pod Security
 * Standards check, baseline controls first, each named after its PSS control.
 *
 * Baseline/restricted variants of a control share a rule when the attacker gains the
 * same and the finding reads the same (seccomp: Unconfined or unset; procMount: the same
 * setting with or without the user-namespace exemption). Capabilities keep two rules:
 * adding SYS_ADMIN (baseline, high) is a different risk from not dropping the default
 * set (restricted, medium). hostPath and the restricted volume allow-list are separate
 * PSS controls with separate rules.
 */
import type { CheckId } from '../../../pss/types.js';
import type { Rule } from '../../types.js';
import { pssAllowPrivilegeEscalation } from './pss-allow-privilege-escalation.js';
import { pssApparmor } from './pss-apparmor.js';
import { pssCapabilities } from './pss-capabilities.js';
import { pssCapabilitiesRestricted } from './pss-capabilities-restricted.js';
import { pssHostNamespaces } from './pss-host-namespaces.js';
import { pssHostPathVolumes } from './pss-host-path-volumes.js';
import { pssHostPorts } from './pss-host-ports.js';
import { pssHostProbesLifecycle } from './pss-host-probes-lifecycle.js';
import { pssPrivileged } from './pss-privileged.js';
import { pssProcMount } from './pss-proc-mount.js';
import { pssRestrictedVolumes } from './pss-restricted-volumes.js';
import { pssRunAsNonRoot } from './pss-run-as-non-root.js';
import { pssRunAsUser } from './pss-run-as-user.js';
import { pssSeccomp } from './pss-seccomp.js';
import { pssSelinux } from './pss-selinux.js';
import { pssSysctls } from './pss-sysctls.js';
import { pssWindowsHostProcess } from './pss-windows-host-process.js';

export const pssRules: readonly Rule[] = [
  pssPrivileged,
  pssWindowsHostProcess,
  pssHostNamespaces,
  pssHostPathVolumes,
  pssCapabilities,
  pssHostPorts,
  pssHostProbesLifecycle,
  pssApparmor,
  pssSelinux,
  pssSeccomp,
  pssProcMount,
  pssSysctls,
  pssRestrictedVolumes,
  pssAllowPrivilegeEscalation,
  pssCapabilitiesRestricted,
  pssRunAsNonRoot,
  pssRunAsUser,
];

/** The rule that reports each upstream check. */
export const PSS_RULE_FOR_CHECK: Readonly<Record<CheckId, string>> = {
  privileged: pssPrivileged.id,
  windowsHostProcess: pssWindowsHostProcess.id,
  hostNamespaces: pssHostNamespaces.id,
  hostPathVolumes: pssHostPathVolumes.id,
  capabilities_baseline: pssCapabilities.id,
  hostPorts: pssHostPorts.id,
  hostProbesAndHostLifecycle: pssHostProbesLifecycle.id,
  appArmorProfile: pssApparmor.id,
  seLinuxOptions: pssSelinux.id,
  seccompProfile_baseline: pssSeccomp.id,
  seccompProfile_restricted: pssSeccomp.id,
  procMount: pssProcMount.id,
  procMount_restricted: pssProcMount.id,
  sysctls: pssSysctls.id,
  restrictedVolumes: pssRestrictedVolumes.id,
  allowPrivilegeEscalation: pssAllowPrivilegeEscalation.id,
  capabilities_restricted: pssCapabilitiesRestricted.id,
  runAsNonRoot: pssRunAsNonRoot.id,
  runAsUser: pssRunAsUser.id,
};
