/**
 * hostPath volumes of a pod, joined to the container mounts that use them, and the
 * classification of host paths that the hostPath rules share.
 *
 * The hostPath rules divide the work so that each exposure is reported once, by the
 * most specific rule:
 * - a classified path (`classifyHostPath`: runtime socket, else cloud credentials,
 *   else sensitive) → runtime-socket-mount / hostpath-cloud-creds / hostpath-sensitive,
 *   which also say which containers mount it read-write (`exposedHostPaths`);
 * - a read-write mount of an unclassified path → hostpath-writable
 *   (`writableUnclassifiedMounts`);
 * - any other hostPath volume → hostpath-volume.
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import type { ContainerRef, PodTemplate } from '../../../k8s/podSpec.js';
import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import type { Report, WorkloadRuleContext } from '../../types.js';

export interface HostPathMount {
  readonly container: ContainerRef;
  /** Absolute path of the `volumeMounts[j]` entry. */
  readonly path: FieldPath;
  /** `readOnly: true` (YAML 1.1 `yes`/`on` included, the loader decodes them). */
  readonly readOnly: boolean;
  readonly subPath?: string;
  /** The host path this mount exposes (volume path + subPath), normalised; undefined when not an absolute POSIX path. */
  readonly hostPath: string | undefined;
}

export interface HostPathVolume {
  readonly name: string;
  /** Absolute path of the `volumes[i]` entry. */
  readonly path: FieldPath;
  /** Absolute path of `volumes[i].hostPath.path`. */
  readonly pathField: FieldPath;
  /** `hostPath.path` as written, when it is a string. */
  readonly raw: string | undefined;
  /** `hostPath.path` normalised (see `normaliseHostPath`); undefined when not an absolute POSIX path. */
  readonly hostPath: string | undefined;
  /** The mounts of this volume in every container (init, regular, ephemeral). */
  readonly mounts: readonly HostPathMount[];
}

/**
 * `/etc/` → `/etc`, `//var/./lib/../lib/kubelet` → `/var/lib/kubelet`, `` → undefined.
 * Only absolute POSIX paths are normalised; a Windows path (`C:\…`) gives undefined.
 */
