import { describe, expect, it } from 'vitest';
import { containersOf, podTemplateOf } from '../../../k8s/podSpec.js';
import type { JsonRecord } from '../../../k8s/shape.js';
import {
  classifyHostPath,
  exposedHostPaths,
  hostPathVolumesOf,
  normaliseHostPath,
  writableUnclassifiedMounts,
} from './hostPaths.js';

function volumesOf(spec: JsonRecord) {
  const template = podTemplateOf({ spec }, 'Pod')!;
  return hostPathVolumesOf(template, containersOf(template));
}

describe('normaliseHostPath', () => {
  it.each([
    ['/etc/', '/etc'],
    ['//var/./lib/../lib/kubelet/', '/var/lib/kubelet'],
    ['/', '/'],
    ['/..', '/'],
    ['/data', '/data'],
  ])('%s → %s', (raw, want) => {
    expect(normaliseHostPath(raw)).toBe(want);
  });

  it.each(['', 'relative/dir', 'C:\\Windows'])('%j is not an absolute POSIX path', (raw) => {
    expect(normaliseHostPath(raw)).toBeUndefined();
  });
});

describe('classifyHostPath', () => {
  it.each([
    ['/var/run/docker.sock', 'runtime-socket', 'the Docker API socket'],
    ['/run/user/1000/docker.sock', 'runtime-socket', 'the Docker API socket'],
    ['/run/containerd', 'runtime-socket', 'the containerd state directory with its API socket'],
    [
      '/run/containerd/io.containerd.runtime.v2.task',
      'runtime-socket',
      'the containerd state directory with its API socket',
    ],
    ['/var/run/crio/crio.sock', 'runtime-socket', 'the CRI-O API socket'],
    ['/', 'runtime-socket', 'the whole host filesystem, runtime sockets included'],
    ['/run', 'runtime-socket', 'the directory of the container runtime sockets'],
    ['/root/.aws', 'cloud-credentials', 'AWS credentials'],
    ['/home/ops/.config/gcloud/credentials.db', 'cloud-credentials', 'Google Cloud SDK credentials'],
    ['/data/.azure', 'cloud-credentials', 'Azure CLI credentials'],
    [
      '/etc/kubernetes/azure.json',
      'cloud-credentials',
      "the Azure cloud-provider config with the cluster's service-principal secret",
    ],
    ['/etc', 'sensitive', 'host configuration'],
    ['/etc/kubernetes/pki', 'sensitive', 'kubelet and control-plane kubeconfigs and PKI'],
    ['/proc/1/root', 'sensitive', "host processes' memory and environment, kernel interfaces"],
    ['/var/lib/kubelet/pods', 'sensitive', "kubelet state: every pod's secrets and service-account tokens"],
    [
      '/var',
      'sensitive',
      "contains /var/lib/kubelet: kubelet state: every pod's secrets and service-account tokens",
    ],
    [
      '/var/lib',
      'sensitive',
      "contains /var/lib/kubelet: kubelet state: every pod's secrets and service-account tokens",
    ],
    ['/var/log/pods', 'sensitive', 'host logs (writable, the kubelet log-symlink escape)'],
    ['/usr', 'sensitive', 'host binaries and libraries'],
  ])('%s is %s', (path, kind, reason) => {
    expect(classifyHostPath(path)).toEqual({ kind, reason });
  });

  it.each([
    '/etc/localtime',
    '/usr/share/zoneinfo',
    '/lib/modules',
    '/data',
    '/opt/cni/bin',
    '/etcd',
    '/devices',
    '/run/flannel',
  ])('%s is not classified', (path) => {
    expect(classifyHostPath(path)).toBeUndefined();
  });
});

