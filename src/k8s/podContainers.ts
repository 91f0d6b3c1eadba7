/**
 * The containers of a workload as rules visit them: each with its field-path prefix
 * (`ref.path`) and its effective security context (securityContext.ts), in the order
 * pod-security-admission visits them (init, regular, ephemeral).
 */
import type { Workload } from './inventory.js';
import { isWindowsPod, type ContainerRef } from './podSpec.js';
import { effectiveSecurityContext, type EffectiveSecurityContext } from './securityContext.js';

export interface PodContainer {
  readonly ref: ContainerRef;
  readonly sc: EffectiveSecurityContext;
}

export interface PodContainerOptions {
  /**
   * Visit no container of a Windows pod (`spec.os.name: windows`, PSA's definition):
   * for checks of Linux-only fields (capabilities, seccomp, AppArmor, SELinux, procMount,
   * runAsUser…), which the API server rejects or ignores in Windows pods.
   */
  readonly linuxOnly?: boolean;
  /** Leave out ephemeral containers (debug containers: no resources, not part of the template's design). */
  readonly withoutEphemeral?: boolean;
}

/** Visits every container, Windows pods included. */
export const ALL_PODS: PodContainerOptions = Object.freeze({});
/** Visits the containers of Linux pods only. */
export const LINUX_ONLY: PodContainerOptions = Object.freeze({ linuxOnly: true });

/** The containers of a workload with their effective security context (see PodContainerOptions for what is left out). */
export function* podContainers(
  workload: Pick<Workload, 'template' | 'containers'>,
  options: PodContainerOptions = ALL_PODS,
): Generator<PodContainer, void, undefined> {
  const { template } = workload;
  if (options.linuxOnly === true && isWindowsPod(template.spec)) return;
  for (const ref of workload.containers) {
    if (options.withoutEphemeral === true && ref.list === 'ephemeralContainers') continue;
    yield { ref, sc: effectiveSecurityContext(template, ref) };
  }
}
