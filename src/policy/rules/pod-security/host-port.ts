import { podContainers } from '../../../k8s/podContainers.js';
import { asArray, asRecord } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const hostPort = defineWorkloadRule({
  id: 'host-port',
  title: 'Container binds a port on the node',
  category: 'pod-security',
  severity: 'medium',
  description:
    'A container (init, regular or ephemeral) lists a port with `hostPort` set to a number other than 0 (`…containers[*].ports[*].hostPort`). ' +
    'With `hostNetwork: true` the API server fills hostPort in from containerPort; that case is reported by host-network, and here only when hostPort is written.',
  rationale:
    'A hostPort publishes the container on every address of the node, outside Services and usually outside NetworkPolicy (CNI plugins apply it inconsistently to host ports), ' +
    'so the workload becomes reachable from wherever the node is reachable. It also pins the pod to nodes where the port is free and lets a compromised workload ' +
    'squat a port other node software expects. It exposes, but does not escalate — medium.',
  remediation:
    'Remove `hostPort` and expose the workload with a Service (ClusterIP, NodePort or LoadBalancer) so that traffic goes through kube-proxy and NetworkPolicy.',
  references: {
    cis: ['5.2.13'],
    nsa: ['Network separation and hardening'],
    mitre: ['T1133'],
    pss: 'Host Ports (baseline)',
    links: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c } of podContainers(workload)) {
      const ports = asArray(c.container.ports);
      for (let i = 0; i < ports.length; i++) {
        const host = asRecord(ports[i])?.hostPort;
        if (typeof host !== 'number' || host === 0) continue;
        yield {
          message: `container "${c.name}" binds host port ${host} (ports[${i}].hostPort)`,
          path: [...c.path, 'ports', i, 'hostPort'],
          container: c.name,
        };
      }
    }
  },
});
