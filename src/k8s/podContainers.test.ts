import { describe, expect, it } from 'vitest';
import { ALL_PODS, LINUX_ONLY, podContainers, type PodContainerOptions } from './podContainers.js';
import { containersOf, podTemplateOf } from './podSpec.js';
import type { JsonRecord } from './shape.js';

function deployment(spec: JsonRecord): JsonRecord {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { template: { spec } },
  };
}

const spec: JsonRecord = {
  securityContext: { runAsUser: 1000 },
  initContainers: [{ name: 'init' }],
  containers: [{ name: 'app', securityContext: { runAsUser: 0, privileged: true } }, { name: 'side' }],
  ephemeralContainers: [{ name: 'debug' }],
};

function visit(podSpec: JsonRecord, options?: PodContainerOptions) {
  const template = podTemplateOf(deployment(podSpec), 'Deployment');
  if (template === undefined) throw new Error('no template');
  return [...podContainers({ template, containers: containersOf(template) }, options)].map(({ ref, sc }) => ({
    name: ref.name,
    path: ref.path.join('.'),
    runAsUser: sc.runAsUser && { value: sc.runAsUser.value, path: sc.runAsUser.path.join('.') },
    privileged: sc.privileged?.value,
  }));
}

describe('podContainers', () => {
  it('visits init, regular and ephemeral containers in that order, each with its effective security context', () => {
    expect(visit(spec)).toEqual([
      {
        name: 'init',
        path: 'spec.template.spec.initContainers.0',
        runAsUser: { value: 1000, path: 'spec.template.spec.securityContext.runAsUser' },
        privileged: undefined,
      },
      {
        name: 'app',
        path: 'spec.template.spec.containers.0',
        runAsUser: { value: 0, path: 'spec.template.spec.containers.0.securityContext.runAsUser' },
        privileged: true,
      },
      {
        name: 'side',
        path: 'spec.template.spec.containers.1',
        runAsUser: { value: 1000, path: 'spec.template.spec.securityContext.runAsUser' },
        privileged: undefined,
      },
      {
        name: 'debug',
        path: 'spec.template.spec.ephemeralContainers.0',
        runAsUser: { value: 1000, path: 'spec.template.spec.securityContext.runAsUser' },
        privileged: undefined,
      },
    ]);
  });

  it('leaves out ephemeral containers when asked', () => {
    expect(visit(spec, { withoutEphemeral: true }).map((c) => c.name)).toEqual(['init', 'app', 'side']);
  });

  it('visits no container of a Windows pod with LINUX_ONLY, and all of them otherwise', () => {
    const windows = { ...spec, os: { name: 'windows' } };
    expect(visit(windows, LINUX_ONLY)).toEqual([]);
    expect(visit(windows, ALL_PODS).map((c) => c.name)).toEqual(['init', 'app', 'side', 'debug']);
  });

  it('visits a Linux pod (os.name linux, or no os) in full with LINUX_ONLY', () => {
    expect(visit({ ...spec, os: { name: 'linux' } }, LINUX_ONLY)).toHaveLength(4);
    expect(visit(spec, LINUX_ONLY)).toHaveLength(4);
  });
});
