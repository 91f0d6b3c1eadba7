import { podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const privilegedContainer = defineWorkloadRule({
  id: 'privileged-container',
  title: 'Container runs privileged',
  category: 'pod-security',
  severity: 'critical',
  description:
    'A container (including init and ephemeral containers) sets `securityContext.privileged: true`.',
  rationale:
    'A privileged container has every Linux capability, sees all host devices and runs without seccomp, AppArmor or SELinux confinement. ' +
    'Anyone who can run code in it can mount the host disk, load kernel modules or write to /proc/sys and take over the node — and with the node, ' +
    'every pod, secret and service-account token on it. That is a full container escape, hence critical.',
  remediation:
    'Remove `privileged: true`. Grant only the specific capability the workload needs (`capabilities.add`), or move node-level work to a vetted DaemonSet in a dedicated namespace.',
  references: {
    cis: ['5.2.2'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1610'],
    pss: 'Privileged Containers (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload)) {
      if (sc.privileged?.value === true) {
        yield {
          message: `container "${c.name}" runs privileged (securityContext.privileged: true)`,
          path: sc.privileged.path,
          container: c.name,
        };
      }
    }
  },
});
