/**
 * Each Pod Security Standards check of src/pss/checks/ in CEL, at the newest policy version, keyed
 * by the engine's check id: a Record over CheckId, so a check added to the engine without its CEL does
 * not compile, and `mirrors` names the engine revision (its minVersion) the expression was written
 * against, so a new revision of a check fails the export test until its CEL is reviewed.
 *
 * The expressions read the variables of pssPolicy.ts: `spec` and `meta` (the pod template of any
 * workload kind), `containers` (init, regular, ephemeral), `podSC` and `scs` (the pod's and each
 * container's securityContext, `{}` when absent), `windows` and `userNamespaced` (PSA's definitions).
 */
import type { CheckId } from '../../pss/types.js';
import { BASELINE_CAPABILITIES } from '../../pss/checks/capabilitiesBaseline.js';
import { RESTRICTED_ALLOWED_VOLUME_SOURCES } from '../../pss/checks/restrictedVolumes.js';
import { NEWEST_SAFE_SYSCTLS } from '../../pss/checks/sysctls.js';

export interface CheckCel {
  /** The engine revision (minVersion) this expression mirrors. */
  readonly mirrors: number;
  readonly expression: string;
  readonly message: string;
}

const list = (items: Iterable<string>): string => `[${[...items].map((s) => `'${s}'`).join(', ')}]`;
const flagOff = (map: string, key: string): string => `!(has(${map}.${key}) && ${map}.${key} == true)`;
const handlers = "[has(c.livenessProbe) ? c.livenessProbe : {}, has(c.readinessProbe) ? c.readinessProbe : {}, has(c.startupProbe) ? c.startupProbe : {}, has(c.lifecycle) && has(c.lifecycle.postStart) ? c.lifecycle.postStart : {}, has(c.lifecycle) && has(c.lifecycle.preStop) ? c.lifecycle.preStop : {}]";
const seccompTypeOk = "sc.seccompProfile.type in ['RuntimeDefault', 'Localhost']";
const noExplicitBadSeccomp = `([variables.podSC] + variables.scs).all(sc, !has(sc.seccompProfile) || (has(sc.seccompProfile.type) && ${seccompTypeOk}))`;
const procMountDefault = "variables.scs.all(sc, !has(sc.procMount) || type(sc.procMount) != string || sc.procMount == 'Default')";

