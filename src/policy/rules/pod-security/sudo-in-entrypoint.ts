import { podContainers } from '../../../k8s/podContainers.js';
import { asArray } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';

/**
 * `sudo` as a command word: at the start, after whitespace, a shell separator or a
 * quote, or as the last segment of a path (`/usr/bin/sudo`); followed by the end,
 * whitespace, a separator or a quote. Not `sudoers`, `pseudo`, `visudo`, `sudo.conf`.
 */
const SUDO = /(?:^|[\s;&|()`'"/])sudo(?=$|[\s;&|()`'"])/;

function excerpt(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

export const sudoInEntrypoint = defineWorkloadRule({
  id: 'sudo-in-entrypoint',
  title: 'Container runs sudo in its command',
  category: 'pod-security',
  severity: 'medium',
  description:
    "An element of a container's `command` or `args` (init, regular or ephemeral containers) invokes `sudo` as a command word — `sudo`, `/usr/bin/sudo`, " +
    'or `sudo` inside a shell string such as `sh -c "… && sudo …"`; words like `sudoers` or `visudo` do not count. One finding per container, at the first element. ' +
    'Only the manifest is visible: an image ENTRYPOINT that uses sudo is not.',
  rationale:
    'sudo in the start-up command means the image ships a setuid sudo and a policy that lets the container user become root, so "runs as non-root" is only ' +
    'nominal: anyone who gets code execution as that user runs `sudo` too. It also requires privilege escalation to be allowed (no_new_privs off). ' +
    'Medium: it undoes the non-root hardening rather than opening a hole by itself.',
  remediation:
    'Do the privileged step at build time (Dockerfile) or in an init container with the narrowest capability, remove sudo from the image, and set `allowPrivilegeEscalation: false`.',
  references: {
    nsa: ['Kubernetes Pod security: "Non-root" containers and "rootless" container engines'],
    mitre: ['T1548.003'],
    links: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c } of podContainers(workload)) {
      search: for (const field of ['command', 'args'] as const) {
        const items = asArray(c.container[field]);
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          if (typeof item !== 'string' || !SUDO.test(item)) continue;
          yield {
            message: `container "${c.name}" runs sudo (${field}[${i}]: ${excerpt(item)})`,
            path: [...c.path, field, i],
            container: c.name,
          };
          break search;
        }
      }
    }
  },
});
