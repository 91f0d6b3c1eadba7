import { ruleTests } from '../../../../test/ruleTester.js';
import { netpolSensitivePortOpen } from './netpol-sensitive-port-open.js';

const DB = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: postgres
        image: postgres:16
        ports: [{name: pg, containerPort: 5432}, {name: metrics, containerPort: 9187}]
`;
const policy = (spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
${spec}
`;
const doc = (spec: string) => [DB, policy(spec)].join('---');

ruleTests(netpolSensitivePortOpen, {
  valid: [
    {
      name: 'the database port from one client only; metrics from anywhere is not sensitive',
      yaml: doc(`  ingress:
  - from: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: 5432}]
  - ports: [{port: metrics}]`),
    },
    {
      name: 'a namespaceSelector {} narrowed by a podSelector, and a private ipBlock, are not "anywhere"',
      yaml: doc(`  ingress:
  - from:
    - namespaceSelector: {}
      podSelector: {matchLabels: {role: backup}}
    - ipBlock: {cidr: 10.0.0.0/8}`),
    },
    {
      name: 'UDP 5432 from anywhere does not reach the TCP port; rules of an unlisted direction are ignored',
      yaml: doc(`  policyTypes: [Egress]
  ingress: [{}]
  egress: [{ports: [{port: 5432, protocol: UDP}]}]`),
    },
    {
      name: 'a policy selecting no pod of the input opens nothing',
      yaml: [DB, policy('  ingress: [{}]').replace('app: db}', 'app: cache}')].join('---'),
    },
  ],
  invalid: [
    {
      name: 'no "from": every source reaches PostgreSQL (ports missing: all of them)',
      yaml: doc('  ingress: [{}]'),
      findings: [
        {
          path: 'spec.ingress[0]',
          message:
            'ingress rule admits every source (the rule has no "from") to TCP 5432 (PostgreSQL) of shop/db[StatefulSet]',
        },
      ],
    },
    {
      name: 'every pod of every namespace, to the port by name; 0.0.0.0/0 with private ranges excepted',
      yaml: doc(`  ingress:
  - from: [{namespaceSelector: {}}]
    ports: [{port: pg}]
  - from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
    ports: [{port: 5000, endPort: 6000}]`),
      findings: [
        {
          path: 'spec.ingress[0]',
          message:
            'ingress rule admits every pod of every namespace (namespaceSelector: {}) to TCP 5432 (PostgreSQL) of shop/db[StatefulSet]',
        },
        {
          path: 'spec.ingress[1]',
          message:
            'ingress rule admits ipBlock 0.0.0.0/0 except 10.0.0.0/8 to TCP 5432 (PostgreSQL) of shop/db[StatefulSet]',
        },
      ],
    },
    {
      name: 'IPv6 ::/0 to SSH and etcd ports of several workloads',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: bastion, namespace: ops}
spec:
  template:
    metadata: {labels: {tier: admin}}
    spec:
      containers: [{name: sshd, image: sshd:1, ports: [{containerPort: 22}]}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: etcd, namespace: ops}
spec:
  template:
    metadata: {labels: {tier: admin, app: etcd}}
    spec:
      containers: [{name: etcd, image: etcd:3, ports: [{containerPort: 2379}, {containerPort: 2380}, {containerPort: 22}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: admin, namespace: ops}
spec:
  podSelector: {matchLabels: {tier: admin}}
  ingress: [{from: [{ipBlock: {cidr: "::/0"}}]}]
`,
      findings: [
        {
          path: 'spec.ingress[0]',
          message:
            'ingress rule admits ipBlock ::/0 to TCP 22 (SSH) of ops/bastion[Deployment], ops/etcd[StatefulSet]',
        },
        {
          path: 'spec.ingress[0]',
          message: 'ingress rule admits ipBlock ::/0 to TCP 2379 (etcd) of ops/etcd[StatefulSet]',
        },
        {
          path: 'spec.ingress[0]',
          message: 'ingress rule admits ipBlock ::/0 to TCP 2380 (etcd) of ops/etcd[StatefulSet]',
        },
      ],
    },
  ],
});
