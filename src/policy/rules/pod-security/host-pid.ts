import { defineWorkloadRule, type Report } from '../../types.js';

export const hostPid = defineWorkloadRule({
  id: 'host-pid',
  title: 'Pod shares the host process ID namespace',
  category: 'pod-security',
  severity: 'high',
  description:
    'The pod spec sets `hostPID: true` (`spec.hostPID` in a Pod, the same field in the pod template of other workloads).',
  rationale:
    'The containers see every process on the node with its command line, and — for processes of the same user — its environment (`/proc/<pid>/environ`), ' +
    'which often holds secrets. As root a container can signal (kill) any host process; with SYS_PTRACE it can read and write their memory and reach the host ' +
    'filesystem through `/proc/<pid>/root`, a container escape. Alone it is a large information leak, combined with root or a capability an escape — high.',
  remediation:
    "Remove `hostPID: true`. For process-level sharing between the containers of one pod, use `shareProcessNamespace: true`, which shares only the pod's own processes.",
  references: {
    cis: ['5.2.3'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1055', 'T1552.001'],
    pss: 'Host Namespaces (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    if (workload.template.spec.hostPID !== true) return;
    yield {
      message: 'pod shares the host process ID namespace (hostPID: true)',
      path: [...workload.template.specPath, 'hostPID'],
    };
  },
});
