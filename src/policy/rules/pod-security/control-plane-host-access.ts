import { defineWorkloadRule } from '../../types.js';
import { controlPlaneCheck } from './controlPlanePlacement.js';

export const controlPlaneHostAccess = defineWorkloadRule({
  id: 'control-plane-host-access',
  title: 'Workload with host access can run on control-plane nodes',
  category: 'pod-security',
  severity: 'high',
  description:
    'A workload outside `kube-system` that can run on control-plane nodes (as in control-plane-placement: it selects them, or tolerates ' +
    '`node-role.kubernetes.io/control-plane`, `node-role.kubernetes.io/master` or every taint without a required affinity excluding them) and ' +
    'has host access: a `hostPath` volume, `spec.hostPID: true` or a privileged container (`securityContext.privileged`). The message names the ' +
    'access. Reported at the toleration, nodeSelector key or affinity expression.',
  rationale:
    'On a control-plane node the host is the cluster: /etc/kubernetes/pki holds the CA and the API server keys, /etc/kubernetes/admin.conf a ' +
    'cluster-admin kubeconfig, /var/lib/etcd every Secret. A pod there with a hostPath, the host PID namespace or privilege reads them directly — ' +
    'one compromised image is a compromised cluster. High.',
  remediation:
    'Keep the workload off control-plane nodes (remove the toleration or add a required node affinity `node-role.kubernetes.io/control-plane ' +
    'DoesNotExist`), or remove its host access; a node agent that really must run there belongs in `kube-system` with a documented exception.',
  references: {
    nsa: ['Network separation and hardening: Control plane hardening'],
    mitre: ['T1611', 'T1552.001'],
    links: [
      'https://kubernetes.io/docs/reference/labels-annotations-taints/#node-role-kubernetes-io-control-plane-taint',
      'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/',
    ],
  },
  targets: ['workload'],
  needsModel: true,
  check: controlPlaneCheck(true),
});
