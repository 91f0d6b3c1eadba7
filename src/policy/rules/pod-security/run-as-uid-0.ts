import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const runAsUid0 = defineWorkloadRule({
  id: 'run-as-uid-0',
  title: 'Container explicitly runs as UID 0',
  category: 'pod-security',
  severity: 'high',
  description:
    'A container (init, regular or ephemeral) whose effective `runAsUser` (container securityContext, else pod securityContext) is 0. ' +
    'Opt-in because run-as-non-root already reports every such container unless runAsNonRoot is true — and with runAsNonRoot: true the kubelet ' +
    'refuses to start a UID-0 container, so on by default it would only double the finding. Enable it when you disable run-as-non-root ' +
    'or want explicit root requests listed on their own. Windows pods are exempt (runAsUser cannot be set there).',
  rationale:
    'An explicit `runAsUser: 0` is a deliberate request for root: unlike an unset UID it cannot be fixed by rebuilding the image, and it keeps root ' +
    'even when the image was built to run unprivileged. Root in the container plus any escape primitive (hostPath, a capability, a kernel bug) is root on the node — high.',
  remediation:
    'Set `runAsUser` to a non-zero UID (e.g. 10001) and `runAsNonRoot: true`; grant specific capabilities instead of running as root.',
  references: {
    cis: ['5.2.7'],
    nsa: ['Kubernetes Pod security: "Non-root" containers and "rootless" container engines'],
    mitre: ['T1611', 'T1068'],
    pss: 'Running as Non-root user (restricted)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  },
  targets: ['workload'],
  optIn: true,
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      if (sc.runAsUser?.value !== 0) continue;
      const where = sc.runAsUser.level === 'pod' ? ' in the pod securityContext' : '';
      const blocked =
        sc.runAsNonRoot?.value === true ? '; with runAsNonRoot: true the kubelet refuses to start it' : '';
      yield {
        message: `container "${c.name}" runs as UID 0 (runAsUser: 0${where})${blocked}`,
        path: sc.runAsUser.path,
        container: c.name,
      };
    }
  },
});
