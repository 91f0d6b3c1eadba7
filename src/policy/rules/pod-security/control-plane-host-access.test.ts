import { ruleTests } from '../../../../test/ruleTester.js';
import { controlPlaneHostAccess } from './control-plane-host-access.js';

const ds = (spec: string, namespace = 'monitoring'): string => `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: ghcr.io/acme/agent:1.0}]
${spec}`;

ruleTests(controlPlaneHostAccess, {
  valid: [
    {
      name: 'tolerates every taint without host access (control-plane-placement)',
      yaml: ds('      tolerations: [{operator: Exists}]'),
    },
    { name: 'host access without a control-plane toleration', yaml: ds('      hostPID: true') },
    {
      name: 'in kube-system',
      yaml: ds('      hostPID: true\n      tolerations: [{operator: Exists}]', 'kube-system'),
    },
  ],
  invalid: [
    {
      name: 'node exporter style: every taint, hostPID and hostPath',
      yaml: ds(
        [
          '      hostPID: true',
          '      tolerations: [{operator: Exists}]',
          '      volumes: [{name: root, hostPath: {path: /}}, {name: sys, hostPath: {path: /sys}}]',
        ].join('\n'),
      ),
      findings: [
        {
          path: 'spec.template.spec.tolerations[0]',
          message:
            "pod tolerates every taint (operator: Exists without a key) and has host access (hostPath /, /sys; hostPID): it can read the control plane's credentials on the node",
        },
      ],
    },
    {
      name: 'a privileged pod tolerating the control-plane taint',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: ops}
spec:
  tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]
  containers: [{name: sh, image: busybox:1.36, securityContext: {privileged: true}}]`,
      findings: [
        {
          path: 'spec.tolerations[0]',
          message:
            'pod tolerates the node-role.kubernetes.io/control-plane taint and has host access (privileged container "sh"): it can read the control plane\'s credentials on the node',
        },
      ],
    },
  ],
});
