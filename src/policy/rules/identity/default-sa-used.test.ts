import { ruleTests } from '../../../../test/ruleTester.js';
import { defaultSaUsed } from './default-sa-used.js';

const deployment = (podSpec: string): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
${podSpec}
      containers: [{name: app, image: nginx:1.27}]
`;

ruleTests(defaultSaUsed, {
  valid: [
    { name: 'a dedicated ServiceAccount', yaml: deployment('      serviceAccountName: web') },
    { name: 'the deprecated field naming a dedicated one', yaml: deployment('      serviceAccount: web') },
    {
      name: 'default, but no token is mounted',
      yaml: deployment('      automountServiceAccountToken: false'),
    },
  ],
  invalid: [
    {
      name: 'nothing set',
      yaml: deployment('      hostname: web'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message: 'pod spec sets no serviceAccountName, so its pods run as ServiceAccount shop/default',
        },
      ],
    },
    {
      name: 'explicitly default',
      yaml: deployment('      serviceAccountName: default\n      automountServiceAccountToken: true'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccountName',
          message:
            'pod spec sets serviceAccountName: default, so its pods run as ServiceAccount shop/default',
        },
      ],
    },
    {
      name: 'the deprecated field set to default; empty serviceAccountName',
      yaml: deployment('      serviceAccountName: ""\n      serviceAccount: default'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccount',
          message: 'pod spec sets serviceAccount: default, so its pods run as ServiceAccount shop/default',
        },
      ],
    },
  ],
});
