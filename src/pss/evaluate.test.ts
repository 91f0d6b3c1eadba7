import { describe, expect, it } from 'vitest';
import { formatFieldPath } from '../k8s/fieldPath.js';
import { evaluatePodSecurity, podSecurityMessage, type EvaluateOptions } from './evaluate.js';
import type { PssLevel } from './types.js';

type Spec = Record<string, unknown>;

/** A pod that passes restricted at every version. */
function restrictedPod(extra: Spec = {}, containerExtra: Spec = {}): Spec {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: 'nginx',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        ...containerExtra,
      },
    ],
    ...extra,
  };
}

function reasons(spec: Spec, level: PssLevel, version: string, metadata: Spec = {}): string[] {
  return evaluatePodSecurity(metadata, spec, { level, version }).violations.map(
    (v) => `${v.reason} (${v.detail})`,
  );
}

function checkIds(spec: Spec, level: PssLevel, version: string): string[] {
  return evaluatePodSecurity({}, spec, { level, version }).violations.map((v) => v.checkId);
}

describe('evaluatePodSecurity', () => {
  it('allows everything at privileged', () => {
    const spec = { hostPID: true, containers: [{ name: 'a', securityContext: { privileged: true } }] };
    expect(evaluatePodSecurity({}, spec, { level: 'privileged', version: 'latest' })).toEqual({
      allowed: true,
      violations: [],
    });
  });

  it("reports upstream's message for a plain pod at restricted, checks in upstream order", () => {
    const spec = { containers: [{ name: 'app', image: 'nginx' }] };
    const result = evaluatePodSecurity({}, spec, { level: 'restricted', version: 'latest' });
    expect(podSecurityMessage({ level: 'restricted', version: 'latest' }, result.violations)).toBe(
      'violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it('pluralizes and lists containers in visiting order (init, regular, ephemeral)', () => {
    const spec = {
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
      containers: [{ name: 'b', securityContext: { privileged: true } }],
      initContainers: [{ name: 'a', securityContext: { privileged: true } }],
      ephemeralContainers: [{ name: 'c', securityContext: { privileged: true } }],
      volumes: [
        { name: 'proc', hostPath: { path: '/proc' } },
        { name: 'sys', hostPath: { path: '/sys' } },
      ],
    };
    expect(reasons(spec, 'baseline', 'latest')).toEqual([
      'host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)',
      'hostPath volumes (volumes "proc", "sys")',
      'privileged (containers "a", "b", "c" must not set securityContext.privileged=true)',
    ]);
  });

  it('sorts host ports as text, as upstream sets do', () => {
    const spec = {
      containers: [
        { name: 'a', ports: [{ containerPort: 80, hostPort: 8080 }] },
        { name: 'b', ports: [{ containerPort: 80, hostPort: 10000 }] },
      ],
    };
    expect(reasons(spec, 'baseline', 'latest')).toEqual([
      'hostPort (containers "a", "b" use hostPorts 10000, 8080)',
    ]);
  });

  it('gives every violation its items: container, absolute field path and own detail', () => {
    const spec = {
      containers: [
        { name: 'web', securityContext: { capabilities: { add: ['NET_ADMIN', 'CHOWN', 'SYS_ADMIN'] } } },
        { name: 'side', securityContext: { capabilities: { add: ['SYS_PTRACE'] } } },
      ],
    };
    const result = evaluatePodSecurity({}, spec, {
      level: 'baseline',
      version: 'latest',
      specPath: ['spec', 'template', 'spec'],
    });
    expect(result.violations).toHaveLength(1);
    const v = result.violations[0]!;
    expect(v.checkId).toBe('capabilities_baseline');
    expect(v.detail).toBe(
      'containers "web", "side" must not include "NET_ADMIN", "SYS_ADMIN", "SYS_PTRACE" in securityContext.capabilities.add',
    );
    expect(v.items.map((i) => ({ ...i, path: formatFieldPath(i.path) }))).toEqual([
      {
        container: 'web',
        path: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]',
        reason: 'non-default capabilities',
        detail:
          'container "web" must not include "NET_ADMIN", "SYS_ADMIN" in securityContext.capabilities.add',
      },
      {
        container: 'side',
        path: 'spec.template.spec.containers[1].securityContext.capabilities.add[0]',
        reason: 'non-default capabilities',
        detail: 'container "side" must not include "SYS_PTRACE" in securityContext.capabilities.add',
      },
    ]);
  });

  it('reports an explicit runAsNonRoot=false alone, naming pod and containers', () => {
    const spec = restrictedPod({
      securityContext: { runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'a',
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
            runAsNonRoot: false,
          },
        },
        { name: 'b', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
      ],
    });
    expect(reasons(spec, 'restricted', 'latest')).toEqual([
      'runAsNonRoot != true (pod and container "a" must not set securityContext.runAsNonRoot=false)',
    ]);
  });

  it('names the AppArmor annotations, values quoted as Go %q', () => {
    const metadata = {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/app': 'unconfined',
        'container.apparmor.security.beta.kubernetes.io/ghost': 'localhost/ok',
      },
    };
    const spec = {
      securityContext: { appArmorProfile: { type: 'Unconfined' } },
      containers: [{ name: 'app' }],
    };
    expect(reasons(spec, 'baseline', 'latest', metadata)).toEqual([
      'forbidden AppArmor profiles (pod and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/app="unconfined"")',
    ]);
  });

  it('reads seccomp annotations before v1.19 and the fields from v1.19', () => {
    const metadata = { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } };
    const spec = {
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [{ name: 'app' }],
    };
    expect(reasons(spec, 'baseline', 'v1.18', metadata)).toEqual([
      'seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")',
    ]);
    expect(reasons(spec, 'baseline', 'v1.19', metadata)).toEqual([
      'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
    ]);
  });

  describe('hostPort defaulting in hostNetwork pods (README rule 7)', () => {
    const spec = {
      hostNetwork: true,
      containers: [{ name: 'app', ports: [{ containerPort: 8080 }] }],
    };
    const options = (defaultHostPorts: boolean): EvaluateOptions => ({
      level: 'baseline',
      version: 'latest',
      defaultHostPorts,
    });

    it('applies to Pods: the port counts as hostPort = containerPort', () => {
      expect(evaluatePodSecurity({}, spec, options(true)).violations.map((v) => v.detail)).toEqual([
        'hostNetwork=true',
        'container "app" uses hostPort 8080',
      ]);
    });

    it('does not apply to pod templates', () => {
      expect(evaluatePodSecurity({}, spec, options(false)).violations.map((v) => v.checkId)).toEqual([
        'hostNamespaces',
      ]);
    });
  });

  it('treats a volume without a source as emptyDir (allowed at restricted)', () => {
    expect(reasons(restrictedPod({ volumes: [{ name: 'scratch' }] }), 'restricted', 'latest')).toEqual([]);
    expect(
      reasons(
        restrictedPod({ volumes: [{ name: 'n', nfs: { server: 'x', path: '/' } }] }),
        'restricted',
        'latest',
      ),
    ).toEqual(['restricted volume types (volume "n" uses restricted volume type "nfs")']);
  });

  it('does not crash on wrong types and reads them as unset', () => {
    const spec = {
      containers: ['not a container', { name: 'app', securityContext: 'nope', ports: 'x' }],
      initContainers: 'none',
      volumes: [null, 3],
      securityContext: { sysctls: 'x', seccompProfile: 'RuntimeDefault' },
    };
    expect(checkIds(spec, 'baseline', 'latest')).toEqual([]);
    expect(checkIds(spec, 'restricted', 'latest')).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
    expect(evaluatePodSecurity(null, 'x', { level: 'restricted', version: 'latest' }).allowed).toBe(true);
  });
});

