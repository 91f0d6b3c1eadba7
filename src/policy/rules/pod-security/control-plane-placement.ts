import { defineWorkloadRule } from '../../types.js';
import { controlPlaneCheck } from './controlPlanePlacement.js';

export const controlPlanePlacement = defineWorkloadRule({
  id: 'control-plane-placement',
  title: 'Workload can run on control-plane nodes',
  category: 'pod-security',
  severity: 'medium',
  description:
    'A workload outside `kube-system` selects control-plane nodes (`spec.nodeSelector` or a required node affinity `Exists`/`In` on ' +
    '`node-role.kubernetes.io/control-plane` or `node-role.kubernetes.io/master`), or tolerates their `NoSchedule` taint (a toleration with ' +
    'one of those keys, or `operator: Exists` without a key, which tolerates every taint) without a required node affinity that excludes them ' +
    '(`DoesNotExist` on a control-plane key in every term). Pods without host access only; with hostPath, hostPID or a privileged container it is ' +
    "control-plane-host-access's. Reported at the toleration, nodeSelector key or affinity expression.",
  rationale:
    'Control-plane nodes run etcd, the API server, the controller manager and the scheduler, and keep their keys and kubeconfigs on disk. The taint ' +
    'keeps ordinary pods away so that an application compromise, a container escape or a noisy neighbour does not reach them; a workload that ' +
    "tolerates it shares the node with the cluster's most sensitive processes, one kernel exploit away. Medium without host access.",
  remediation:
    'Remove the control-plane toleration (a DaemonSet that must run everywhere tolerates named taints, not every taint), or add a required node ' +
    'affinity `node-role.kubernetes.io/control-plane DoesNotExist`; run cluster components that must be on the control plane in `kube-system`.',
  references: {
    nsa: ['Network separation and hardening: Control plane hardening'],
    mitre: ['T1611'],
    links: [
      'https://kubernetes.io/docs/reference/labels-annotations-taints/#node-role-kubernetes-io-control-plane-taint',
      'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/',
    ],
  },
  targets: ['workload'],
  needsModel: true,
  check: controlPlaneCheck(false),
});
