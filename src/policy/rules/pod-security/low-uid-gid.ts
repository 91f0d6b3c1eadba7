import { podContainers } from '../../../k8s/podContainers.js';
import { isUserNamespacedPod, isWindowsPod } from '../../../k8s/podSpec.js';
import type { Sourced } from '../../../k8s/securityContext.js';
import { defineWorkloadRule, type Report } from '../../types.js';

/** IDs below this may belong to users and groups of the node (kubesec, kube-score and Trivy use the same bound). */
const MIN_ID = 10000;

function isLow(s: Sourced<unknown> | undefined): s is Sourced<number> {
  return typeof s?.value === 'number' && s.value > 0 && s.value < MIN_ID;
}

export const lowUidGid = defineWorkloadRule({
  id: 'low-uid-gid',
  title: 'Container runs with a UID or GID below 10000',
  category: 'pod-security',
  severity: 'low',
  description:
    "A container's effective `runAsUser` or `runAsGroup` (container securityContext, else pod securityContext) is set to 1–9999. " +
    '0 is left to run-as-non-root / run-as-uid-0 / root-group; unset IDs are not reported. ' +
    'Opt-in: it is a defence-in-depth convention (kubesec, kube-score, Trivy KSV020/021), and many well-built images use fixed IDs such as 101 or 999 on purpose. ' +
    'Exempt: Windows pods, and user-namespaced pods (`hostUsers: false`), whose IDs are remapped on the node.',
  rationale:
    'Without a user namespace a container UID is the same number on the node. Low IDs are those of node users and daemons, so a process that escapes the container ' +
    '(or writes through a hostPath) acts as that node user and owns its files. IDs of 10000 and above rarely collide. Hardening, not a vulnerability — low.',
  remediation:
    'Run as a high, unused UID/GID (e.g. `runAsUser: 10001`, `runAsGroup: 10001`), or run the pod in a user namespace with `hostUsers: false`.',
  references: {
    nsa: ['Kubernetes Pod security: "Non-root" containers and "rootless" container engines'],
    mitre: ['T1611'],
    links: ['https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/'],
  },
  targets: ['workload'],
  optIn: true,
  *check({ workload }): Iterable<Report> {
    const { template } = workload;
    if (isWindowsPod(template.spec) || isUserNamespacedPod(template.spec)) return;
    for (const { ref: c, sc } of podContainers(workload)) {
      for (const [field, value] of [
        ['runAsUser', sc.runAsUser],
        ['runAsGroup', sc.runAsGroup],
      ] as const) {
        if (!isLow(value)) continue;
        const where = value.level === 'pod' ? ' in the pod securityContext' : '';
        yield {
          message: `container "${c.name}" runs with ${field} ${value.value}${where}, below ${MIN_ID}`,
          path: value.path,
          container: c.name,
        };
      }
    }
  },
});
