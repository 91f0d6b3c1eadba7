import { describe, expect, it } from 'vitest';
import { containersOf, podTemplateOf } from '../../../k8s/podSpec.js';
import { effectiveSecurityContext } from '../../../k8s/securityContext.js';
import type { JsonRecord } from '../../../k8s/shape.js';
import { effectiveAppArmorProfile, effectiveSeccompProfile } from './profiles.js';

function profiles(pod: JsonRecord) {
  const template = podTemplateOf(pod, 'Pod')!;
  return containersOf(template).map((c) => {
    const sc = effectiveSecurityContext(template, c);
    const s = effectiveSeccompProfile(template, c, sc);
    const a = effectiveAppArmorProfile(template, c, sc);
    return {
      name: c.name,
      seccomp: s && `${s.type ?? '-'} from ${s.source}`,
      apparmor: a && `${a.type ?? '-'} from ${a.source}`,
    };
  });
}

describe('effectiveSeccompProfile', () => {
  it('takes container field, container annotation, pod field, pod annotation — in that order', () => {
    const got = profiles({
      metadata: {
        annotations: {
          'seccomp.security.alpha.kubernetes.io/pod': 'unconfined',
          'container.seccomp.security.alpha.kubernetes.io/a': 'unconfined',
          'container.seccomp.security.alpha.kubernetes.io/b': 'localhost/p.json',
        },
      },
      spec: {
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'a',
            securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'a.json' } },
          },
          { name: 'b' },
          { name: 'c' },
        ],
      },
    });
    expect(got.map((g) => g.seccomp)).toEqual([
      'Localhost from container field',
      'Localhost from container annotation',
      'RuntimeDefault from pod field',
    ]);
  });

  it('falls back to the pod annotation, translating docker/default; ignores values the API server does not translate', () => {
    expect(
      profiles({
        metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default' } },
        spec: { containers: [{ name: 'a' }] },
      })[0]!.seccomp,
    ).toBe('RuntimeDefault from pod annotation');
    expect(
      profiles({
        metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/whatever' } },
        spec: { containers: [{ name: 'a' }] },
      })[0]!.seccomp,
    ).toBeUndefined();
  });
});

describe('effectiveAppArmorProfile', () => {
  it('takes container field, container annotation, then pod field; there is no pod annotation', () => {
    const got = profiles({
      metadata: {
        annotations: {
          'container.apparmor.security.beta.kubernetes.io/a': 'unconfined',
          'container.apparmor.security.beta.kubernetes.io/b': 'unconfined',
          'apparmor.security.beta.kubernetes.io/pod': 'unconfined',
        },
      },
      spec: {
        securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'a',
            securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-x' } },
          },
          { name: 'b' },
          { name: 'c' },
        ],
      },
    });
    expect(got.map((g) => g.apparmor)).toEqual([
      'Localhost from container field',
      'Unconfined from container annotation',
      'RuntimeDefault from pod field',
    ]);
  });

  it('is undefined when nothing is set', () => {
    expect(profiles({ spec: { containers: [{ name: 'a' }] } })[0]!.apparmor).toBeUndefined();
  });
});
