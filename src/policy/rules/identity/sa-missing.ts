import { defineWorkloadRule, type Report } from '../../types.js';
import { podServiceAccount } from './podServiceAccount.js';

export const saMissing = defineWorkloadRule({
  id: 'sa-missing',
  title: 'ServiceAccount named by the pods is not in the input',
  category: 'identity',
  severity: 'low',
  description:
    'The pod spec names a ServiceAccount (other than `default`, which Kubernetes creates in every namespace) that is not in the input, while ' +
    'the input does define ServiceAccounts in that namespace or the Namespace object itself. Reported at the field that names it. ' +
    'Decision: when the input holds neither, the ServiceAccount is most likely managed elsewhere (another chart, the platform team), and ' +
    'reporting it would be noise.',
  rationale:
    'Pods naming a missing ServiceAccount are rejected by the API server, so the workload does not start; and whoever creates a ServiceAccount ' +
    'of that name later — with whatever RBAC bindings they choose — decides the identity of these pods. A deployment defect more than an attack ' +
    'path, hence low.',
  remediation:
    'Add the ServiceAccount to the manifests (next to the workload), or fix the name in `serviceAccountName`.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1078'],
    links: ['https://kubernetes.io/docs/concepts/security/service-accounts/'],
  },
  targets: ['workload'],
  needsModel: true,
  *check({ workload, model }): Iterable<Report> {
    const sa = podServiceAccount(workload);
    if (sa.name === 'default' || model.serviceAccount(sa.namespace, sa.name) !== undefined) return;
    const others = model.serviceAccountsIn(sa.namespace).length > 0;
    const namespaceDefined = model.namespace(sa.namespace)?.declared === true;
    if (!others && !namespaceDefined) return;
    const why = others
      ? `which defines other ServiceAccounts of namespace ${sa.namespace}`
      : `which defines Namespace ${sa.namespace}`;
    yield {
      message: `ServiceAccount ${sa.namespace}/${sa.name} named by ${sa.field ?? 'serviceAccountName'} is not in the input, ${why}`,
      path: sa.path,
    };
  },
});
