import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { describeSource, effectiveSeccompProfile } from './profiles.js';

export const seccompUnconfined = defineWorkloadRule({
  id: 'seccomp-unconfined',
  title: 'Container explicitly runs seccomp Unconfined',
  category: 'pod-security',
  severity: 'high',
  description:
    'A container (init, regular or ephemeral) whose effective seccomp profile is Unconfined: `seccompProfile.type: Unconfined` in the container or pod ' +
    'securityContext, or the legacy annotation `container.seccomp.security.alpha.kubernetes.io/<container>: unconfined` or ' +
    '`seccomp.security.alpha.kubernetes.io/pod: unconfined`, with the precedence the API server and kubelet apply (container field, container annotation, ' +
    "pod field, pod annotation). A missing profile is seccomp-not-set's (medium). Windows pods are exempt.",
  rationale:
    'Unconfined switches syscall filtering off on purpose, even on nodes that default to RuntimeDefault (kubelet `seccompDefault`) — it is an opt-out of the ' +
    "cluster's protection, usually copied from a debugging recipe. The full kernel syscall surface is then reachable, which is what kernel exploits " +
    'such as CVE-2022-0185 (unshare + fsconfig) need. High, because it overrides a safe default.',
  remediation:
    'Remove the Unconfined profile (and any legacy `…seccomp…: unconfined` annotation) and set `seccompProfile.type: RuntimeDefault`; if a syscall is really missing, write a Localhost profile that allows just that call.',
  references: {
    cis: ['5.7.2'],
    nsa: ['Kubernetes Pod security: Hardening container environments'],
    mitre: ['T1611', 'T1562.001'],
    pss: 'Seccomp (baseline)',
    links: [
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      const profile = effectiveSeccompProfile(workload.template, c, sc);
      if (profile?.type !== 'Unconfined') continue;
      yield {
        message: `container "${c.name}" runs without seccomp filtering (${describeSource(profile)})`,
        path: profile.path,
        container: c.name,
      };
    }
  },
});
