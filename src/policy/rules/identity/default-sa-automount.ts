import { defineRule, type Report } from '../../types.js';

export const defaultSaAutomount = defineRule({
  id: 'default-sa-automount',
  title: 'The default ServiceAccount mounts its token',
  category: 'identity',
  severity: 'low',
  description:
    'A ServiceAccount named `default` does not set `automountServiceAccountToken: false`. Reported at `automountServiceAccountToken`.',
  rationale:
    'Pods that name no ServiceAccount run as `default` and get its token unless one side opts out. Opting out on the ServiceAccount protects every ' +
    'such pod of the namespace at once, including ones created later by hand. It is defence in depth — the pods themselves can still opt in — hence low.',
  remediation:
    'Set `automountServiceAccountToken: false` on the `default` ServiceAccount of every namespace.',
  references: {
    cis: ['5.1.5'],
    nsa: ['Kubernetes Pod security: Protecting Pod service account tokens'],
    mitre: ['T1078.001', 'T1528'],
    links: ['https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts'],
  },
  targets: ['ServiceAccount'],
  *check({ resource, model }): Iterable<Report> {
    if (resource.ref.name !== 'default' || resource.ref.apiVersion !== 'v1') return;
    const ns = model.namespaceOf(resource.ref) ?? model.defaultNamespace;
    const value = resource.object.automountServiceAccountToken;
    if (value === false) return;
    yield {
      message:
        value === true
          ? `ServiceAccount ${ns}/default sets automountServiceAccountToken: true`
          : `ServiceAccount ${ns}/default does not set automountServiceAccountToken: false`,
      path: ['automountServiceAccountToken'],
    };
  },
});
