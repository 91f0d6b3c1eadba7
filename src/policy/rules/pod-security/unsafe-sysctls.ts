import { isWindowsPod } from '../../../k8s/podSpec.js';
import { NEWEST_SAFE_SYSCTLS } from '../../../pss/checks/sysctls.js';
import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';

/**
 * The Pod Security Standards "safe" sysctls of the newest version
 * (pod-security-admission `check_sysctls.go`): the v1.0 set (the first five) and the
 * entries later versions added. Older-version readings are the pss-* rules' job.
 */
const SAFE_SYSCTLS: ReadonlySet<string> = new Set(NEWEST_SAFE_SYSCTLS);

/**
 * `net/ipv4/tcp_syncookies` → `net.ipv4.tcp_syncookies`: when the first separator is a
 * slash, slashes and dots swap (the kubelet's `ConvertSysctlVariableToDotsSeparator`,
 * which keeps dots inside interface names such as `net/ipv4/conf/eno2.100/rp_filter`).
 */
export function sysctlDotted(name: string): string {
  const first = name.search(/[./]/);
  if (first === -1 || name[first] === '.') return name;
  return name.replace(/[./]/g, (ch) => (ch === '.' ? '/' : '.'));
}

export const unsafeSysctls = defineWorkloadRule({
  id: 'unsafe-sysctls',
  title: 'Pod sets a sysctl outside the safe set',
  category: 'pod-security',
  severity: 'medium',
  description:
    "An entry of the pod's `securityContext.sysctls[*].name` is not in the Pod Security Standards safe set of the newest version: kernel.shm_rmid_forced, " +
    'net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports, ' +
    'net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes, net.ipv4.tcp_rmem, net.ipv4.tcp_wmem, ' +
    'net.ipv4.tcp_slow_start_after_idle, net.ipv4.tcp_notsent_lowat. Slash-separated names (`net/ipv4/tcp_syncookies`) are converted to dotted form first, ' +
    "as the kubelet does; PSS compares the names as written, and the version-pinned reading is the pss-* rules'. One finding per sysctl. Windows pods are exempt.",
  rationale:
    'The safe sysctls are namespaced and isolated: they affect only the pod. Any other sysctl is either not namespaced — it would change the whole node, so the ' +
    'kubelet refuses the pod — or namespaced but not isolated: kernel.msg*, kernel.sem, fs.mqueue.* and most net.* knobs can exhaust node resources shared with ' +
    "neighbouring pods or weaken the pod's network protections (rp_filter, accept_redirects), which is why Kubernetes calls them unsafe. " +
    'They only run where the kubelet allow-lists them (`--allowed-unsafe-sysctls`), so a finding also points at a node exception. Medium.',
  remediation:
    'Remove the sysctl from `spec.securityContext.sysctls`. If the workload needs it, set it on dedicated nodes (node tuning) rather than per pod, and taint those nodes.',
  references: {
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1499'],
    pss: 'Sysctls (baseline)',
    links: [
      'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    if (isWindowsPod(workload.template.spec)) return;
    const path = [...workload.template.specPath, 'securityContext', 'sysctls'];
    const sysctls = asArray(asRecord(workload.template.spec.securityContext)?.sysctls);
    for (let i = 0; i < sysctls.length; i++) {
      const name = asString(asRecord(sysctls[i])?.name);
      if (name === undefined) continue;
      const dotted = sysctlDotted(name);
      if (SAFE_SYSCTLS.has(dotted)) continue;
      const written = dotted === name ? '' : ` (written ${name})`;
      yield {
        message: `pod sets sysctl ${dotted}${written}, outside the safe set`,
        path: [...path, i, 'name'],
      };
    }
  },
});
