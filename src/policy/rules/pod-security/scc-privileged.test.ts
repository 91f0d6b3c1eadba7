import { ruleTests } from '../../../../test/ruleTester.js';
import { sccPrivileged } from './scc-privileged.js';

ruleTests(sccPrivileged, {
  valid: [
    {
      name: 'restricted SCC, and a Pod is not an SCC',
      yaml: `
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: restricted-v2}
allowPrivilegedContainer: false
runAsUser: {type: MustRunAsRange}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
allowPrivilegedContainer: true
spec:
  containers: [{name: app, image: nginx:1.27}]
`,
    },
  ],
  invalid: [
    {
      name: 'privileged SCC with users and groups, YAML 1.1 "yes"',
      yaml: `
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: too-open}
allowPrivilegedContainer: yes
users: ["system:serviceaccount:ci:builder"]
groups: [system:authenticated]
`,
      findings: [
        {
          path: 'allowPrivilegedContainer',
          message:
            'SecurityContextConstraints "too-open" allows privileged containers (allowPrivilegedContainer: true); usable by system:serviceaccount:ci:builder, system:authenticated',
        },
      ],
    },
    {
      name: 'no subjects listed, users written as a string does not crash',
      yaml: `
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: priv}
allowPrivilegedContainer: true
users: admin
`,
      findings: [
        {
          path: 'allowPrivilegedContainer',
          message:
            'SecurityContextConstraints "priv" allows privileged containers (allowPrivilegedContainer: true)',
        },
      ],
    },
  ],
});