export const PSS_CEL: Readonly<Record<CheckId, CheckCel>> = {
  hostNamespaces: {
    mirrors: 0,
    expression: `${flagOff('variables.spec', 'hostNetwork')} && ${flagOff('variables.spec', 'hostPID')} && ${flagOff('variables.spec', 'hostIPC')}`,
    message: 'host namespaces (hostNetwork, hostPID, hostIPC) are forbidden',
  },
  privileged: {
    mirrors: 0,
    expression: `variables.scs.all(sc, ${flagOff('sc', 'privileged')})`,
    message: 'privileged containers are forbidden',
  },
  capabilities_baseline: {
    mirrors: 0,
    expression: `variables.scs.all(sc, !has(sc.capabilities) || !has(sc.capabilities.add) || sc.capabilities.add.all(cap, cap in ${list(BASELINE_CAPABILITIES)}))`,
    message: 'non-default capabilities are forbidden',
  },
  hostPathVolumes: {
    mirrors: 0,
    expression: '!has(variables.spec.volumes) || variables.spec.volumes.all(v, !has(v.hostPath) || v.hostPath == null)',
    message: 'hostPath volumes are forbidden',
  },
  hostPorts: {
    mirrors: 0,
    expression: 'variables.containers.all(c, !has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0))',
    message: 'hostPort is forbidden',
  },
  appArmorProfile: {
    mirrors: 0,
    expression:
      "([variables.podSC] + variables.scs).all(sc, !has(sc.appArmorProfile) || (has(sc.appArmorProfile.type) && sc.appArmorProfile.type in ['RuntimeDefault', 'Localhost'])) && " +
      "(!has(variables.meta.annotations) || variables.meta.annotations.all(k, !k.startsWith('container.apparmor.security.beta.kubernetes.io/') || variables.meta.annotations[k] == '' || variables.meta.annotations[k] == 'runtime/default' || variables.meta.annotations[k].startsWith('localhost/')))",
    message: 'forbidden AppArmor profile',
  },
  seLinuxOptions: {
    mirrors: 31,
    expression:
      "([variables.podSC] + variables.scs).all(sc, !has(sc.seLinuxOptions) || ((!has(sc.seLinuxOptions.type) || sc.seLinuxOptions.type in ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']) && (!has(sc.seLinuxOptions.user) || sc.seLinuxOptions.user == '') && (!has(sc.seLinuxOptions.role) || sc.seLinuxOptions.role == '')))",
    message: 'forbidden seLinuxOptions',
  },
  seccompProfile_baseline: {
    mirrors: 19,
    expression: noExplicitBadSeccomp,
    message: 'seccompProfile type must be RuntimeDefault or Localhost when set',
  },
  sysctls: {
    mirrors: 37,
    expression: `!has(variables.podSC.sysctls) || variables.podSC.sysctls.all(s, has(s.name) && s.name in ${list(NEWEST_SAFE_SYSCTLS)})`,
    message: 'forbidden sysctls',
  },
  procMount: {
    mirrors: 35,
    expression: `variables.userNamespaced || ${procMountDefault}`,
    message: 'procMount other than Default is forbidden (unless the pod is user-namespaced)',
  },
  windowsHostProcess: {
    mirrors: 0,
    expression: `([variables.podSC] + variables.scs).all(sc, !has(sc.windowsOptions) || ${flagOff('sc.windowsOptions', 'hostProcess')})`,
    message: 'Windows hostProcess containers are forbidden',
  },
  hostProbesAndHostLifecycle: {
    mirrors: 34,
    expression: `variables.containers.all(c, ${handlers}.all(h, (!has(h.httpGet) || !has(h.httpGet.host) || h.httpGet.host == '') && (!has(h.tcpSocket) || !has(h.tcpSocket.host) || h.tcpSocket.host == '')))`,
    message: 'probe or lifecycle host is forbidden',
  },
  restrictedVolumes: {
    mirrors: 0,
    expression: `!has(variables.spec.volumes) || variables.spec.volumes.all(v, v.all(k, k == 'name' || k in ${list(RESTRICTED_ALLOWED_VOLUME_SOURCES)} || v[k] == null))`,
    message: 'restricted volume types are forbidden',
  },
  runAsNonRoot: {
    mirrors: 35,
    expression:
      "variables.userNamespaced || (!(has(variables.podSC.runAsNonRoot) && variables.podSC.runAsNonRoot == false) && variables.scs.all(sc, !(has(sc.runAsNonRoot) && sc.runAsNonRoot == false)) && variables.scs.all(sc, (has(sc.runAsNonRoot) && sc.runAsNonRoot == true) || (has(variables.podSC.runAsNonRoot) && variables.podSC.runAsNonRoot == true)))",
    message: 'runAsNonRoot must be true',
  },
  allowPrivilegeEscalation: {
    mirrors: 25,
    expression: 'variables.windows || variables.scs.all(sc, has(sc.allowPrivilegeEscalation) && sc.allowPrivilegeEscalation == false)',
    message: 'allowPrivilegeEscalation must be false',
  },
  seccompProfile_restricted: {
    mirrors: 25,
    expression: `variables.windows || (${noExplicitBadSeccomp} && (has(variables.podSC.seccompProfile) || variables.scs.all(sc, has(sc.seccompProfile))))`,
    message: 'seccompProfile type must be RuntimeDefault or Localhost',
  },
  capabilities_restricted: {
    mirrors: 25,
    expression: "variables.windows || variables.scs.all(sc, has(sc.capabilities) && has(sc.capabilities.drop) && 'ALL' in sc.capabilities.drop && (!has(sc.capabilities.add) || sc.capabilities.add.all(cap, cap == 'NET_BIND_SERVICE')))",
    message: 'containers must drop ALL capabilities and add none but NET_BIND_SERVICE',
  },
  runAsUser: {
    mirrors: 35,
    expression: 'variables.userNamespaced || ([variables.podSC] + variables.scs).all(sc, !has(sc.runAsUser) || sc.runAsUser != 0)',
    message: 'runAsUser=0 is forbidden',
  },
  procMount_restricted: {
    mirrors: 35,
    expression: procMountDefault,
    message: 'procMount other than Default is forbidden',
  },
};
