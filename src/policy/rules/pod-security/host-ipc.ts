import { defineWorkloadRule, type Report } from '../../types.js';

export const hostIpc = defineWorkloadRule({
  id: 'host-ipc',
  title: 'Pod shares the host IPC namespace',
  category: 'pod-security',
  severity: 'high',
  description:
    'The pod spec sets `hostIPC: true` (`spec.hostIPC` in a Pod, the same field in the pod template of other workloads).',
  rationale:
    'The containers share System V IPC objects and POSIX message queues with every process on the node, and see `/dev/shm` of the host IPC namespace: ' +
    'they can read or tamper with shared memory of host daemons and other pods that use host IPC, and exhaust IPC resources of the node. ' +
    'It breaks the isolation between the pod and the node — high.',
  remediation:
    'Remove `hostIPC: true`. Containers of the same pod already share an IPC namespace; for shared memory across pods use a volume.',
  references: {
    cis: ['5.2.4'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611'],
    pss: 'Host Namespaces (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    if (workload.template.spec.hostIPC !== true) return;
    yield {
      message: 'pod shares the host IPC namespace (hostIPC: true)',
      path: [...workload.template.specPath, 'hostIPC'],
    };
  },
});
