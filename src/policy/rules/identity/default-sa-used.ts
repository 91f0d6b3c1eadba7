import { defineWorkloadRule, type Report } from '../../types.js';
import { podServiceAccount } from './podServiceAccount.js';

export const defaultSaUsed = defineWorkloadRule({
  id: 'default-sa-used',
  title: 'Pods run as the default ServiceAccount',
  category: 'identity',
  severity: 'medium',
  description:
    'The pod spec leaves `serviceAccountName` (and the deprecated `serviceAccount`) unset, or sets it to `default`. Reported at ' +
    '`<pod spec>.serviceAccountName`. Not reported when the pod spec sets `automountServiceAccountToken: false`: its pods then hold no ' +
    'credential of the shared identity.',
  rationale:
    'Every pod of a namespace that names no ServiceAccount shares `default`. Whatever anyone grants to `default` — often done to make one ' +
    'workload work — is granted to all of them, and a compromise of any one yields the shared token. A dedicated ServiceAccount per workload ' +
    'keeps permissions and audit trails separate. The harm depends on what `default` is granted, hence medium.',
  remediation:
    'Create a ServiceAccount per workload (`automountServiceAccountToken: false` unless it calls the API) and set `serviceAccountName` to it.',
  references: {
    cis: ['5.1.5'],
    nsa: ['Authentication and authorization: Role-based access control'],
    mitre: ['T1078.001'],
    links: ['https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    if (workload.template.spec.automountServiceAccountToken === false) return;
    const sa = podServiceAccount(workload);
    if (sa.name !== 'default') return;
    yield {
      message:
        sa.field === undefined
          ? `pod spec sets no serviceAccountName, so its pods run as ServiceAccount ${sa.namespace}/default`
          : `pod spec sets ${sa.field}: default, so its pods run as ServiceAccount ${sa.namespace}/default`,
      path: sa.path,
    };
  },
});
