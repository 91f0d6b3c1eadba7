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
  ],
});
