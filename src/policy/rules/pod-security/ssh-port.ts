import { podContainers } from '../../../k8s/podContainers.js';
import type { ContainerRef } from '../../../k8s/podSpec.js';
import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';

/** Ports of the container that look like SSH: containerPort 22 or 2222 (TCP), or a port named `ssh`. */
export function sshPorts(c: ContainerRef): { index: number; port: unknown; named: boolean }[] {
  const out: { index: number; port: unknown; named: boolean }[] = [];
  const ports = asArray(c.container.ports);
  for (let i = 0; i < ports.length; i++) {
    const p = asRecord(ports[i]);
    if (p === undefined) continue;
    const protocol = asString(p.protocol) ?? 'TCP';
    const byNumber = (p.containerPort === 22 || p.containerPort === 2222) && protocol === 'TCP';
    const byName = asString(p.name)?.toLowerCase() === 'ssh';
    if (byNumber || byName) out.push({ index: i, port: p.containerPort, named: !byNumber });
  }
  return out;
}

export const sshPort = defineWorkloadRule({
  id: 'ssh-port',
  title: 'Container exposes an SSH port',
  category: 'pod-security',
  severity: 'medium',
  description:
    'A container (init, regular or ephemeral) declares `ports[*].containerPort` 22 or 2222 over TCP (the default protocol), or a port named `ssh`. ' +
    'One finding per port. privileged-port (opt-in) leaves these ports to this rule.',
  rationale:
    'An SSH server in a container is a second way in that bypasses Kubernetes authentication, RBAC and audit logging of `kubectl exec`; its keys or passwords ' +
    'live in the image or a volume and are rarely rotated, and it is a favourite target of brute-force and credential-stuffing bots once exposed. ' +
    'Medium: an exposure that becomes an entry point when the port is reachable.',
  remediation:
    'Remove the SSH server and port; use `kubectl exec` / `kubectl debug` (authorised and audited by the API server) for interactive access.',
  references: {
    nsa: ['Network separation and hardening'],
    mitre: ['T1021.004', 'T1133'],
    links: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c } of podContainers(workload)) {
      for (const { index, port, named } of sshPorts(c)) {
        yield {
          message: named
            ? `container "${c.name}" exposes a port named "ssh" (ports[${index}])`
            : `container "${c.name}" exposes SSH port ${String(port)} (ports[${index}].containerPort)`,
          path: named ? [...c.path, 'ports', index] : [...c.path, 'ports', index, 'containerPort'],
          container: c.name,
        };
      }
    }
  },
});
