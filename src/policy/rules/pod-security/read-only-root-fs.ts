import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const readOnlyRootFs = defineWorkloadRule({
  id: 'read-only-root-fs',
  title: 'Container root filesystem is writable',
  category: 'pod-security',
  severity: 'medium',
  description:
    'A container (init, regular or ephemeral) does not set `securityContext.readOnlyRootFilesystem: true` (a container-only field; unset means writable). ' +
    'Windows pods are exempt: the API rejects the field when `spec.os.name` is windows.',
  rationale:
    "With a writable root filesystem an attacker who gets code execution can download tools, drop a web shell, replace the application's binaries or libraries " +
    'and persist for the life of the container, and can rewrite configuration the process trusts. A read-only root (with emptyDir volumes for the paths that must be written) ' +
    'takes those options away. It limits post-exploitation rather than preventing a compromise — medium.',
  remediation:
    'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` at each path the process must write (`/tmp`, caches, pid files).',
  references: {
    cis: ['5.7.3'],
    nsa: ['Kubernetes Pod security: Immutable container file systems'],
    mitre: ['T1105', 'T1505.003'],
    links: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      const ro = sc.readOnlyRootFilesystem;
      if (ro?.value === true) continue;
      const detail =
        ro === undefined
          ? 'readOnlyRootFilesystem is not set'
          : ro.value === false
            ? 'readOnlyRootFilesystem: false'
            : `readOnlyRootFilesystem is ${JSON.stringify(ro.value)}, not the boolean true`;
      yield {
        message: `container "${c.name}" has a writable root filesystem (${detail})`,
        path: ro?.path ?? [...sc.containerPath, 'readOnlyRootFilesystem'],
        container: c.name,
      };
    }
  },
});
