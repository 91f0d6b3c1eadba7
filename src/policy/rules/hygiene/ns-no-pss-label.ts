import { defineRule, type Report } from '../../types.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const LEVELS = ['privileged', 'baseline', 'restricted'];

export const nsNoPssLabel = defineRule({
  id: 'ns-no-pss-label',
  title: 'Namespace has no Pod Security enforce label',
  category: 'hygiene',
  severity: 'medium',
  description:
    `A Namespace object without the \`${ENFORCE}\` label, or with a value other than privileged, baseline or restricted. ` +
    'Only Namespace objects of the input are checked; an explicit `privileged` is a deliberate choice and not reported here.',
  rationale:
    'Without the label, Pod Security admission applies only the cluster default — `privileged`, i.e. nothing, unless an ' +
    'AdmissionConfiguration says otherwise — so anyone who can create pods in the namespace can start privileged, hostPath or ' +
    'hostPID pods and escape to the node (T1611 escape to host, T1610 deploy container). The label is the built-in, policy-engine-free ' +
    'guardrail against that. Medium: exploitation needs pod-creation rights, but the label is cheap and missing it silently disables the control.',
  remediation:
    `Label the namespace: \`${ENFORCE}: restricted\` (or \`baseline\` where restricted is not yet possible), with ` +
    '`pod-security.kubernetes.io/enforce-version` pinned, and `warn`/`audit` labels at the next stricter level while migrating.',
  references: {
    cis: ['5.2.1', '5.7.1'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1610'],
    links: [
      'https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces',
    ],
  },
  targets: ['Namespace'],
  *check({ resource }): Iterable<Report> {
    const value = resource.labels[ENFORCE];
    const path = ['metadata', 'labels', ENFORCE];
    if (value === undefined) {
      yield {
        message: `namespace "${resource.ref.name}" has no ${ENFORCE} label: Pod Security admission enforces only the cluster default (privileged unless configured)`,
        path,
      };
    } else if (!LEVELS.includes(value)) {
      yield {
        message: `label ${ENFORCE} has invalid value "${value}" (privileged, baseline or restricted); Pod Security admission rejects it`,
        path,
      };
    }
  },
});