describe('policy changes without fixtures', () => {
  describe('Windows pods are exempt from restricted capabilities, seccomp and allowPrivilegeEscalation from v1.25', () => {
    const windows = {
      os: { name: 'windows' },
      securityContext: { runAsNonRoot: true },
      containers: [{ name: 'app', securityContext: { capabilities: { add: ['SYS_ADMIN'] } } }],
    };

    it('at v1.25 only the baseline-independent checks remain', () => {
      expect(checkIds(windows, 'restricted', 'v1.25')).toEqual([]);
      expect(checkIds(windows, 'restricted', 'latest')).toEqual([]);
    });

    it('at v1.24 all three apply', () => {
      expect(checkIds(windows, 'restricted', 'v1.24')).toEqual([
        'allowPrivilegeEscalation',
        'capabilities_restricted',
        'seccompProfile_restricted',
      ]);
    });

    it('baseline capabilities still apply to Windows pods at baseline', () => {
      expect(checkIds(windows, 'baseline', 'v1.25')).toEqual(['capabilities_baseline']);
    });

    it('a Linux pod is not exempt', () => {
      const linux = { ...windows, os: { name: 'linux' } };
      expect(checkIds(linux, 'restricted', 'v1.25')).toEqual([
        'allowPrivilegeEscalation',
        'capabilities_restricted',
        'seccompProfile_restricted',
      ]);
    });
  });

  describe('SELinux type container_engine_t is allowed from v1.31', () => {
    const spec = {
      containers: [{ name: 'app', securityContext: { seLinuxOptions: { type: 'container_engine_t' } } }],
    };

    it('is forbidden at v1.30', () => {
      expect(reasons(spec, 'baseline', 'v1.30')).toEqual([
        'seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: type "container_engine_t")',
      ]);
    });

    it('is allowed at v1.31 and later', () => {
      expect(reasons(spec, 'baseline', 'v1.31')).toEqual([]);
      expect(reasons(spec, 'baseline', 'latest')).toEqual([]);
    });

    it('user and role are still forbidden', () => {
      const bad = {
        securityContext: { seLinuxOptions: { type: 'container_engine_t', user: 'system_u', role: 'r' } },
        containers: [{ name: 'app' }],
      };
      expect(reasons(bad, 'baseline', 'v1.31')).toEqual([
        'seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: user may not be set; role may not be set)',
      ]);
    });
  });

  describe('hostUsers: false relaxes runAsNonRoot and runAsUser from v1.35', () => {
    const userns = restrictedPod({
      hostUsers: false,
      securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } },
    });

    it('v1.34 rejects root in a user-namespaced pod', () => {
      expect(checkIds(userns, 'restricted', 'v1.34')).toEqual(['runAsNonRoot', 'runAsUser']);
    });

    it('v1.35 allows it', () => {
      expect(checkIds(userns, 'restricted', 'v1.35')).toEqual([]);
      expect(checkIds(userns, 'restricted', 'latest')).toEqual([]);
    });

    it('hostUsers: true is not relaxed', () => {
      expect(checkIds({ ...userns, hostUsers: true }, 'restricted', 'v1.35')).toEqual([
        'runAsNonRoot',
        'runAsUser',
      ]);
    });
  });

  describe('procMount: baseline relaxed for user-namespaced pods from v1.35, restricted not', () => {
    const unmasked = (hostUsers: boolean | undefined) =>
      restrictedPod(hostUsers === undefined ? {} : { hostUsers }, {
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          procMount: 'Unmasked',
        },
      });

    it('baseline rejects Unmasked in a user-namespaced pod at v1.34, allows it at v1.35', () => {
      expect(checkIds(unmasked(false), 'baseline', 'v1.34')).toEqual(['procMount']);
      expect(checkIds(unmasked(false), 'baseline', 'v1.35')).toEqual([]);
    });

    it('baseline still rejects Unmasked without a user namespace at v1.35', () => {
      expect(checkIds(unmasked(undefined), 'baseline', 'v1.35')).toEqual(['procMount']);
      expect(checkIds(unmasked(true), 'baseline', 'v1.35')).toEqual(['procMount']);
    });

    it('restricted uses procMount_restricted from v1.35, with no user-namespace exemption', () => {
      expect(checkIds(unmasked(false), 'restricted', 'v1.34')).toEqual(['procMount']);
      expect(reasons(unmasked(false), 'restricted', 'v1.35')).toEqual([
        'procMount (container "app" must not set securityContext.procMount to "Unmasked")',
      ]);
      expect(checkIds(unmasked(false), 'restricted', 'latest')).toEqual(['procMount_restricted']);
    });
  });
});
