/**
 * The security-context fixes that make a pod pass Pod Security Standards restricted, decided
 * per container from its effective security context (k8s/securityContext.ts), the one the rules
 * judged. What they never do: touch a container that is privileged or gets SYS_ADMIN (hardening
 * would be rejected by the API or break it: a suggestion instead), pick a UID, or flip a value
 * the user wrote on purpose (`runAsNonRoot: false`, an `Unconfined` profile).
 *
 * Pod level when every container can take the setting (one line covers them all, as the
 * remediations advise); container level when another container of the pod could not.
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import type { Workload } from '../k8s/inventory.js';
import { LINUX_ONLY, podContainers, type PodContainer } from '../k8s/podContainers.js';
import type { EffectiveSecurityContext } from '../k8s/securityContext.js';
import type { FixProposal } from '../fix/operations.js';
import { addedCapabilities, sysAdminGrant } from './rules/pod-security/capabilities.js';
import { describeSource, effectiveSeccompProfile } from './rules/pod-security/profiles.js';
import type { Finding } from './types.js';

export interface HardeningContext {
  readonly finding: Finding;
  readonly workload: Workload;
}

/** The container a finding is about: the one whose path prefixes the finding's, else by name. */
export function findingContainer(ctx: HardeningContext): PodContainer | undefined {
  const all = [...podContainers(ctx.workload, LINUX_ONLY)];
  const path = ctx.finding.pathSegments;
  const byPath = all.find(({ ref }) => ref.path.every((seg, i) => path[i] === seg));
  return byPath ?? all.find(({ ref }) => ref.name === ctx.finding.container);
}

/** Why a container must keep its privileges as they are, or undefined. */
function privilegeNeed(sc: EffectiveSecurityContext): string | undefined {
  if (sc.privileged?.value === true) return 'it is privileged';
  const sysAdmin = sysAdminGrant(sc);
  if (sysAdmin !== undefined) return `it adds ${sysAdmin.raw}`;
  return undefined;
}

function privileged(c: PodContainer, what: string): FixProposal {
  return {
    kind: 'suggestion',
    title: `${what} on container "${c.ref.name}"`,
    reason: `${privilegeNeed(c.sc)}: hardening it would be rejected or break it; decide first whether it needs those privileges`,
  };
}

function set(title: string, path: FieldPath, value: boolean | string): FixProposal {
  return { kind: 'edit', title, operations: [{ kind: 'set', path, value }] };
}

export function allowPrivilegeEscalationFix(ctx: HardeningContext): FixProposal | undefined {
  const c = findingContainer(ctx);
  if (c === undefined) return undefined;
  const what = 'set allowPrivilegeEscalation: false';
  if (privilegeNeed(c.sc) !== undefined) return privileged(c, what);
  return set(
    `${what} on container "${c.ref.name}"`,
    [...c.sc.containerPath, 'allowPrivilegeEscalation'],
    false,
  );
}

export function dropAllFix(ctx: HardeningContext): FixProposal | undefined {
  const c = findingContainer(ctx);
  if (c === undefined) return undefined;
  const what = 'drop ALL capabilities';
  if (privilegeNeed(c.sc) !== undefined) return privileged(c, what);
  const extra = addedCapabilities(c.sc).filter((e) => e.name !== 'NET_BIND_SERVICE');
  if (extra.length > 0 && ctx.finding.ruleId === 'pss-capabilities-restricted') {
    return {
      kind: 'suggestion',
      title: `remove ${extra.map((e) => e.raw).join(', ')} from capabilities.add of container "${c.ref.name}"`,
      reason: 'restricted allows adding only NET_BIND_SERVICE, and the process may use what it adds',
    };
  }
  const caps = c.sc.capabilities?.path ?? [...c.sc.containerPath, 'capabilities'];
  return {
    kind: 'edit',
    title: `${what} on container "${c.ref.name}"`,
    operations: [{ kind: 'addToList', path: [...caps, 'drop'], item: 'ALL' }],
  };
}

/** Whether a pod-level setting reaches only containers that can take it. */
function podLevelSafe(workload: Workload, canTake: (c: PodContainer) => boolean): boolean {
  return [...podContainers(workload, LINUX_ONLY)].every(canTake);
}

export function seccompFix(ctx: HardeningContext): FixProposal | undefined {
  const c = findingContainer(ctx);
  if (c === undefined) return undefined;
  const what = 'set seccompProfile: {type: RuntimeDefault}';
  if (privilegeNeed(c.sc) !== undefined) return privileged(c, what);
  const chosen = effectiveSeccompProfile(ctx.workload.template, c.ref, c.sc);
  if (chosen !== undefined) {
    return {
      kind: 'suggestion',
      title: `${what} on container "${c.ref.name}"`,
      reason: `a seccomp profile is chosen already (${describeSource(chosen)}): RuntimeDefault may block system calls it relies on`,
    };
  }
  if (podLevelSafe(ctx.workload, (o) => privilegeNeed(o.sc) === undefined))
    return set(
      `${what} in the pod securityContext`,
      [...c.sc.podPath, 'seccompProfile', 'type'],
      'RuntimeDefault',
    );
  return set(
    `${what} on container "${c.ref.name}"`,
    [...c.sc.containerPath, 'seccompProfile', 'type'],
    'RuntimeDefault',
  );
}

export function runAsNonRootFix(ctx: HardeningContext): FixProposal | undefined {
  const c = findingContainer(ctx);
  if (c === undefined) return undefined;
  const what = 'set runAsNonRoot: true';
  if (privilegeNeed(c.sc) !== undefined) return privileged(c, what);
  const { runAsUser, runAsNonRoot } = c.sc;
  if (runAsUser?.value === 0) {
    return {
      kind: 'suggestion',
      title: `choose a non-zero runAsUser for container "${c.ref.name}"`,
      reason: `runAsUser is 0 (${runAsUser.level} level): which UID the image works as is yours to choose, and runAsNonRoot: true beside runAsUser: 0 stops the kubelet from starting it`,
    };
  }
  if (runAsNonRoot !== undefined) {
    return {
      kind: 'suggestion',
      title: `${what} on container "${c.ref.name}"`,
      reason: `runAsNonRoot is set to ${JSON.stringify(runAsNonRoot.value)} at ${runAsNonRoot.level} level on purpose, it seems: the image may need root`,
    };
  }
  const canTake = (o: PodContainer): boolean =>
    privilegeNeed(o.sc) === undefined && o.sc.runAsUser?.value !== 0 && o.sc.runAsNonRoot === undefined;
  if (podLevelSafe(ctx.workload, canTake))
    return set(`${what} in the pod securityContext`, [...c.sc.podPath, 'runAsNonRoot'], true);
  return set(`${what} on container "${c.ref.name}"`, [...c.sc.containerPath, 'runAsNonRoot'], true);
}
