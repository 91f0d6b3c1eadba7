import { NETPOL_DENY_ALL, deployment, grant, loadBalancer } from '../../../../test/graphRuleInput.js';
import { ruleTests } from '../../../../test/ruleTester.js';
import { graphSecretFromEntry } from './graph-secret-from-entry.js';

const DB_ENV = 'env: [{name: P, valueFrom: {secretKeyRef: {name: pw, key: p}}}]';
const web = (container = '') =>
  deployment(
    'web',
    `automountServiceAccountToken: false, containers: [{name: web, image: web:1${container}}]`,
  );
const db = deployment(
  'db',
  `automountServiceAccountToken: false, containers: [{name: db, image: db:1, ports: [{containerPort: 5432}], ${DB_ENV}}]`,
);
const secret =
  'apiVersion: v1\nkind: Secret\nmetadata: {name: pw, namespace: shop}\nstringData: {p: x}\n---\n';

ruleTests(graphSecretFromEntry, {
  valid: [
    {
      name: 'the Secret is only used by a workload nothing exposes, and nothing reaches',
      yaml: db + secret + NETPOL_DENY_ALL + web() + loadBalancer('web'),
    },
    { name: 'exposed, but no Secret on any path', yaml: web() + loadBalancer('web') },
    {
      name: 'no NetworkPolicy: the exposed workload may connect to the one that reads it (a second exploit, left to kubeward exposure)',
      yaml: web() + loadBalancer('web') + db,
    },
  ],
  invalid: [
    {
      name: 'the exposed workload reads the Secret, which is in the input: reported on the Secret',
      yaml: web(`, ${DB_ENV}`) + loadBalancer('web') + secret,
      findings: [
        {
          path: 'metadata.name',
          message:
            'reachable from shop/Service/web in 2 hops: shop/Service/web -ENDPOINT_EXPLOIT-> shop/Deployment/web -SECRET_READ-> shop/Secret/pw',
        },
      ],
    },
    {
      name: 'the exposed workload escapes to the node, whose kubelet holds the Secret of another workload: on that workload',
      yaml: web(', securityContext: {privileged: true}') + loadBalancer('web') + db,
      findings: [
        {
          path: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name',
          message:
            'Secret shop/pw (not in the input) is reachable from shop/Service/web in 3 hops: shop/Service/web -ENDPOINT_EXPLOIT-> shop/Deployment/web -CE_PRIV_MOUNT-> Node/* -SECRET_READ-> shop/Secret/pw',
        },
      ],
    },
    {
      name: 'get secrets in the namespace: reported once, on the first workload that references it',
      yaml:
        web().replace('automountServiceAccountToken: false, ', 'serviceAccountName: web, ') +
        loadBalancer('web') +
        NETPOL_DENY_ALL +
        db +
        db
          .replaceAll('name: db', 'name: db2')
          .replace('app: db', 'app: db2')
          .replace('app: db}', 'app: db2}') +
        grant('web', `[{apiGroups: [""], resources: [secrets], verbs: [get]}]`, false),
      findings: [
        {
          path: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name',
          message:
            'Secret shop/pw (not in the input) is reachable from shop/Service/web in 3 hops: shop/Service/web -ENDPOINT_EXPLOIT-> shop/Deployment/web -IDENTITY_ASSUME-> shop/ServiceAccount/web -SECRET_READ-> shop/Secret/pw',
        },
      ],
    },
  ],
});
