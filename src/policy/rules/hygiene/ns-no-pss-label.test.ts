import { ruleTests } from '../../../../test/ruleTester.js';
import { nsNoPssLabel } from './ns-no-pss-label.js';

const ns = (labels: string) => `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: ${labels}
`;

ruleTests(nsNoPssLabel, {
  valid: [
    { name: 'restricted', yaml: ns('{pod-security.kubernetes.io/enforce: restricted}') },
    { name: 'privileged, explicitly', yaml: ns('{pod-security.kubernetes.io/enforce: privileged}') },
    {
      name: 'namespaces used by workloads but not declared are not judged',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'no labels; warn and audit alone do not enforce',
      yaml: `${ns('{}')}---
apiVersion: v1
kind: Namespace
metadata:
  name: billing
  labels: {pod-security.kubernetes.io/warn: restricted, pod-security.kubernetes.io/audit: restricted}
`,
      findings: [
        {
          path: 'metadata.labels["pod-security.kubernetes.io/enforce"]',
          message:
            'namespace "shop" has no pod-security.kubernetes.io/enforce label: Pod Security admission enforces only the cluster default (privileged unless configured)',
        },
        {
          path: 'metadata.labels["pod-security.kubernetes.io/enforce"]',
          message:
            'namespace "billing" has no pod-security.kubernetes.io/enforce label: Pod Security admission enforces only the cluster default (privileged unless configured)',
        },
      ],
    },
    {
      name: 'an invalid level (values are case-sensitive)',
      yaml: ns('{pod-security.kubernetes.io/enforce: Restricted}'),
      findings: [
        {
          path: 'metadata.labels["pod-security.kubernetes.io/enforce"]',
          message:
            'label pod-security.kubernetes.io/enforce has invalid value "Restricted" (privileged, baseline or restricted); Pod Security admission rejects it',
        },
      ],
    },
  ],
});
