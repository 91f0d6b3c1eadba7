import { ruleTests } from '../../../../test/ruleTester.js';
import { serviceExternalIps } from './service-external-ips.js';

ruleTests(serviceExternalIps, {
  valid: [
    {
      name: 'no externalIPs, or an empty list',
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: a}
spec: {selector: {app: a}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec: {type: LoadBalancer, externalIPs: []}
`,
    },
    {
      name: 'a list of non-strings only, and a string instead of a list (the shape check reports both)',
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: a}
spec: {externalIPs: [7, null]}
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec: {externalIPs: "203.0.113.10"}
`,
    },
  ],
  invalid: [
    {
      name: 'externalIPs on a ClusterIP Service',
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: intercept, namespace: tenant-a}
spec:
  selector: {app: mitm}
  ports: [{port: 443}]
  externalIPs: [203.0.113.10, 198.51.100.7]
`,
      findings: [
        {
          path: 'spec.externalIPs',
          message:
            'Service sets spec.externalIPs (203.0.113.10, 198.51.100.7): traffic any pod or node sends to these addresses is captured by this Service (CVE-2020-8554)',
        },
      ],
    },
    {
      name: 'one address among non-strings is enough, and only it is named',
      yaml: `
apiVersion: v1
kind: Service
metadata: {name: a, namespace: shop}
spec: {externalIPs: [7, 203.0.113.10]}
`,
      findings: [
        {
          path: 'spec.externalIPs',
          message:
            'Service sets spec.externalIPs (203.0.113.10): traffic any pod or node sends to these addresses is captured by this Service (CVE-2020-8554)',
        },
      ],
    },
  ],
});
