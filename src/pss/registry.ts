/**
 * Every PSS check, and the list that applies at each (level, version) — computed once
 * per pair and cached, as upstream's `checkRegistry` (policy/registry.go) inflates its
 * per-version maps at start-up.
 *
 * For policy version V a check's revision with the highest `minVersion <= V` applies; a
 * check whose first revision is newer than V does not apply. `restricted` runs the
 * restricted checks plus every baseline check that no restricted revision applying at V
 * overrides. Results are ordered as upstream reports them: baseline check ids sorted,
 * then restricted check ids sorted.
 */
import { allowPrivilegeEscalationCheck } from './checks/allowPrivilegeEscalation.js';
import { appArmorProfileCheck } from './checks/appArmorProfile.js';
import { capabilitiesBaselineCheck } from './checks/capabilitiesBaseline.js';
import { capabilitiesRestrictedCheck } from './checks/capabilitiesRestricted.js';
import { hostNamespacesCheck } from './checks/hostNamespaces.js';
import { hostPathVolumesCheck } from './checks/hostPathVolumes.js';
import { hostPortsCheck } from './checks/hostPorts.js';
import { hostProbesAndHostLifecycleCheck } from './checks/hostProbesAndHostLifecycle.js';
import { privilegedCheck } from './checks/privileged.js';
import { procMountCheck, procMountRestrictedCheck } from './checks/procMount.js';
import { restrictedVolumesCheck } from './checks/restrictedVolumes.js';
import { runAsNonRootCheck } from './checks/runAsNonRoot.js';
import { runAsUserCheck } from './checks/runAsUser.js';
import { seccompProfileBaselineCheck } from './checks/seccompProfileBaseline.js';
import { seccompProfileRestrictedCheck } from './checks/seccompProfileRestricted.js';
import { seLinuxOptionsCheck } from './checks/seLinuxOptions.js';
import { sysctlsCheck } from './checks/sysctls.js';
import { windowsHostProcessCheck } from './checks/windowsHostProcess.js';
import type { CheckFn, CheckId, CheckLevel, CheckRevision, PssCheck } from './types.js';
import { byteOrder } from './wording.js';
import { NEWEST_POLICY_MINOR } from './version.js';

/** Every check of the pinned upstream commit, baseline first, each group in upstream's report order. */
export const PSS_CHECKS: readonly PssCheck[] = sortChecks([
  appArmorProfileCheck,
  capabilitiesBaselineCheck,
  hostNamespacesCheck,
  hostPathVolumesCheck,
  hostPortsCheck,
  hostProbesAndHostLifecycleCheck,
  privilegedCheck,
  procMountCheck,
  seLinuxOptionsCheck,
  seccompProfileBaselineCheck,
  sysctlsCheck,
  windowsHostProcessCheck,
  allowPrivilegeEscalationCheck,
  capabilitiesRestrictedCheck,
  procMountRestrictedCheck,
  restrictedVolumesCheck,
  runAsNonRootCheck,
  runAsUserCheck,
  seccompProfileRestrictedCheck,
]);

function sortChecks(checks: PssCheck[]): PssCheck[] {
  const rank = (c: PssCheck): number => (c.level === 'baseline' ? 0 : 1);
  return checks.sort((a, b) => rank(a) - rank(b) || byteOrder(a.id, b.id));
}

const byId = new Map<CheckId, PssCheck>(PSS_CHECKS.map((c) => [c.id, c]));

export function checkById(id: CheckId): PssCheck {
  const c = byId.get(id);
  if (c === undefined) throw new RangeError(`unknown PSS check ${id}`);
  return c;
}

/** A check as it runs at one version. */
export interface ApplicableCheck {
  readonly id: CheckId;
  readonly level: CheckLevel;
  readonly evaluate: CheckFn;
}

/** The revision of a check that applies at a minor version, if any. */
export function revisionAt(check: PssCheck, minor: number): CheckRevision | undefined {
  let found: CheckRevision | undefined;
  for (const r of check.revisions) if (r.minVersion <= minor) found = r;
  return found;
}

function compute(level: CheckLevel, minor: number): readonly ApplicableCheck[] {
  const overridden = new Set<CheckId>();
  if (level === 'restricted') {
    for (const check of PSS_CHECKS) {
      if (check.level !== 'restricted') continue;
      for (const id of revisionAt(check, minor)?.overrides ?? []) overridden.add(id);
    }
  }
  const out: ApplicableCheck[] = [];
  for (const check of PSS_CHECKS) {
    if (check.level === 'restricted' && level === 'baseline') continue;
    if (overridden.has(check.id)) continue;
    const revision = revisionAt(check, minor);
    if (revision !== undefined) out.push({ id: check.id, level: check.level, evaluate: revision.evaluate });
  }
  return Object.freeze(out);
}

const cache: Record<CheckLevel, (readonly ApplicableCheck[] | undefined)[]> = {
  baseline: [],
  restricted: [],
};

/** The checks that run for a level at a policy minor version (clamped to the newest known), cached. */
export function applicableChecks(level: CheckLevel, minor: number): readonly ApplicableCheck[] {
  const m = Math.min(Math.max(0, Math.trunc(minor)), NEWEST_POLICY_MINOR);
  const perLevel = cache[level];
  return (perLevel[m] ??= compute(level, m));
}
