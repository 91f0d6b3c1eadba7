import { ruleTests } from '../../../../test/ruleTester.js';
import { saDeprecatedField } from './sa-deprecated-field.js';

const deployment = (podSpec: string): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
${podSpec}
      containers: [{name: app, image: nginx:1.27}]
`;

ruleTests(saDeprecatedField, {
  valid: [
    { name: 'serviceAccountName only', yaml: deployment('      serviceAccountName: web') },
    {
      name: 'both equal, as the API server returns pods',
      yaml: deployment('      serviceAccountName: web\n      serviceAccount: web'),
    },
    { name: 'neither', yaml: deployment('      hostname: x') },
  ],
  invalid: [
    {
      name: 'only the deprecated field',
      yaml: deployment('      serviceAccount: web'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccount',
          message:
            'pod spec names its ServiceAccount "web" with the deprecated field serviceAccount; use serviceAccountName',
        },
      ],
    },
    {
      name: 'both, different',
      yaml: deployment('      serviceAccountName: web\n      serviceAccount: admin'),
      findings: [
        {
          path: 'spec.template.spec.serviceAccount',
          message:
            'serviceAccount "admin" differs from serviceAccountName "web"; Kubernetes ignores serviceAccount and runs the pods as "web"',
        },
      ],
    },
  ],
});
