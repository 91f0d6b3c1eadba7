import { ruleTests } from '../../../../test/ruleTester.js';
import { netpolDangling } from './netpol-dangling.js';

const WORKLOADS = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  template:
    metadata: {labels: {app: db, tier: data}}
    spec:
      containers: [{name: db, image: postgres:16}]
`;
const policy = (spec: string, ns = 'shop') => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: ${ns}}
spec:
${spec}
`;

ruleTests(netpolDangling, {
  valid: [
    {
      name: 'an invalid policy is left to the scan errors (the API server rejects it), not judged here',
      yaml: `${WORKLOADS}---${policy(`
  podSelector:
    matchExpressions: [{key: app, operator: Equals, values: [web]}]`)}`,
    },
    {
      name: 'peers of a direction that policyTypes leave out are ignored by Kubernetes, so not judged',
      yaml: `${WORKLOADS}---${policy(`
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: db}}}]}]
  egress: [{to: [{podSelector: {matchLabels: {app: gone}}}]}]`)}`,
    },
    {
      name: 'selector and same-namespace peers match workloads',
      yaml: `${WORKLOADS}---${policy(`
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from:
    - podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
  egress:
  - to: [{podSelector: {matchLabels: {tier: data}}}]`)}`,
    },
    {
      name: 'empty selectors, ipBlocks and cross-namespace peers are not judged',
      yaml: `${WORKLOADS}---${policy(`
  podSelector: {}
  ingress:
  - from:
    - podSelector: {}
    - namespaceSelector: {matchLabels: {team: ops}}
      podSelector: {matchLabels: {app: prometheus}}
    - ipBlock: {cidr: 10.0.0.0/8}`)}`,
    },
    {
      name: 'a namespace without workloads in the input is skipped',
      yaml: `${WORKLOADS}---${policy('  podSelector: {matchLabels: {app: web}}', 'billing')}`,
    },
    {
      name: 'a CNI policy of the same kind name is not read',
      yaml: `${WORKLOADS}---
apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata: {name: c, namespace: shop}
spec: {podSelector: {matchLabels: {app: nope}}}
`,
    },
  ],
  invalid: [
    {
      name: 'a typo in spec.podSelector',
      yaml: `${WORKLOADS}---${policy('  podSelector: {matchLabels: {app: wbe}}\n  policyTypes: [Ingress]')}`,
      findings: [
        {
          path: 'spec.podSelector',
          message:
            'spec.podSelector (app=wbe) matches no workload in namespace "shop" of the input: the policy protects no pod (this may be intentional if those pods are deployed from elsewhere)',
        },
      ],
    },
    {
      name: 'dangling ingress and egress peers (the AND of matchLabels and matchExpressions)',
      yaml: `${WORKLOADS}---${policy(`
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
    - podSelector:
        matchLabels: {app: web}
        matchExpressions: [{key: tier, operator: Exists}]
  egress:
  - to:
    - ipBlock: {cidr: 10.0.0.0/8}
    - podSelector: {matchLabels: {app: cache}}`)}`,
      findings: [
        {
          path: 'spec.ingress[0].from[1].podSelector',
          message:
            'ingress peer podSelector (app=web,tier) matches no workload in namespace "shop" of the input: the rule admits traffic from any pod that later carries these labels (this may be intentional if those pods are deployed from elsewhere)',
        },
        {
          path: 'spec.egress[0].to[1].podSelector',
          message:
            'egress peer podSelector (app=cache) matches no workload in namespace "shop" of the input: the rule allows traffic to any pod that later carries these labels (this may be intentional if those pods are deployed from elsewhere)',
        },
      ],
    },
    {
      name: 'a policy without namespace is in "default"; a PodTemplate there does not count as a workload',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: api}}
spec:
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: PodTemplate
metadata: {name: t}
template:
  metadata: {labels: {app: web}}
  spec:
    containers: [{name: app, image: nginx:1.27}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec: {podSelector: {matchLabels: {app: web}}}
`,
      findings: [
        {
          path: 'spec.podSelector',
          message:
            'spec.podSelector (app=web) matches no workload in namespace "default" of the input: the policy protects no pod (this may be intentional if those pods are deployed from elsewhere)',
        },
      ],
    },
  ],
});
