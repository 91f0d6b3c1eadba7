/**
 * The data model of the Pod Security Standards engine: levels, checks as data (id,
 * level, versioned revisions, overrides) and the violations a check reports. Mirrors
 * pod-security-admission's `policy.Check` / `VersionedCheck` / `CheckResult`
 * (policy/checks.go), with one addition: each violation is broken down into items
 * (pod, container or annotation) carrying the field path, so a scanner can point at lines.
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import type { ContainerListName } from '../k8s/podSpec.js';
import type { JsonRecord } from '../k8s/shape.js';

export type PssLevel = 'privileged' | 'baseline' | 'restricted';
export type CheckLevel = 'baseline' | 'restricted';

/** Upstream check ids (the `ID` of each `policy/check_*.go`). */
export type CheckId =
  | 'hostNamespaces'
  | 'privileged'
  | 'capabilities_baseline'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'appArmorProfile'
  | 'seLinuxOptions'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'procMount'
  | 'windowsHostProcess'
  | 'hostProbesAndHostLifecycle'
  | 'restrictedVolumes'
  | 'runAsNonRoot'
  | 'allowPrivilegeEscalation'
  | 'seccompProfile_restricted'
  | 'capabilities_restricted'
  | 'runAsUser'
  | 'procMount_restricted';

/** One container as the checks see it (upstream `visitContainers`: init, regular, ephemeral). */
export interface ContainerView {
  readonly container: JsonRecord;
  /** The container's own `securityContext`, when it is a map. */
  readonly securityContext: JsonRecord | undefined;
  /** `name` as written (`""` when missing, as upstream would print it). */
  readonly name: string;
  readonly list: ContainerListName;
  readonly index: number;
}

/** The pod a check evaluates: metadata and spec, narrowed once per evaluation. */
export interface PodView {
  readonly annotations: JsonRecord | undefined;
  readonly spec: JsonRecord;
  /** `spec.securityContext`, when it is a map. */
  readonly podSecurityContext: JsonRecord | undefined;
  readonly containers: readonly ContainerView[];
  /** Absolute path of the pod spec / metadata in the enclosing object (`['spec']` for a Pod). */
  readonly specPath: FieldPath;
  readonly metadataPath: FieldPath;
  /** Apply the API server's Pod defaulting of `hostPort` in `hostNetwork` pods (Pods only, not templates). */
  readonly defaultHostPorts: boolean;
  /** `spec.os.name == "windows"`. */
  readonly windows: boolean;
  /** `spec.hostUsers` present and false. */
  readonly userNamespaced: boolean;
}

/** One place a violation is about: the pod, a container, or an annotation. */
export interface ViolationItem {
  /** The container at fault; absent for pod-level settings and pod annotations. */
  readonly container?: string;
  /** Absolute path of the offending field (or where a missing required field belongs). */
  readonly path: FieldPath;
  /** The upstream reason, worded for this item alone (singular where upstream pluralizes). */
  readonly reason: string;
  /** The upstream-style detail for this item alone, e.g. `container "app" must set securityContext.allowPrivilegeEscalation=false`. */
  readonly detail: string;
}

/** What a check reports when it forbids the pod: upstream's ForbiddenReason/ForbiddenDetail, plus items. */
export interface CheckOutcome {
  readonly reason: string;
  readonly detail: string;
  readonly items: readonly ViolationItem[];
}

/** A check revision: returns undefined when the pod is allowed (no allocation on the common path). */
export type CheckFn = (pod: PodView) => CheckOutcome | undefined;

export interface CheckRevision {
  /** First policy minor version (`v1.<minVersion>`) this revision applies to. */
  readonly minVersion: number;
  readonly evaluate: CheckFn;
  /** Baseline checks this (restricted) revision replaces while it applies. */
  readonly overrides?: readonly CheckId[];
}

export interface PssCheck {
  readonly id: CheckId;
  readonly level: CheckLevel;
  /** Strictly increasing `minVersion`; the last one applies to every later version (no check has a maximum). */
  readonly revisions: readonly CheckRevision[];
}

/** A check that forbade the pod. */
export interface PssViolation extends CheckOutcome {
  readonly checkId: CheckId;
  readonly checkLevel: CheckLevel;
}
