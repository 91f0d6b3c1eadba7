import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssApparmor = defineWorkloadRule({
  id: 'pss-apparmor',
  title: 'AppArmor profile disabled or overridden (PSS baseline: AppArmor)',
  category: 'pss',
  severity: 'medium',
  description:
    "Pod Security Standards check `appArmorProfile`, exactly as Pod Security Admission decides it: `spec.securityContext.appArmorProfile.type` and each container's, when set, must be `RuntimeDefault` or `Localhost`; every annotation `container.apparmor.security.beta.kubernetes.io/<name>` must be empty, `runtime/default` or `localhost/<profile>`.",
  rationale:
    '`Unconfined` removes the mandatory-access-control layer that blocks many escape techniques (writing to /proc/sysrq-trigger, mounting, ptrace of other processes). It does not open a path to the node on its own but makes every other weakness exploitable, hence medium.',
  remediation:
    'Remove the `Unconfined` profile; leave AppArmor at the runtime default or set `appArmorProfile: {type: RuntimeDefault}` (or `Localhost` with a reviewed profile).',
  references: {
    nsa: ['Kubernetes Pod security: Hardening container environments'],
    mitre: ['T1611'],
    pss: 'AppArmor (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['appArmorProfile']),
});
