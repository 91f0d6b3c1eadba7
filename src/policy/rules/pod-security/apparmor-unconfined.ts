import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { describeSource, effectiveAppArmorProfile } from './profiles.js';

export const apparmorUnconfined = defineWorkloadRule({
  id: 'apparmor-unconfined',
  title: 'Container runs AppArmor Unconfined',
  category: 'pod-security',
  severity: 'medium',
  description:
    "A container (init, regular or ephemeral) whose effective AppArmor profile is Unconfined, with the kubelet's precedence (`apparmor.GetProfile`): " +
    "the container's `securityContext.appArmorProfile`, else the annotation `container.apparmor.security.beta.kubernetes.io/<container>`, else the pod's " +
    '`securityContext.appArmorProfile`. The annotation value `unconfined` means Unconfined. An unset profile is not reported: the runtime then applies ' +
    'its default profile on AppArmor-enabled nodes. Windows pods are exempt.',
  rationale:
    'The runtime default AppArmor profile denies writes to /proc and /sys kernel knobs, mount(2) and access to sensitive host paths even for root in the ' +
    'container; several escapes (cgroup release_agent, core_pattern) are blocked by it alone. Unconfined removes that layer. Medium: the LSM is one layer ' +
    'of several, and it only matters on AppArmor-enabled nodes (Ubuntu, Debian, COS; not RHEL-family, which use SELinux).',
  remediation:
    'Remove `appArmorProfile: {type: Unconfined}` and the `…apparmor…: unconfined` annotation, or set `appArmorProfile.type: RuntimeDefault` (or a `Localhost` profile).',
  references: {
    nsa: ['Kubernetes Pod security: Hardening container environments'],
    mitre: ['T1611', 'T1562.001'],
    pss: 'AppArmor (baseline)',
    links: [
      'https://kubernetes.io/docs/tutorials/security/apparmor/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c, sc } of podContainers(workload, LINUX_ONLY)) {
      const profile = effectiveAppArmorProfile(workload.template, c, sc);
      if (profile?.type !== 'Unconfined') continue;
      yield {
        message: `container "${c.name}" runs without AppArmor confinement (${describeSource(profile)})`,
        path: profile.path,
        container: c.name,
      };
    }
  },
});
