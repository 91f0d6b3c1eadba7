import { podContainers } from '../../../k8s/podContainers.js';
import { isUserNamespacedPod, isWindowsPod } from '../../../k8s/podSpec.js';
import { asArray, asRecord } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const rootGroup = defineWorkloadRule({
  id: 'root-group',
  title: 'Pod runs with the root group (GID 0)',
  category: 'pod-security',
  severity: 'low',
  description:
    "The pod securityContext lists GID 0 in `supplementalGroups` or sets `fsGroup: 0` (reported once per pod), or a container's effective " +
    '`runAsGroup` (container securityContext, else pod securityContext) is 0 (reported per container). ' +
    'Exempt: Windows pods (the fields are Linux-only) and user-namespaced pods (`hostUsers: false`), where GID 0 maps to an unprivileged host GID.',
  rationale:
    'Group 0 opens every file that is group-owned by root and group-readable or -writable: in the image, in volumes and — after an escape or through a hostPath — ' +
    'on the node (`/etc/shadow` is not, but many config files, sockets and devices are). `fsGroup: 0` additionally makes the kubelet chown volumes to root. ' +
    'It widens what a compromised process can touch without being an escalation by itself — low.',
  remediation:
    'Set `runAsGroup` (and `fsGroup`, if volumes need a group) to a non-zero GID such as 10001, and remove 0 from `supplementalGroups`.',
  references: {
    nsa: ['Kubernetes Pod security: "Non-root" containers and "rootless" container engines'],
    mitre: ['T1068'],
    links: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    const { template } = workload;
    if (isWindowsPod(template.spec) || isUserNamespacedPod(template.spec)) return;
    const podSc = asRecord(template.spec.securityContext);
    const podPath = [...template.specPath, 'securityContext'];
    const groups = asArray(podSc?.supplementalGroups);
    for (let i = 0; i < groups.length; i++) {
      if (groups[i] === 0) {
        yield {
          message: `pod adds the root group to every container (supplementalGroups[${i}]: 0)`,
          path: [...podPath, 'supplementalGroups', i],
        };
      }
    }
    if (podSc?.fsGroup === 0) {
      yield {
        message: 'pod volumes are owned by the root group (fsGroup: 0)',
        path: [...podPath, 'fsGroup'],
      };
    }
    for (const { ref: c, sc } of podContainers(workload)) {
      if (sc.runAsGroup?.value !== 0) continue;
      const where = sc.runAsGroup.level === 'pod' ? ' in the pod securityContext' : '';
      yield {
        message: `container "${c.name}" runs with the root group (runAsGroup: 0${where})`,
        path: sc.runAsGroup.path,
        container: c.name,
      };
    }
  },
});
