import { defineWorkloadRule } from '../../types.js';
import { hostPathExposureCheck } from './hostPaths.js';

export const hostpathSensitive = defineWorkloadRule({
  id: 'hostpath-sensitive',
  title: 'Pod mounts a sensitive host path',
  category: 'pod-security',
  severity: 'high',
  description:
    'A `hostPath` volume (path normalised: `/etc/` = `/etc`, `.`/`..` resolved) is, is under, or contains one of /boot, /dev, /proc, /sys, /root, /home, ' +
    '/etc/kubernetes, /etc/ssh, /etc/shadow, /etc/sudoers, /etc/sudoers.d, /etc/crontab, /etc/cron.d, /var/lib/kubelet, /var/lib/etcd, /var/lib/docker, ' +
    '/var/lib/containerd, /var/log; or is, or contains, /etc, /usr, /lib, /lib64, /bin or /sbin (files below those, such as /etc/localtime or ' +
    "/usr/share/zoneinfo, are not sensitive). So `/var` and `/var/lib` count (they contain the kubelet's directory). A mount whose `subPath` reaches such a " +
    "path is reported at the subPath. Paths that expose a runtime socket (`/`, `/run`, …) are runtime-socket-mount's and credential paths are " +
    "hostpath-cloud-creds'; a read-write mount is named in the message instead of being reported again by hostpath-writable.",
  rationale:
    'These paths hold what an attacker needs to own the node or the cluster: kubelet and control-plane credentials (/etc/kubernetes, /var/lib/kubelet has every ' +
    "pod's secrets and service-account tokens), etcd data, password hashes and SSH keys, devices and kernel interfaces (/dev, /proc, /sys: cgroup " +
    'release_agent and core_pattern escapes). Read access leaks credentials; write access (cron, sudoers, binaries, the kubelet log symlink trick) is ' +
    'code execution as root on the node. High.',
  remediation:
    'Remove the hostPath volume, or mount the narrowest file the workload needs with `readOnly: true` (and `type: File`). Credentials belong in Secrets; ' +
    'node metrics should come from a vetted agent in a dedicated namespace with a documented exception.',
  references: {
    cis: ['5.2.12'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1552.001', 'T1003.008', 'T1053.003'],
    pss: 'HostPath Volumes (baseline)',
    links: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  },
  targets: ['workload'],
  check: hostPathExposureCheck({
    risk: 'sensitive',
    describe: ({ hostPath, risk }) => `sensitive host path ${hostPath} (${risk.reason})`,
    namesWriters: { mount: true, volume: true },
  }),
});
