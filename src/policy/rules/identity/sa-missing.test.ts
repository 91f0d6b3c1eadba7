import { ruleTests } from '../../../../test/ruleTester.js';
import { saMissing } from './sa-missing.js';

const pod = (spec: string, ns = 'shop'): string => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ${ns}}
spec:
${spec}
  containers: [{name: app, image: nginx:1.27}]
`;
const sa = (name: string, ns = 'shop'): string =>
  `---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, namespace: ${ns}}\n`;

ruleTests(saMissing, {
  valid: [
    { name: 'the ServiceAccount is in the input', yaml: pod('  serviceAccountName: web') + sa('web') },
    { name: 'default always exists', yaml: pod('  serviceAccountName: default') + sa('web') },
    {
      name: 'no ServiceAccount and no Namespace of shop in the input (managed elsewhere)',
      yaml: pod('  serviceAccountName: web'),
    },
    {
      name: 'ServiceAccounts only in other namespaces',
      yaml: pod('  serviceAccountName: web') + sa('web', 'other'),
    },
  ],
  invalid: [
    {
      name: 'other ServiceAccounts of the namespace are defined',
      yaml: pod('  serviceAccountName: web') + sa('api'),
      findings: [
        {
          path: 'spec.serviceAccountName',
          message:
            'ServiceAccount shop/web named by serviceAccountName is not in the input, which defines other ServiceAccounts of namespace shop',
        },
      ],
    },
    {
      name: 'the Namespace is defined; the deprecated field names the SA',
      yaml: pod('  serviceAccount: web') + '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
      findings: [
        {
          path: 'spec.serviceAccount',
          message:
            'ServiceAccount shop/web named by serviceAccount is not in the input, which defines Namespace shop',
        },
      ],
    },
  ],
});
