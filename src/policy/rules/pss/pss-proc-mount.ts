import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssProcMount = defineWorkloadRule({
  id: 'pss-proc-mount',
  title: 'Container unmasks /proc (PSS: /proc Mount Type)',
  category: 'pss',
  severity: 'medium',
  description:
    "Pod Security Standards checks `procMount` (baseline) and `procMount_restricted`, exactly as Pod Security Admission decides them: each container's `securityContext.procMount`, when set, must be `Default`. From v1.35 baseline allows any value in a user-namespaced pod (`spec.hostUsers: false`); restricted does not (its check replaces the baseline one from v1.35). One rule for both: it is the same setting and the same risk.",
  rationale:
    '`Unmasked` removes the masks over sensitive /proc paths (/proc/kcore, /proc/sys, /proc/sysrq-trigger, …) that hide kernel memory and node-wide kernel controls from the container. Exploiting them needs further privileges or a writable /proc, hence medium.',
  remediation: 'Remove `securityContext.procMount` (or set it to `Default`).',
  references: {
    nsa: ['Kubernetes Pod security: Hardening container environments'],
    mitre: ['T1611'],
    pss: '/proc Mount Type (baseline; restricted v1.35+)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['procMount', 'procMount_restricted']),
});
