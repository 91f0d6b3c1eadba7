import { podContainers } from '../../../k8s/podContainers.js';
import { asRecord } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';

function describeEmpty(value: unknown): string | undefined {
  if (value === undefined || value === null) return 'has no securityContext';
  const record = asRecord(value);
  if (record !== undefined && Object.keys(record).length === 0) return 'has an empty securityContext';
  return undefined;
}

export const emptySecurityContext = defineWorkloadRule({
  id: 'empty-security-context',
  title: 'Pod or container has no securityContext',
  category: 'pod-security',
  severity: 'low',
  description:
    "The pod spec's `securityContext` is absent, null or `{}` (one finding), and each container (init, regular or ephemeral) whose own `securityContext` is " +
    'absent, null or `{}` (one finding per container; pod-level settings do not count, because allowPrivilegeEscalation, capabilities and ' +
    'readOnlyRootFilesystem exist only per container). ' +
    'Opt-in, at low severity: it restates what the specific rules already report with the exact missing field (run-as-non-root, allow-privilege-escalation, ' +
    'caps-not-drop-all, seccomp-not-set, read-only-root-fs) — turn it on for a coarse "was hardening considered at all" view, as Checkov CKV_K8S_29/30 give.',
  rationale:
    "A workload without any securityContext runs with every default: possibly as root, with the runtime's default capabilities, privilege escalation " +
    'allowed, no seccomp and a writable root filesystem. It is the signal that nobody hardened the workload; the actual risks are the specific findings. Low.',
  remediation:
    'Add a pod `securityContext` (runAsNonRoot: true, runAsUser, seccompProfile: {type: RuntimeDefault}) and, per container, ' +
    '`securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}`.',
  references: {
    cis: ['5.7.3'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    links: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  },
  targets: ['workload'],
  optIn: true,
  *check({ workload }): Iterable<Report> {
    const pod = describeEmpty(workload.template.spec.securityContext);
    if (pod !== undefined) {
      yield { message: `pod ${pod}`, path: [...workload.template.specPath, 'securityContext'] };
    }
    for (const { ref: c } of podContainers(workload)) {
      const own = describeEmpty(c.container.securityContext);
      if (own === undefined) continue;
      yield {
        message: `container "${c.name}" ${own}`,
        path: [...c.path, 'securityContext'],
        container: c.name,
      };
    }
  },
});
