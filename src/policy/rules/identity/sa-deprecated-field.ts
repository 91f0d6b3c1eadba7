import { asString } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const saDeprecatedField = defineWorkloadRule({
  id: 'sa-deprecated-field',
  title: 'Pod spec uses the deprecated serviceAccount field',
  category: 'identity',
  severity: 'low',
  description:
    'The pod spec sets the deprecated `serviceAccount` without `serviceAccountName`, or sets both to different values. Reported at ' +
    '`<pod spec>.serviceAccount`. Both set to the same value is not reported: that is how the API server returns every pod ' +
    '(`kubectl get -o yaml`), so dumps would otherwise report every pod.',
  rationale:
    'When both are set the API server ignores `serviceAccount` and the pods run as `serviceAccountName` — a reviewer reading `serviceAccount` ' +
    'is misled about the identity (and so the permissions) of the pods. Tools that only read one field disagree about it. No access is gained ' +
    'by itself, hence low.',
  remediation: 'Rename `serviceAccount` to `serviceAccountName` and remove the old field.',
  references: {
    mitre: ['T1078'],
    links: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    const { spec, specPath } = workload.template;
    const deprecated = asString(spec.serviceAccount);
    if (deprecated === undefined || deprecated === '') return;
    const named = asString(spec.serviceAccountName);
    const path = [...specPath, 'serviceAccount'];
    if (named === undefined || named === '') {
      yield {
        message: `pod spec names its ServiceAccount "${deprecated}" with the deprecated field serviceAccount; use serviceAccountName`,
        path,
      };
    } else if (named !== deprecated) {
      yield {
        message: `serviceAccount "${deprecated}" differs from serviceAccountName "${named}"; Kubernetes ignores serviceAccount and runs the pods as "${named}"`,
        path,
      };
    }
  },
});
