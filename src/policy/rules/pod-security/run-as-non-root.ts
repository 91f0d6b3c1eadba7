import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const runAsNonRoot = defineWorkloadRule({
  id: 'run-as-non-root',
  title: 'Container may run as root',
  category: 'pod-security',
  severity: 'high',
  description:
    'A container (init, regular or ephemeral) whose effective `runAsNonRoot` is not true AND whose effective `runAsUser` is unset or 0 ' +
    '(effective = the container securityContext, else the pod securityContext). A non-zero runAsUser counts as non-root here even without runAsNonRoot; ' +
    "the Pod Security Standards' stricter reading (runAsNonRoot must be true) is the pss-* rules' job. " +
    'An explicit `runAsUser: 0` is reported here (and by the opt-in run-as-uid-0). ' +
    'Windows pods are exempt: there the user is `windowsOptions.runAsUserName`, not a UID.',
  rationale:
    "Root in a container is root on the node's kernel, limited only by capabilities, seccomp and the LSM: it owns every file in the image and every writable volume, " +
    "keeps the runtime's default capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW…), and turns runtime bugs (runc CVE-2019-5736 needed root in the container) " +
    "and any hostPath mount into a node takeover. With runAsUser unset the image's USER decides, and most images default to root. High.",
  remediation:
    'Set `runAsNonRoot: true` and a non-zero `runAsUser` (e.g. 10001) in the pod `securityContext` (or per container), and build the image with a numeric non-root `USER`.',
  references: {
    cis: ['5.2.7'],
    nsa: ['Kubernetes Pod security: "Non-root" containers and "rootless" container engines'],
    mitre: ['T1611', 'T1068'],
    pss: 'Running as Non-root (restricted)',
    links: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      if (sc.runAsNonRoot?.value === true) continue;
      const user = sc.runAsUser;
      if (typeof user?.value === 'number' && user.value !== 0) continue;
      if (user?.value === 0) {
        const where = user.level === 'pod' ? ' in the pod securityContext' : '';
        yield {
          message: `container "${c.name}" runs as root: runAsUser is 0${where} and runAsNonRoot is not true`,
          path: user.path,
          container: c.name,
          remediation:
            'Set `runAsUser` to a non-zero UID (and `runAsNonRoot: true`). Adding only `runAsNonRoot: true` next to `runAsUser: 0` makes the kubelet refuse to start the container.',
        };
      } else if (sc.runAsNonRoot !== undefined) {
        const where = sc.runAsNonRoot.level === 'pod' ? ' in the pod securityContext' : '';
        yield {
          message: `container "${c.name}" may run as root: runAsNonRoot is ${JSON.stringify(sc.runAsNonRoot.value)}${where} and runAsUser is not set`,
          path: sc.runAsNonRoot.path,
          container: c.name,
        };
      } else {
        yield {
          message: `container "${c.name}" may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set`,
          path: [...sc.containerPath, 'runAsNonRoot'],
          container: c.name,
        };
      }
    }
  },
});