export function normaliseHostPath(raw: string): string | undefined {
  if (!raw.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/** Every hostPath volume of the pod with the container mounts that reference it by name. */
export function hostPathVolumesOf(
  template: PodTemplate,
  containers: readonly ContainerRef[],
): HostPathVolume[] {
  const volumes = asArray(template.spec.volumes);
  const out: HostPathVolume[] = [];
  for (let i = 0; i < volumes.length; i++) {
    const volume = asRecord(volumes[i]);
    const hostPathSource = asRecord(volume?.hostPath);
    if (volume === undefined || hostPathSource === undefined) continue;
    const name = asString(volume.name) ?? `volumes[${i}]`;
    const raw = asString(hostPathSource.path);
    const hostPath = raw === undefined ? undefined : normaliseHostPath(raw);
    const mounts: HostPathMount[] = [];
    for (const c of containers) {
      const list = asArray(c.container.volumeMounts);
      for (let j = 0; j < list.length; j++) {
        const mount = asRecord(list[j]);
        if (mount === undefined || typeof volume.name !== 'string' || mount.name !== volume.name) continue;
        const subPath = asString(mount.subPath);
        const exposed =
          hostPath === undefined || subPath === undefined || subPath === ''
            ? hostPath
            : normaliseHostPath(`${hostPath}/${subPath}`);
        mounts.push({
          container: c,
          path: [...c.path, 'volumeMounts', j],
          readOnly: mount.readOnly === true,
          ...(subPath !== undefined && subPath !== '' ? { subPath } : {}),
          hostPath: exposed,
        });
      }
    }
    out.push({
      name,
      path: [...template.specPath, 'volumes', i],
      pathField: [...template.specPath, 'volumes', i, 'hostPath', 'path'],
      raw,
      hostPath,
      mounts,
    });
  }
  return out;
}

export type HostPathRiskKind = 'runtime-socket' | 'cloud-credentials' | 'sensitive';

export interface HostPathRisk {
  readonly kind: HostPathRiskKind;
  /** What the path holds, for the message: `the containerd API socket`. */
  readonly reason: string;
}

/** Container runtime API sockets at their standard locations. */
const RUNTIME_SOCKETS: ReadonlyMap<string, string> = new Map([
  ['/var/run/docker.sock', 'Docker'],
  ['/run/docker.sock', 'Docker'],
  ['/var/run/containerd/containerd.sock', 'containerd'],
  ['/run/containerd/containerd.sock', 'containerd'],
  ['/run/k3s/containerd/containerd.sock', 'k3s containerd'],
  ['/var/run/crio/crio.sock', 'CRI-O'],
  ['/run/crio/crio.sock', 'CRI-O'],
  ['/var/run/cri-dockerd.sock', 'cri-dockerd'],
  ['/run/cri-dockerd.sock', 'cri-dockerd'],
  ['/var/run/dockershim.sock', 'dockershim'],
]);

/** A socket of these names anywhere (rootless Docker, snap installs, custom `--address`). */
const RUNTIME_SOCKET_NAMES: ReadonlyMap<string, string> = new Map([
  ['docker.sock', 'Docker'],
  ['containerd.sock', 'containerd'],
  ['crio.sock', 'CRI-O'],
  ['cri-dockerd.sock', 'cri-dockerd'],
]);

/** Runtime state directories: the directory or anything under it exposes the runtime's sockets. */
const RUNTIME_DIRS: ReadonlyMap<string, string> = new Map([
  ['/var/run/docker', 'Docker'],
  ['/run/docker', 'Docker'],
  ['/var/run/containerd', 'containerd'],
  ['/run/containerd', 'containerd'],
  ['/run/k3s/containerd', 'k3s containerd'],
  ['/var/run/crio', 'CRI-O'],
  ['/run/crio', 'CRI-O'],
]);

/**
 * Directories that contain the runtime sockets directly. `/var` is not listed: on
 * current distributions `/var/run` is a symlink to `/run`, which does not resolve to
 * the host's `/run` inside the container (hostpath-sensitive reports `/var` instead).
 */
const SOCKET_PARENTS: ReadonlyMap<string, string> = new Map([
  ['/', 'the whole host filesystem, runtime sockets included'],
  ['/run', 'the directory of the container runtime sockets'],
  ['/var/run', 'the directory of the container runtime sockets'],
]);

/** Sensitive as a whole: the path itself, anything under it, and any directory that contains it. */
const SENSITIVE_TREES: ReadonlyMap<string, string> = new Map([
  ['/boot', 'kernel images and boot loader'],
  ['/dev', 'host devices: raw disks and memory'],
  ['/proc', "host processes' memory and environment, kernel interfaces"],
  ['/sys', 'kernel and cgroup interfaces'],
  ['/root', "root's home: SSH keys, kubeconfig"],
  ['/home', 'user homes: SSH keys, credentials'],
  ['/etc/kubernetes', 'kubelet and control-plane kubeconfigs and PKI'],
  ['/etc/ssh', 'SSH host keys and daemon configuration'],
  ['/etc/shadow', 'password hashes'],
  ['/etc/sudoers', 'sudo rules'],
  ['/etc/sudoers.d', 'sudo rules'],
  ['/etc/crontab', 'cron jobs run as root'],
  ['/etc/cron.d', 'cron jobs run as root'],
  ['/var/lib/kubelet', "kubelet state: every pod's secrets and service-account tokens"],
  ['/var/lib/etcd', 'etcd data: every Secret of the cluster'],
  ['/var/lib/docker', "Docker storage: every container's filesystem"],
  ['/var/lib/containerd', "containerd storage: every container's filesystem"],
  ['/var/log', 'host logs (writable, the kubelet log-symlink escape)'],
]);

/**
 * Sensitive as a directory, not below it: the path and any directory containing it.
 * Files below them are routinely mounted read-only and harmless (`/etc/localtime`,
 * `/usr/share/zoneinfo`, `/lib/modules`); the dangerous ones under `/etc` are listed
 * in SENSITIVE_TREES.
 */
const SENSITIVE_DIRS: ReadonlyMap<string, string> = new Map([
  ['/etc', 'host configuration'],
  ['/usr', 'host binaries and libraries'],
  ['/lib', 'host libraries'],
  ['/lib64', 'host libraries'],
  ['/bin', 'host binaries'],
  ['/sbin', 'host binaries'],
]);

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
}

function cloudCredentials(path: string): string | undefined {
  if (isUnder(path, '/etc/kubernetes/azure.json')) {
    return "the Azure cloud-provider config with the cluster's service-principal secret";
  }
  const segs = path.split('/');
  if (segs.includes('.aws')) return 'AWS credentials';
  if (segs.includes('.azure')) return 'Azure CLI credentials';
  for (let i = 0; i + 1 < segs.length; i++) {
    if (segs[i] === '.config' && segs[i + 1] === 'gcloud') return 'Google Cloud SDK credentials';
  }
  return undefined;
}

/**
 * What a normalised absolute host path exposes, most specific class first:
 * 1. runtime-socket: a known runtime socket (RUNTIME_SOCKETS, or a file named
 *    docker.sock, containerd.sock, crio.sock, cri-dockerd.sock anywhere), a runtime
 *    state directory or anything under it (RUNTIME_DIRS), or `/`, `/run`, `/var/run`;
 * 2. cloud-credentials: a path with a `.aws` or `.azure` segment or `.config/gcloud`,
 *    or `/etc/kubernetes/azure.json`;
 * 3. sensitive: a SENSITIVE_TREES entry, anything under one, or a directory containing
 *    one (`/var`, `/var/lib`); a SENSITIVE_DIRS entry or a directory containing one.
 */
export function classifyHostPath(path: string): HostPathRisk | undefined {
  const socket = RUNTIME_SOCKETS.get(path) ?? RUNTIME_SOCKET_NAMES.get(path.slice(path.lastIndexOf('/') + 1));
  if (socket !== undefined) return { kind: 'runtime-socket', reason: `the ${socket} API socket` };
  for (const [dir, runtime] of RUNTIME_DIRS) {
    if (isUnder(path, dir))
      return { kind: 'runtime-socket', reason: `the ${runtime} state directory with its API socket` };
  }
  const parent = SOCKET_PARENTS.get(path);
  if (parent !== undefined) return { kind: 'runtime-socket', reason: parent };

  const creds = cloudCredentials(path);
  if (creds !== undefined) return { kind: 'cloud-credentials', reason: creds };

  for (const [dir, reason] of SENSITIVE_TREES) {
    if (isUnder(path, dir)) return { kind: 'sensitive', reason };
  }
  const dirReason = SENSITIVE_DIRS.get(path);
  if (dirReason !== undefined) return { kind: 'sensitive', reason: dirReason };
  for (const [dir, reason] of [...SENSITIVE_TREES, ...SENSITIVE_DIRS]) {
    if (isUnder(dir, path)) return { kind: 'sensitive', reason: `contains ${dir}: ${reason}` };
  }
  return undefined;
}

/** A classified host path a volume exposes, and where to report it. */
export interface ExposedHostPath {
  readonly hostPath: string;
  readonly risk: HostPathRisk;
  /** `volumes[i].hostPath.path`, or the mount's `subPath` when the subPath reaches the path. */
  readonly path: FieldPath;
  /** Set when a mount's subPath (not the volume) reaches the path. */
  readonly mount?: HostPathMount;
  /** Containers that mount this exposure without `readOnly: true`, in container order, each once. */
  readonly writableBy: readonly string[];
}

function uniqueNames(mounts: readonly HostPathMount[]): string[] {
  return [...new Set(mounts.map((m) => m.container.name))];
}

/**
 * The classified host paths a volume exposes:
 * - the volume's own path when it is classified and exposed whole — by a mount
 *   without `subPath`, or because no container mounts it yet (the catalog checks the
 *   volume) — reported at `hostPath.path`;
 * - each mount whose `subPath` leads to a classified path, unless the same class is
 *   already reported for the whole volume (`hostPath: /var` is sensitive, but
 *   `subPath: run/docker.sock` reaches a runtime socket), reported at the `subPath`.
 * A volume mounted only through subPaths is judged by those paths alone (`hostPath: /`
 * with `subPath: data` exposes `/data`, not `/`). `subPathExpr` cannot be resolved
 * statically and is not followed.
 */
export function exposedHostPaths(volume: HostPathVolume): ExposedHostPath[] {
  const out: ExposedHostPath[] = [];
  const whole = volume.mounts.filter((m) => m.subPath === undefined);
  const exposedWhole = volume.mounts.length === 0 || whole.length > 0;
  const own = volume.hostPath === undefined ? undefined : classifyHostPath(volume.hostPath);
  if (own !== undefined && volume.hostPath !== undefined && exposedWhole) {
    out.push({
      hostPath: volume.hostPath,
      risk: own,
      path: volume.pathField,
      writableBy: uniqueNames(whole.filter((m) => !m.readOnly)),
    });
  }
  for (const mount of volume.mounts) {
    if (mount.subPath === undefined || mount.hostPath === undefined) continue;
    const risk = classifyHostPath(mount.hostPath);
    if (risk === undefined || (exposedWhole && risk.kind === own?.kind)) continue;
    out.push({
      hostPath: mount.hostPath,
      risk,
      path: [...mount.path, 'subPath'],
      mount,
      writableBy: mount.readOnly ? [] : [mount.container.name],
    });
  }
  return out;
}

/**
 * Read-write mounts whose exposed host path (volume path, plus subPath) no
 * classification covers: hostpath-writable's domain. A read-write mount of a
 * classified path is reported by the classifying rule, which names the writers.
 */
export function writableUnclassifiedMounts(volume: HostPathVolume): HostPathMount[] {
  return volume.mounts.filter(
    (m) => !m.readOnly && (m.hostPath === undefined || classifyHostPath(m.hostPath) === undefined),
  );
}

/** `container "a"` / `containers "a", "b"`, for messages. */
export function containerList(names: readonly string[]): string {
  return `${names.length === 1 ? 'container' : 'containers'} ${names.map((n) => `"${n}"`).join(', ')}`;
}

/** How a path is shown in messages: normalised when possible, else as written. */
export function displayHostPath(volume: HostPathVolume): string {
  return volume.hostPath ?? (volume.raw !== undefined ? JSON.stringify(volume.raw) : '(no path)');
}

/**
 * The template of the rules that report one class of host path (`classifyHostPath`):
 * runtime-socket-mount, hostpath-cloud-creds and hostpath-sensitive are its metadata plus
 * these parameters.
 */
export interface HostPathExposureParams {
  /** The class of host path the rule reports. */
  readonly risk: HostPathRiskKind;
  /** How messages name the exposed path: `sensitive host path /etc (host configuration)`. */
  readonly describe: (exposed: ExposedHostPath) => string;
  /**
   * Whether messages name the read-write mounts (which hostpath-writable then leaves to this
   * rule): a subPath mount's message ends `, read-write`, a volume's `, read-write in container "a"`.
   */
  readonly namesWriters: { readonly mount: boolean; readonly volume: boolean };
}

/** The check: one report per exposure of the class, at the volume's `hostPath.path` or at the mount's `subPath`. */
export function hostPathExposureCheck(params: HostPathExposureParams) {
  const { risk, describe, namesWriters } = params;
  return function* check({ workload }: WorkloadRuleContext): Iterable<Report> {
    for (const volume of hostPathVolumesOf(workload.template, workload.containers)) {
      for (const exposed of exposedHostPaths(volume)) {
        if (exposed.risk.kind !== risk) continue;
        const what = describe(exposed);
        const written = exposed.writableBy.length > 0;
        if (exposed.mount) {
          const rw = namesWriters.mount && written ? ', read-write' : '';
          yield {
            message: `container "${exposed.mount.container.name}" mounts ${what} through volume "${volume.name}"${rw}`,
            path: exposed.path,
            container: exposed.mount.container.name,
          };
        } else {
          const rw =
            namesWriters.volume && written ? `, read-write in ${containerList(exposed.writableBy)}` : '';
          yield { message: `volume "${volume.name}" mounts ${what}${rw}`, path: exposed.path };
        }
      }
    }
  };
}
