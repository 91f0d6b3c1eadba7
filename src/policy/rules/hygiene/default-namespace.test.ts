import { ruleTests } from '../../../../test/ruleTester.js';
import { defaultNamespace } from './default-namespace.js';

ruleTests(defaultNamespace, {
  valid: [
    {
      name: 'explicit namespaces; cluster-scoped and unchecked kinds are not judged',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
`,
    },
    {
      name: 'namespaces that only contain the word: default-apps, kube-default',
      yaml: `
apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: default-apps}
---
apiVersion: v1
kind: Secret
metadata: {name: b, namespace: kube-default}
`,
    },
  ],
  invalid: [
    {
      name: 'a workload without namespace and a Service in "default"',
      yaml: `
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: app, image: busybox:1.36}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {selector: {app: web}}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: Default}
`,
      findings: [
        {
          path: 'metadata.namespace',
          message:
            'no metadata.namespace: it is created in whatever namespace the apply targets ("default" unless -n or the kubeconfig context says otherwise)',
        },
        { path: 'metadata.namespace', message: 'metadata.namespace is "default", the shared namespace' },
      ],
    },
    {
      name: 'the last kinds of the list: a ResourceQuota without namespace and a PodDisruptionBudget in default',
      yaml: `
apiVersion: v1
kind: ResourceQuota
metadata: {name: q}
spec: {hard: {pods: "10"}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb, namespace: default}
spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}
`,
      findings: [
        {
          path: 'metadata.namespace',
          message:
            'no metadata.namespace: it is created in whatever namespace the apply targets ("default" unless -n or the kubeconfig context says otherwise)',
        },
        { path: 'metadata.namespace', message: 'metadata.namespace is "default", the shared namespace' },
      ],
    },
  ],
});
