/**
 * The effective security context of a container: the one function every rule and
 * the PSS evaluator use to answer "what does this container run with".
 *
 * Semantics follow the kubelet's `securitycontext.DetermineEffectiveSecurityContext`
 * (pkg/securitycontext/util.go): the fields that exist at both levels
 * (runAsUser, runAsGroup, runAsNonRoot, seLinuxOptions, seccompProfile,
 * appArmorProfile, windowsOptions) take the container's value when it is set and the
 * pod's otherwise; `windowsOptions` merges field by field; seLinuxOptions,
 * seccompProfile and appArmorProfile are replaced whole. The container-only fields
 * (privileged, allowPrivilegeEscalation, capabilities, readOnlyRootFilesystem,
 * procMount) come from the container alone.
 */
import type { FieldPath } from './fieldPath.js';
import type { ContainerRef, PodTemplate } from './podSpec.js';
import { asRecord, type JsonRecord } from './shape.js';

/** A value and where it was set. `path` is absolute in the enclosing object. */
export interface Sourced<T> {
  readonly value: T;
  readonly path: FieldPath;
  readonly level: 'pod' | 'container';
}

export interface EffectiveSecurityContext {
  /** Path of the container's own `securityContext` (whether or not it exists). */
  readonly containerPath: FieldPath;
  /** Path of the pod's `securityContext` (whether or not it exists). */
  readonly podPath: FieldPath;
  readonly runAsUser?: Sourced<unknown>;
  readonly runAsGroup?: Sourced<unknown>;
  readonly runAsNonRoot?: Sourced<unknown>;
  readonly seLinuxOptions?: Sourced<JsonRecord>;
  readonly seccompProfile?: Sourced<JsonRecord>;
  readonly appArmorProfile?: Sourced<JsonRecord>;
  readonly windowsHostProcess?: Sourced<unknown>;
  readonly privileged?: Sourced<unknown>;
  readonly allowPrivilegeEscalation?: Sourced<unknown>;
  readonly capabilities?: Sourced<JsonRecord>;
  readonly readOnlyRootFilesystem?: Sourced<unknown>;
  readonly procMount?: Sourced<unknown>;
}

const INHERITED = ['runAsUser', 'runAsGroup', 'runAsNonRoot'] as const;
const INHERITED_OBJECTS = ['seLinuxOptions', 'seccompProfile', 'appArmorProfile'] as const;
const CONTAINER_ONLY = [
  'privileged',
  'allowPrivilegeEscalation',
  'readOnlyRootFilesystem',
  'procMount',
] as const;

/** Rules ask for the same containers again and again; the Workload views' ContainerRefs are stable, so cache by them. */
const cache = new WeakMap<ContainerRef, EffectiveSecurityContext>();

export function effectiveSecurityContext(template: PodTemplate, c: ContainerRef): EffectiveSecurityContext {
  let sc = cache.get(c);
  if (sc === undefined) {
    sc = compute(template, c);
    cache.set(c, sc);
  }
  return sc;
}

function compute(template: PodTemplate, c: ContainerRef): EffectiveSecurityContext {
  const podPath = [...template.specPath, 'securityContext'];
  const containerPath = [...c.path, 'securityContext'];
  const pod = asRecord(template.spec.securityContext);
  const own = asRecord(c.container.securityContext);
  const out: Record<string, unknown> = { containerPath, podPath };

  const pick = (key: string, onlyObjects: boolean): void => {
    const ownValue = own?.[key];
    if (ownValue !== undefined && ownValue !== null && (!onlyObjects || asRecord(ownValue))) {
      out[key] = { value: ownValue, path: [...containerPath, key], level: 'container' };
      return;
    }
    const podValue = pod?.[key];
    if (podValue !== undefined && podValue !== null && (!onlyObjects || asRecord(podValue))) {
      out[key] = { value: podValue, path: [...podPath, key], level: 'pod' };
    }
  };
  for (const key of INHERITED) pick(key, false);
  for (const key of INHERITED_OBJECTS) pick(key, true);

  const ownHostProcess = asRecord(own?.windowsOptions)?.hostProcess;
  const podHostProcess = asRecord(pod?.windowsOptions)?.hostProcess;
  if (ownHostProcess !== undefined && ownHostProcess !== null) {
    out.windowsHostProcess = {
      value: ownHostProcess,
      path: [...containerPath, 'windowsOptions', 'hostProcess'],
      level: 'container',
    };
  } else if (podHostProcess !== undefined && podHostProcess !== null) {
    out.windowsHostProcess = {
      value: podHostProcess,
      path: [...podPath, 'windowsOptions', 'hostProcess'],
      level: 'pod',
    };
  }

  for (const key of CONTAINER_ONLY) {
    const v = own?.[key];
    if (v !== undefined && v !== null)
      out[key] = { value: v, path: [...containerPath, key], level: 'container' };
  }
  const caps = asRecord(own?.capabilities);
  if (caps) out.capabilities = { value: caps, path: [...containerPath, 'capabilities'], level: 'container' };
  return out as unknown as EffectiveSecurityContext;
}
