import { defineWorkloadRule } from '../../types.js';
import { hostPathExposureCheck } from './hostPaths.js';

export const runtimeSocketMount = defineWorkloadRule({
  id: 'runtime-socket-mount',
  title: 'Pod mounts the container runtime socket',
  category: 'pod-security',
  severity: 'critical',
  description:
    'A `hostPath` volume (`volumes[*].hostPath.path`, trailing slashes and `.`/`..` segments normalised) is a container runtime API socket or exposes one: ' +
    '/var/run/docker.sock, /run/docker.sock, /var/run/containerd/containerd.sock, /run/containerd/containerd.sock, /run/k3s/containerd/containerd.sock, ' +
    '/var/run/crio/crio.sock, /run/crio/crio.sock, /var/run/cri-dockerd.sock, /run/cri-dockerd.sock, /var/run/dockershim.sock, or any path ending in ' +
    'docker.sock, containerd.sock, crio.sock or cri-dockerd.sock; the runtime state directories /var/run/docker, /run/docker, /var/run/containerd, ' +
    '/run/containerd, /run/k3s/containerd, /var/run/crio, /run/crio and anything under them; or `/`, `/run`, `/var/run`, which contain the sockets. ' +
    'A mount whose `subPath` reaches such a path is reported at the subPath. `readOnly` does not matter: a read-only mount still allows connect(2). ' +
    'This rule takes precedence over hostpath-sensitive, hostpath-writable and hostpath-volume for the same path.',
  rationale:
    'The runtime API is root on the node without authentication: with the socket an attacker starts a new privileged container with the host filesystem ' +
    'mounted (`docker run --privileged -v /:/host`), execs into any container on the node and reads its secrets, or stops security agents — all outside ' +
    'Kubernetes RBAC and audit logging. A full, silent node takeover — critical.',
  remediation:
    'Remove the volume. Build images with a daemonless builder (BuildKit rootless, kaniko, buildah), read container metadata from the Kubernetes API, ' +
    'and for monitoring agents use the CRI API through a vetted agent in a dedicated namespace.',
  references: {
    cis: ['5.2.12'],
    nsa: ['Kubernetes Pod security: Pod security enforcement'],
    mitre: ['T1611', 'T1610', 'T1609'],
    pss: 'HostPath Volumes (baseline)',
    links: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  },
  targets: ['workload'],
  check: hostPathExposureCheck({
    risk: 'runtime-socket',
    describe: ({ hostPath, risk }) => `host path ${hostPath} (${risk.reason})`,
    namesWriters: { mount: false, volume: false },
  }),
});
