import { ruleTests } from '../../../../test/ruleTester.js';
import { controlPlanePlacement } from './control-plane-placement.js';

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

const HOST = '      volumes: [{name: root, hostPath: {path: /}}]';

ruleTests(controlPlanePlacement, {
  valid: [
    { name: 'no tolerations', yaml: ds('') },
    { name: 'a toleration of another taint', yaml: ds('      tolerations: [{key: gpu, operator: Exists}]') },
    {
      name: 'a NoExecute-only toleration does not tolerate the NoSchedule taint',
      yaml: ds(
        '      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoExecute}]',
      ),
    },
    { name: 'in kube-system', yaml: ds('      tolerations: [{operator: Exists}]', 'kube-system') },
    {
      name: 'tolerates every taint but constrained away by affinity',
      yaml: ds(
        [
          '      tolerations: [{operator: Exists}]',
          '      affinity:',
          '        nodeAffinity:',
          '          requiredDuringSchedulingIgnoredDuringExecution:',
          '            nodeSelectorTerms:',
          '            - matchExpressions: [{key: node-role.kubernetes.io/control-plane, operator: DoesNotExist}]',
        ].join('\n'),
      ),
    },
    {
      name: 'with host access it is control-plane-host-access',
      yaml: ds(`      tolerations: [{operator: Exists}]\n${HOST}`),
    },
  ],
  invalid: [
    {
      name: 'tolerates every taint',
      yaml: ds('      tolerations: [{key: gpu, operator: Exists}, {operator: Exists}]'),
      findings: [
        {
          path: 'spec.template.spec.tolerations[1]',
          message:
            'pod tolerates every taint (operator: Exists without a key), outside kube-system: it runs next to etcd and the API server',
        },
      ],
    },
    {
      name: 'tolerates the master taint and selects control-plane nodes',
      yaml: ds(
        [
          '      nodeSelector: {node-role.kubernetes.io/control-plane: ""}',
          '      tolerations: [{key: node-role.kubernetes.io/master, effect: NoSchedule}]',
        ].join('\n'),
      ),
      findings: [
        {
          path: 'spec.template.spec.nodeSelector["node-role.kubernetes.io/control-plane"]',
          message:
            'pod selects control-plane nodes (nodeSelector node-role.kubernetes.io/control-plane), outside kube-system: it runs next to etcd and the API server',
        },
      ],
    },
    {
      name: 'required affinity for control-plane nodes',
      yaml: ds(
        [
          '      affinity:',
          '        nodeAffinity:',
          '          requiredDuringSchedulingIgnoredDuringExecution:',
          '            nodeSelectorTerms:',
          '            - matchExpressions: [{key: node-role.kubernetes.io/control-plane, operator: Exists}]',
        ].join('\n'),
      ),
      findings: [
        {
          path: 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]',
          message:
            'pod selects control-plane nodes (required node affinity node-role.kubernetes.io/control-plane Exists), outside kube-system: it runs next to etcd and the API server',
        },
      ],
    },
  ],
});
