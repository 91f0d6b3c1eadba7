import { podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const windowsHostProcess = defineWorkloadRule({
  id: 'windows-host-process',
  title: 'Container runs as a Windows HostProcess container',
  category: 'pod-security',
  severity: 'critical',
  description:
    "A container (init, regular or ephemeral) whose effective `windowsOptions.hostProcess` (the container's, else the pod's) is true. " +
    'HostProcess pods must also set `hostNetwork: true`, which host-network reports separately. Reported whatever `spec.os.name` says.',
  rationale:
    "A HostProcess container is not isolated at all: it runs as a process on the Windows node, with the node's filesystem, network and the user it names " +
    '(often NT AUTHORITY\\SYSTEM). It is the Windows counterpart of a privileged container — whoever controls it controls the node and every pod ' +
    'and credential on it. Critical, like privileged-container.',
  remediation:
    'Remove `windowsOptions.hostProcess: true` (and the `hostNetwork: true` it requires). Node management belongs in a dedicated, exempted namespace with tight RBAC.',
  references: {
    cis: ['5.2.11'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1610'],
    pss: 'HostProcess (baseline)',
    links: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload)) {
      const hp = sc.windowsHostProcess;
      if (hp?.value !== true) continue;
      const where = hp.level === 'pod' ? ' in the pod securityContext' : '';
      yield {
        message: `container "${c.name}" runs as a Windows HostProcess container (windowsOptions.hostProcess: true${where})`,
        path: hp.path,
        container: c.name,
      };
    }
  },
});
