import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssSeccomp = defineWorkloadRule({
  id: 'pss-seccomp',
  title: 'No seccomp profile, or Unconfined (PSS: Seccomp)',
  category: 'pss',
  severity: 'medium',
  description:
    'Pod Security Standards checks `seccompProfile_baseline` and `seccompProfile_restricted`, exactly as Pod Security Admission decides them. Baseline: `securityContext.seccompProfile.type` of the pod and each container, when set, must be `RuntimeDefault` or `Localhost` (before v1.19: the `seccomp.security.alpha.kubernetes.io/pod` and `container.seccomp.security.alpha.kubernetes.io/<name>` annotations must be `runtime/default`, `docker/default` or `localhost/…`). Restricted (v1.19+, replacing baseline): a profile must be set on the pod or on every container; Windows pods are exempt from v1.25.',
  rationale:
    'Without a seccomp filter every system call of the kernel is reachable from the container, so a kernel vulnerability (the usual route of a container escape without other misconfiguration) is one exploit away. One rule covers both checks because the attacker gains the same whether the profile is explicitly Unconfined or merely unset (unset is Unconfined unless the kubelet runs with SeccompDefault). A hardening gap rather than an open door, hence medium.',
  remediation:
    'Set `spec.securityContext.seccompProfile: {type: RuntimeDefault}` on the pod (covers every container), and remove any `Unconfined` profile.',
  references: {
    cis: ['5.7.2'],
    nsa: ['Kubernetes Pod security: Hardening container environments'],
    mitre: ['T1068', 'T1611'],
    pss: 'Seccomp (baseline; restricted v1.19+)',
    links: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    ],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['seccompProfile_baseline', 'seccompProfile_restricted']),
});
