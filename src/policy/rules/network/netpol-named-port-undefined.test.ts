import { ruleTests } from '../../../../test/ruleTester.js';
import { netpolNamedPortUndefined } from './netpol-named-port-undefined.js';

const WORKLOADS = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        ports: [{name: http, containerPort: 8080}, {name: stats, containerPort: 9000, protocol: UDP}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: app, image: api:1, ports: [{name: grpc, containerPort: 9090}]}]
`;
const policy = (spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
${spec}
`;
const doc = (spec: string) => [WORKLOADS, policy(spec)].join('---');

ruleTests(netpolNamedPortUndefined, {
  valid: [
    {
      name: 'ingress names a port of the selected pods, with its protocol; egress names a port of the destination',
      yaml: doc(`  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress, Egress]
  ingress: [{ports: [{port: http}, {port: stats, protocol: UDP}]}]
  egress: [{to: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: grpc}]}]`),
    },
    {
      name: 'an egress rule without "to" resolves on every pod: one of them defines the name',
      yaml: doc(`  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{ports: [{port: grpc}]}]`),
    },
    {
      name: 'a policy that selects no pod of the input is left to netpol-dangling; ignored directions are not read',
      yaml:
        doc(`  podSelector: {matchLabels: {app: gone}}
  ingress: [{ports: [{port: nothing}]}]`) +
        `---${policy(`  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  ingress: [{ports: [{port: nothing}]}]
  egress: [{to: [{podSelector: {matchLabels: {app: api}}}]}]`).replace('name: p,', 'name: q,')}`,
    },
  ],
  invalid: [
    {
      name: 'a typo on the selected pods; a name defined with another protocol',
      yaml: doc(`  podSelector: {matchLabels: {app: web}}
  ingress:
  - ports: [{port: htpp}, {port: stats}]`),
      findings: [
        {
          path: 'spec.ingress[0].ports[0].port',
          message:
            'named port "htpp" (TCP) is defined by no container of the pods this policy selects: the entry allows no traffic',
        },
        {
          path: 'spec.ingress[0].ports[1].port',
          message:
            'named port "stats" (TCP) is defined by no container of the pods this policy selects (they define "stats" with protocol UDP, and the protocol must match): the entry allows no traffic',
        },
      ],
    },
    {
      name: 'egress to pods that define another name; egress to ipBlocks only',
      yaml: doc(`  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: http}]
  - to: [{ipBlock: {cidr: 192.0.2.0/24}}]
    ports: [{port: 443}, {port: https}]`),
      findings: [
        {
          path: 'spec.egress[0].ports[0].port',
          message:
            'named port "http" (TCP) is defined by no container of the destination pods of this egress rule: the entry allows no traffic',
        },
        {
          path: 'spec.egress[1].ports[1].port',
          message:
            'named port "https" (TCP) of an egress rule whose destinations are all ipBlocks: a name resolves only on a destination pod, so the entry allows no traffic',
        },
      ],
    },
  ],
});
