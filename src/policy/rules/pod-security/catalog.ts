/**
 * The pod-security rules, in the order `kubeward rules` lists them: privilege and
 * host namespaces first, then identity, capabilities, kernel confinement, host
 * paths, and the opinionated checks last.
 */
import type { Rule } from '../../types.js';
import { allowPrivilegeEscalation } from './allow-privilege-escalation.js';
import { apparmorUnconfined } from './apparmor-unconfined.js';
import { capSysAdmin } from './cap-sys-admin.js';
import { capsAddOutsideBaseline } from './caps-add-outside-baseline.js';
import { capsDangerousAdd } from './caps-dangerous-add.js';
import { capsNotDropAll } from './caps-not-drop-all.js';
import { controlPlaneHostAccess } from './control-plane-host-access.js';
import { controlPlanePlacement } from './control-plane-placement.js';
import { emptySecurityContext } from './empty-security-context.js';
import { hostIpc } from './host-ipc.js';
import { hostNetwork } from './host-network.js';
import { hostPid } from './host-pid.js';
import { hostPort } from './host-port.js';
import { hostpathCloudCreds } from './hostpath-cloud-creds.js';
import { hostpathSensitive } from './hostpath-sensitive.js';
import { hostpathVolume } from './hostpath-volume.js';
import { hostpathWritable } from './hostpath-writable.js';
import { lowUidGid } from './low-uid-gid.js';
import { netRawNotDropped } from './net-raw-not-dropped.js';
import { privilegedContainer } from './privileged-container.js';
import { privilegedPort } from './privileged-port.js';
import { pvHostPath } from './pv-host-path.js';
import { pvcHostPath } from './pvc-host-path.js';
import { procMountUnmasked } from './proc-mount-unmasked.js';
import { readOnlyRootFs } from './read-only-root-fs.js';
import { rootGroup } from './root-group.js';
import { runAsNonRoot } from './run-as-non-root.js';
import { runAsUid0 } from './run-as-uid-0.js';
import { runtimeSocketMount } from './runtime-socket-mount.js';
import { sccPrivileged } from './scc-privileged.js';
import { seccompNotSet } from './seccomp-not-set.js';
import { seccompUnconfined } from './seccomp-unconfined.js';
import { selinuxCustom } from './selinux-custom.js';
import { sshPort } from './ssh-port.js';
import { sudoInEntrypoint } from './sudo-in-entrypoint.js';
import { unsafeSysctls } from './unsafe-sysctls.js';
import { volumeTypeRestricted } from './volume-type-restricted.js';
import { windowsHostProcess } from './windows-host-process.js';

export const podSecurityRules: readonly Rule[] = [
  // privilege and host namespaces
  privilegedContainer,
  windowsHostProcess,
  hostNetwork,
  hostPid,
  hostIpc,
  hostPort,
  allowPrivilegeEscalation,
  // identity
  runAsNonRoot,
  runAsUid0,
  rootGroup,
  lowUidGid,
  // capabilities
  capSysAdmin,
  capsDangerousAdd,
  capsAddOutsideBaseline,
  capsNotDropAll,
  netRawNotDropped,
  // kernel confinement
  seccompUnconfined,
  seccompNotSet,
  apparmorUnconfined,
  selinuxCustom,
  procMountUnmasked,
  unsafeSysctls,
  readOnlyRootFs,
  // host paths and volumes
  runtimeSocketMount,
  hostpathSensitive,
  hostpathCloudCreds,
  hostpathWritable,
  hostpathVolume,
  pvHostPath,
  pvcHostPath,
  volumeTypeRestricted,
  // placement
  controlPlaneHostAccess,
  controlPlanePlacement,
  // process and ports
  sudoInEntrypoint,
  sshPort,
  privilegedPort,
  emptySecurityContext,
  // OpenShift
  sccPrivileged,
];
