import { ruleTests } from '../../../../test/ruleTester.js';
import { podNotIsolated } from './pod-not-isolated.js';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`;

ruleTests(podNotIsolated, {
  valid: [
    {
      name: 'namespace default deny for both directions (podSelector {})',
      yaml: `${DEPLOYMENT}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`,
    },
    {
      name: 'ingress from one policy, egress from another whose policyTypes default to include Egress',
      yaml: `${DEPLOYMENT}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {matchLabels: {app: lb}}}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: front-out, namespace: shop}
spec:
  podSelector:
    matchExpressions: [{key: tier, operator: In, values: [front, edge]}]
  egress: [{to: [{podSelector: {matchLabels: {app: api}}}]}]
`,
    },
    {
      name: 'a workload without a namespace is in "default", where the policy is',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: x}}
spec:
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: default}
spec: {policyTypes: [Ingress, Egress]}
`,
    },
    {
      name: 'a PodTemplate starts no pods',
      yaml: `
apiVersion: v1
kind: PodTemplate
metadata: {name: t, namespace: shop}
template:
  metadata: {labels: {app: t}}
  spec:
    containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'NotIn selects pods that lack the key',
      yaml: `${DEPLOYMENT}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: not-debug, namespace: shop}
spec:
  podSelector:
    matchExpressions: [{key: debug, operator: NotIn, values: ["true"]}]
  policyTypes: [Ingress, Egress]
`,
    },
  ],
  invalid: [
    {
      name: 'no NetworkPolicy at all',
      yaml: DEPLOYMENT,
      findings: [
        {
          path: 'spec.template.metadata.labels',
          message:
            'no NetworkPolicy in namespace "shop" selects pods labelled app=web,tier=front: all ingress and egress traffic is allowed',
        },
      ],
    },
    {
      name: 'policies of another namespace, of a CNI kind, or for other labels do not count',
      yaml: `${DEPLOYMENT}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: billing}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: calico, namespace: shop}
spec: {selector: all(), types: [Ingress, Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress, Egress]}
`,
      findings: [
        {
          path: 'spec.template.metadata.labels',
          message:
            'no NetworkPolicy in namespace "shop" selects pods labelled app=web,tier=front: all ingress and egress traffic is allowed',
        },
      ],
    },
    {
      name: 'a policy without policyTypes and without egress rules isolates ingress only',
      yaml: `${DEPLOYMENT}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{from: [{podSelector: {}}]}]
  egress: []
`,
      findings: [
        {
          path: 'spec.template.metadata.labels',
          message:
            'pods labelled app=web,tier=front are not isolated for egress: NetworkPolicy "web" selects them for ingress only, so they can connect to any destination',
        },
      ],
    },
    {
      name: 'egress-only policies leave ingress open',
      yaml: `${DEPLOYMENT}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: a, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{}]}
`,
      findings: [
        {
          path: 'spec.template.metadata.labels',
          message:
            'pods labelled app=web,tier=front are not isolated for ingress: NetworkPolicies "a", "b" select them for egress only, so any source can connect to them',
        },
      ],
    },
    {
      name: 'CronJob pods without labels; a policy with matchLabels does not select them',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: app, image: busybox:1.36}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress, Egress]}
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.metadata.labels',
          message:
            'no NetworkPolicy in namespace "shop" selects pods with no labels: all ingress and egress traffic is allowed',
        },
      ],
    },
    {
      name: 'a bare Pod: labels under metadata; label values are case-sensitive',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop, labels: {app: Web}}
spec:
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress, Egress]}
`,
      findings: [
        {
          path: 'metadata.labels',
          message:
            'no NetworkPolicy in namespace "shop" selects pods labelled app=Web: all ingress and egress traffic is allowed',
        },
      ],
    },
  ],
});
