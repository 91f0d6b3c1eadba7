import { ruleTests } from '../../../../test/ruleTester.js';
import { lastAppliedSecretLeak } from './last-applied-secret-leak.js';

const secret = (applied: string, body = 'data:\n  password: aHVudGVyMg=='): string => `
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  uid: 1d2c
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '${applied}'
${body}`;

ruleTests(lastAppliedSecretLeak, {
  valid: [
    {
      name: 'annotation without data (the Secret was created empty and filled later)',
      yaml: secret('{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"type":"Opaque"}'),
    },
    {
      name: 'annotation with empty and templated values only',
      yaml: secret('{"apiVersion":"v1","kind":"Secret","stringData":{"a":"","b":"{{ .Values.pw }}"}}'),
    },
    { name: 'annotation that is not JSON', yaml: secret('{not json') },
    {
      name: 'read from a cluster: the dropped last-applied copy held no values',
      yaml: `
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  uid: 1d2c
  annotations:
    kubeward.io/redacted-annotations: '{"kubectl.kubernetes.io/last-applied-configuration":{}}'
`,
    },
    {
      name: 'no annotation at all',
      yaml: `
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop, uid: 1d2c}
data: {password: aHVudGVyMg==}`,
    },
  ],
  invalid: [
    {
      name: 'stringData repeated in plaintext',
      yaml: secret(
        '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"stringData":{"password":"hunter2","user":"app"}}',
      ),
      findings: [
        {
          path: 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
          message:
            'the kubectl.kubernetes.io/last-applied-configuration annotation repeats the Secret\'s values in plaintext metadata (stringData "password", "user")',
        },
      ],
    },
    {
      name: 'data repeated, after the value was rotated by other means',
      yaml: secret(
        '{"apiVersion":"v1","kind":"Secret","data":{"password":"b2xkLXZhbHVl"}}',
        'data:\n  password: bmV3LXZhbHVl',
      ),
      findings: [
        {
          path: 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
          message:
            'the kubectl.kubernetes.io/last-applied-configuration annotation repeats the Secret\'s values in plaintext metadata (data "password")',
        },
      ],
    },
    {
      name: 'read from a cluster with --secret-metadata: the dropped last-applied copy and a dropped token annotation',
      yaml: `
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  uid: 1d2c
  annotations:
    kubeward.io/redacted-annotations: '{"kubectl.kubernetes.io/last-applied-configuration":{"stringData":["POSTGRES_PASSWORD"]},"example.com/api-token":"value"}'
`,
      findings: [
        {
          path: 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
          message:
            'the kubectl.kubernetes.io/last-applied-configuration annotation repeats the Secret\'s values in plaintext metadata (stringData "POSTGRES_PASSWORD")',
        },
        {
          path: 'metadata.annotations["example.com/api-token"]',
          message:
            'the example.com/api-token annotation holds a value-like string in plaintext metadata (dropped when read, never stored)',
        },
      ],
    },
  ],
});
