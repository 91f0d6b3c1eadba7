import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { describeSource, effectiveSeccompProfile } from './profiles.js';

export const seccompNotSet = defineWorkloadRule({
  id: 'seccomp-not-set',
  title: 'Container has no seccomp profile',
  category: 'pod-security',
  severity: 'medium',
  description:
    'A container (init, regular or ephemeral) whose effective seccomp profile type is not RuntimeDefault or Localhost. The effective profile is, in order: ' +
    "the container's `securityContext.seccompProfile`, the annotation `container.seccomp.security.alpha.kubernetes.io/<container>`, the pod's " +
    '`securityContext.seccompProfile`, the annotation `seccomp.security.alpha.kubernetes.io/pod` (the API server copies a legacy annotation into the empty field ' +
    'at pod creation; `runtime/default` and `docker/default` mean RuntimeDefault, `localhost/…` Localhost). ' +
    'An explicit Unconfined is left to seccomp-unconfined (high); this rule reports profiles that are missing or have an invalid type. ' +
    'The kubelet option `seccompDefault: true` makes unset mean RuntimeDefault, but it is node configuration a manifest cannot show. Windows pods are exempt.',
  rationale:
    'Without seccomp the container can call every system call the kernel offers, including rarely used ones (keyctl, userfaultfd, unshare, bpf, io_uring) that ' +
    'are the entry points of many kernel privilege-escalation exploits. Kubernetes runs containers Unconfined unless told otherwise. The runtime default profile ' +
    'blocks several dozen dangerous calls at no cost for normal applications. Medium: it shrinks the kernel attack surface rather than closing a specific hole.',
  remediation:
    'Set `securityContext.seccompProfile: {type: RuntimeDefault}` in the pod securityContext (all containers inherit it), or a `Localhost` profile tailored to the workload.',
  references: {
    cis: ['5.7.2'],
    nsa: ['Kubernetes Pod security: Hardening container environments'],
    mitre: ['T1611', 'T1068'],
    pss: 'Seccomp (restricted)',
    links: [
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      const profile = effectiveSeccompProfile(workload.template, c, sc);
      if (profile === undefined) {
        yield {
          message: `container "${c.name}" has no seccomp profile (seccompProfile is not set in the pod or container securityContext)`,
          path: [...sc.containerPath, 'seccompProfile'],
          container: c.name,
        };
      } else if (
        profile.type !== 'RuntimeDefault' &&
        profile.type !== 'Localhost' &&
        profile.type !== 'Unconfined'
      ) {
        yield {
          message: `container "${c.name}" has no valid seccomp profile (${describeSource(profile)}; expected RuntimeDefault or Localhost)`,
          path: profile.path,
          container: c.name,
        };
      }
    }
  },
});
