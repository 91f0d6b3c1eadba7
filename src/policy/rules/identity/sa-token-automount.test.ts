import { ruleTests } from '../../../../test/ruleTester.js';
import { saTokenAutomount } from './sa-token-automount.js';

const deployment = (podSpec: string, ns = 'shop'): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  template:
    spec:
${podSpec}
      containers: [{name: app, image: nginx:1.27}]
`;
const sa = (name: string, extra = '', ns = 'shop'): string => `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: ${ns}}
${extra}
`;

ruleTests(saTokenAutomount, {
  valid: [
    {
      name: 'pod spec opts out',
      yaml: deployment('      serviceAccountName: web\n      automountServiceAccountToken: false'),
    },
    { name: 'YAML 1.1 "no" is false', yaml: deployment('      automountServiceAccountToken: no') },
    {
      name: 'pod spec unset, the ServiceAccount in the input opts out',
      yaml: deployment('      serviceAccountName: web') + sa('web', 'automountServiceAccountToken: false'),
    },
    {
      name: 'the deprecated serviceAccount field names the SA that opts out',
      yaml: deployment('      serviceAccount: legacy') + sa('legacy', 'automountServiceAccountToken: false'),
    },
    {
      name: 'pods without serviceAccountName use default, which opts out',
      yaml: deployment('      hostname: x') + sa('default', 'automountServiceAccountToken: false'),
    },
  ],
  invalid: [
    {
      name: 'the pod spec wins over the ServiceAccount',
      yaml:
        deployment('      serviceAccountName: web\n      automountServiceAccountToken: true') +
        sa('web', 'automountServiceAccountToken: false'),
      findings: [
        {
          path: 'spec.template.spec.automountServiceAccountToken',
          message:
            'pod spec sets automountServiceAccountToken: true, so every container gets the API token of ServiceAccount shop/web',
        },
      ],
    },
    {
      name: 'the ServiceAccount in the input does not opt out',
      yaml: deployment('      serviceAccountName: web') + sa('web'),
      findings: [
        {
          path: 'spec.template.spec.automountServiceAccountToken',
          message:
            'the API token of ServiceAccount shop/web is mounted: neither the pod spec nor the ServiceAccount sets automountServiceAccountToken: false',
        },
      ],
    },
    {
      name: 'the ServiceAccount is not in the input (one in another namespace does not count)',
      yaml:
        deployment('      serviceAccountName: web') +
        sa('web', 'automountServiceAccountToken: false', 'other'),
      findings: [
        {
          path: 'spec.template.spec.automountServiceAccountToken',
          message:
            'the API token of ServiceAccount shop/web is mounted: the pod spec does not set automountServiceAccountToken: false, and the ServiceAccount is not in the input to say otherwise',
        },
      ],
    },
    {
      name: 'a bare Pod without namespace runs as default/default; CronJob nesting',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          automountServiceAccountToken: yes
          containers: [{name: app, image: busybox:1.36}]
`,
      findings: [
        {
          path: 'spec.automountServiceAccountToken',
          message:
            'the API token of ServiceAccount default/default is mounted: the pod spec does not set automountServiceAccountToken: false, and the ServiceAccount is not in the input to say otherwise',
        },
        {
          path: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken',
          message:
            'pod spec sets automountServiceAccountToken: true, so every container gets the API token of ServiceAccount shop/default',
        },
      ],
    },
  ],
});
