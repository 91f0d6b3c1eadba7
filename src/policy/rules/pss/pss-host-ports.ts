import { defineWorkloadRule } from '../../types.js';
import { pssCheck } from './pssEvaluation.js';

export const pssHostPorts = defineWorkloadRule({
  id: 'pss-host-ports',
  title: 'Container uses a hostPort (PSS baseline: Host Ports)',
  category: 'pss',
  severity: 'medium',
  description:
    'Pod Security Standards check `hostPorts`, exactly as Pod Security Admission decides it: no container port may have a non-zero `hostPort`. As the API server defaults it, in a `hostNetwork: true` Pod (not in workload templates) a port without hostPort counts as hostPort = containerPort.',
  rationale:
    'A hostPort publishes the container on every address of its node, outside Services, Ingress and usually outside NetworkPolicy, so the workload becomes an entry point nobody reviewed; it also ties pods to nodes. It widens exposure without giving node access by itself, hence medium.',
  remediation:
    'Remove `hostPort` and expose the workload through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress/Gateway.',
  references: {
    cis: ['5.2.13'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    pss: 'Host Ports (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  needsModel: true,
  check: pssCheck(['hostPorts']),
});
