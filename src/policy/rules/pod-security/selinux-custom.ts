import type { FieldPath } from '../../../k8s/fieldPath.js';
import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';

/**
 * SELinux types the PSS baseline level allows (pod-security-admission
 * `check_seLinuxOptions.go`; container_engine_t since Kubernetes 1.31).
 */
const ALLOWED_TYPES: ReadonlySet<string> = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

function isUnset(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

export const selinuxCustom = defineWorkloadRule({
  id: 'selinux-custom',
  title: 'Container runs with a custom SELinux label',
  category: 'pod-security',
  severity: 'medium',
  description:
    "A container (init, regular or ephemeral) whose effective `seLinuxOptions` (the container's, else the pod's — replaced as a whole, as the kubelet does) " +
    'sets `type` to something other than container_t, container_init_t, container_kvm_t or container_engine_t, or sets `user` or `role`. ' +
    'Setting `level` (the MCS categories) is allowed. PSS checks the pod-level and container-level options separately; this rule reports what each ' +
    'container actually runs with, so a pod-level label that every container overrides is not reported. Windows pods are exempt.',
  rationale:
    'On SELinux nodes (RHEL, Fedora, OpenShift) the container_t type is what keeps a container — even a root one — away from host files, devices and other ' +
    'containers\' files. Other types loosen that: `spc_t` ("super privileged container") is unconfined, `unconfined_t` likewise, and a custom user or role ' +
    'can map to broader policy. A label change quietly removes the strongest host-isolation layer on those nodes. Medium: it only matters where SELinux is enforcing.',
  remediation:
    'Remove `seLinuxOptions.type`, `.user` and `.role` (keep `level` if you need fixed MCS categories), or use one of the container_* types. ' +
    'If the workload needs host access, give it a dedicated, reviewed policy module and an exception.',
  references: {
    nsa: ['Kubernetes Pod security: Hardening container environments'],
    mitre: ['T1611', 'T1562.001'],
    pss: 'SELinux (baseline)',
    links: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      const se = sc.seLinuxOptions;
      if (se === undefined) continue;
      const problems: string[] = [];
      let first: FieldPath | undefined;
      const { type, user, role } = se.value;
      if (!isUnset(type) && !(typeof type === 'string' && ALLOWED_TYPES.has(type))) {
        problems.push(`type ${JSON.stringify(type)}`);
        first ??= [...se.path, 'type'];
      }
      if (!isUnset(user)) {
        problems.push(`user ${JSON.stringify(user)}`);
        first ??= [...se.path, 'user'];
      }
      if (!isUnset(role)) {
        problems.push(`role ${JSON.stringify(role)}`);
        first ??= [...se.path, 'role'];
      }
      if (first === undefined) continue;
      const where = se.level === 'pod' ? ' in the pod securityContext' : '';
      yield {
        message: `container "${c.name}" runs with a custom SELinux label (${problems.join(', ')}${where})`,
        path: first,
        container: c.name,
      };
    }
  },
});