describe('hostPathVolumesOf', () => {
  it('joins mounts of every container kind by volume name, with readOnly and subPath', () => {
    const volumes = volumesOf({
      volumes: [
        { name: 'cfg', configMap: { name: 'c' } },
        'junk',
        { name: 'data', hostPath: { path: '/data/' } },
      ],
      initContainers: [{ name: 'init', volumeMounts: [{ name: 'data', mountPath: '/d', subPath: 'x/' }] }],
      containers: [
        {
          name: 'app',
          volumeMounts: [
            { name: 'cfg', mountPath: '/c' },
            { name: 'data', mountPath: '/d', readOnly: true },
          ],
        },
      ],
      ephemeralContainers: [{ name: 'debug', volumeMounts: 'data' }],
    });
    expect(volumes).toHaveLength(1);
    const [data] = volumes;
    expect(data!.name).toBe('data');
    expect(data!.hostPath).toBe('/data');
    expect(data!.pathField).toEqual(['spec', 'volumes', 2, 'hostPath', 'path']);
    expect(
      data!.mounts.map((m) => [m.container.name, m.readOnly, m.subPath, m.hostPath, m.path.join('.')]),
    ).toEqual([
      ['init', false, 'x/', '/data/x', 'spec.initContainers.0.volumeMounts.0'],
      ['app', true, undefined, '/data', 'spec.containers.0.volumeMounts.1'],
    ]);
  });

  it('does not crash on volumes written as a string or a hostPath without a path', () => {
    expect(volumesOf({ volumes: 'host', containers: [] })).toEqual([]);
    const [v] = volumesOf({ volumes: [{ name: 'h', hostPath: { path: 42 } }], containers: [] });
    expect(v!.raw).toBeUndefined();
    expect(v!.hostPath).toBeUndefined();
  });

  it('does not join a nameless mount to a nameless volume', () => {
    const [v] = volumesOf({
      volumes: [{ hostPath: { path: '/data' } }],
      containers: [{ name: 'a', volumeMounts: [{ mountPath: '/d' }] }],
    });
    expect(v!.name).toBe('volumes[0]');
    expect(v!.mounts).toEqual([]);
  });
});

describe('exposedHostPaths and writableUnclassifiedMounts', () => {
  it('reports a subPath that reaches a path of another class than the volume', () => {
    const [v] = volumesOf({
      volumes: [{ name: 'var', hostPath: { path: '/var' } }],
      containers: [
        { name: 'a', volumeMounts: [{ name: 'var', mountPath: '/v', readOnly: true }] },
        { name: 'b', volumeMounts: [{ name: 'var', mountPath: '/s', subPath: 'run/docker.sock' }] },
        { name: 'c', volumeMounts: [{ name: 'var', mountPath: '/l', subPath: 'lib/kubelet' }] },
      ],
    });
    expect(
      exposedHostPaths(v!).map((e) => [e.hostPath, e.risk.kind, e.mount?.container.name, e.writableBy]),
    ).toEqual([
      ['/var', 'sensitive', undefined, []],
      ['/var/run/docker.sock', 'runtime-socket', 'b', ['b']],
    ]);
    expect(writableUnclassifiedMounts(v!)).toEqual([]);
  });

  it('judges a volume mounted only through subPaths by those paths', () => {
    const [v] = volumesOf({
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
      containers: [{ name: 'a', volumeMounts: [{ name: 'root', mountPath: '/d', subPath: 'data' }] }],
    });
    expect(exposedHostPaths(v!)).toEqual([]);
    expect(writableUnclassifiedMounts(v!).map((m) => m.hostPath)).toEqual(['/data']);
  });

  it('reports an unmounted classified volume at its path, with no writers', () => {
    const [v] = volumesOf({ volumes: [{ name: 'etc', hostPath: { path: '/etc' } }], containers: [] });
    expect(exposedHostPaths(v!)).toEqual([
      {
        hostPath: '/etc',
        risk: { kind: 'sensitive', reason: 'host configuration' },
        path: ['spec', 'volumes', 0, 'hostPath', 'path'],
        writableBy: [],
      },
    ]);
  });
});
