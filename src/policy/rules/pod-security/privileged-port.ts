import { LINUX_ONLY, podContainers } from '../../../k8s/podContainers.js';
import { asArray, asRecord } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { sshPorts } from './ssh-port.js';

export const privilegedPort = defineWorkloadRule({
  id: 'privileged-port',
  title: 'Container listens on a privileged port (below 1024)',
  category: 'pod-security',
  severity: 'low',
  description:
    'A container (init, regular or ephemeral) declares a `ports[*].containerPort` from 1 to 1023. Ports that ssh-port reports (22, 2222, named ssh) are left to it. ' +
    'Windows pods are exempt (Windows has no privileged ports). ' +
    'Opt-in: containerPort is informational (the process decides what it binds), and containerd 2.x and Docker already set ' +
    'net.ipv4.ip_unprivileged_port_start=0 in containers, so a low port often needs no privilege at all.',
  rationale:
    'Where the unprivileged-port sysctl is not lowered, binding a port below 1024 needs root or CAP_NET_BIND_SERVICE, so images built for port 80/443 tend ' +
    'to run as root or keep that capability. Listening on a high port (and mapping 80→8080 in the Service) removes the reason. A hardening signal — low.',
  remediation:
    'Listen on a port ≥ 1024 (e.g. 8080) and map the well-known port in the Service (`port: 80, targetPort: 8080`); if a low port is unavoidable, ' +
    'grant only `NET_BIND_SERVICE` to a non-root user.',
  references: {
    nsa: ['Kubernetes Pod security: "Non-root" containers and "rootless" container engines'],
    mitre: ['T1068'],
    links: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service'],
  },
  targets: ['workload'],
  optIn: true,
  *check({ workload }): Iterable<Report> {
    for (const { ref: c } of podContainers(workload, LINUX_ONLY)) {
      const ssh = new Set(sshPorts(c).map((p) => p.index));
      const ports = asArray(c.container.ports);
      for (let i = 0; i < ports.length; i++) {
        const port = asRecord(ports[i])?.containerPort;
        if (ssh.has(i) || typeof port !== 'number' || port < 1 || port > 1023) continue;
        yield {
          message: `container "${c.name}" listens on privileged port ${port} (ports[${i}].containerPort)`,
          path: [...c.path, 'ports', i, 'containerPort'],
          container: c.name,
        };
      }
    }
  },
});
