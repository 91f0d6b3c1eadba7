/**
 * `kubeward export vap`: the Pod Security Standards checks of the engine as two coarse
 * ValidatingAdmissionPolicies (one per level; the apiserver's cost grows with bindings, admission.md
 * §2.6), with one binding for the level asked for. The checks of each level, and which restricted
 * check replaces which baseline one, come from the engine's registry (pss/registry.ts
 * applicableChecks), so the export cannot disagree with `scan` about what a level contains.
 */
import { applicableChecks, revisionAt, checkById } from '../../pss/registry.js';
import type { CheckLevel } from '../../pss/types.js';
import { NEWEST_POLICY_MINOR } from '../../pss/version.js';
import { PSS_CEL } from './pssCel.js';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

const WORKLOAD_RESOURCES = ['pods', 'podtemplates', 'replicationcontrollers', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs'];

const templateOf = (field: 'spec' | 'metadata'): string =>
  `object.kind == 'Pod' ? ${field === 'spec' ? 'object.spec' : 'object.metadata'} : ` +
  `object.kind == 'PodTemplate' ? (has(object.template.${field}) ? object.template.${field} : {}) : ` +
  `object.kind == 'CronJob' ? (has(object.spec.jobTemplate.spec.template.${field}) ? object.spec.jobTemplate.spec.template.${field} : {}) : ` +
  `(has(object.spec.template) && has(object.spec.template.${field}) ? object.spec.template.${field} : {})`;

/** The pod view of pss/podView.ts, as VAP variables. */
export const PSS_VARIABLES: readonly { name: string; expression: string }[] = [
  { name: 'spec', expression: templateOf('spec') },
  { name: 'meta', expression: templateOf('metadata') },
  {
    name: 'containers',
    expression:
      '(has(variables.spec.initContainers) ? variables.spec.initContainers : []) + (has(variables.spec.containers) ? variables.spec.containers : []) + (has(variables.spec.ephemeralContainers) ? variables.spec.ephemeralContainers : [])',
  },
  { name: 'podSC', expression: 'has(variables.spec.securityContext) ? variables.spec.securityContext : {}' },
  { name: 'scs', expression: 'variables.containers.map(c, has(c.securityContext) ? c.securityContext : {})' },
  { name: 'windows', expression: "has(variables.spec.os) && has(variables.spec.os.name) && variables.spec.os.name == 'windows'" },
  { name: 'userNamespaced', expression: 'has(variables.spec.hostUsers) && variables.spec.hostUsers == false' },
];

export const pssPolicyName = (level: CheckLevel): string => `kubeward-pss-${level}`;

/** The check ids of a level at the newest policy version, each verified against the revision its CEL mirrors. */
export function pssChecksOf(level: CheckLevel): { id: keyof typeof PSS_CEL; expression: string; message: string }[] {
  return applicableChecks(level, NEWEST_POLICY_MINOR).map((check) => {
    const cel = PSS_CEL[check.id];
    const revision = revisionAt(checkById(check.id), NEWEST_POLICY_MINOR);
    if (revision?.minVersion !== cel.mirrors) {
      throw new Error(`the CEL of PSS check ${check.id} mirrors revision v1.${cel.mirrors}, the engine's newest is v1.${revision?.minVersion ?? '?'}: review pssCel.ts`);
    }
    return { id: check.id, expression: cel.expression, message: `${check.id}: ${cel.message}` };
  });
}

export function pssPolicy(level: CheckLevel): Record<string, unknown> {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: pssPolicyName(level), labels: { 'app.kubernetes.io/managed-by': 'kubeward' } },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          { apiGroups: ['', 'apps', 'batch'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: WORKLOAD_RESOURCES },
        ],
      },
      variables: PSS_VARIABLES,
      validations: pssChecksOf(level).map((c) => ({ expression: c.expression, message: c.message, reason: 'Forbidden' })),
    },
  };
}

/** The binding of a level's policy: every namespace but kube-system. */
export function pssBinding(level: CheckLevel, action: ValidationAction): Record<string, unknown> {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: `${pssPolicyName(level)}-binding`, labels: { 'app.kubernetes.io/managed-by': 'kubeward' } },
    spec: {
      policyName: pssPolicyName(level),
      validationActions: action === 'Audit' ? ['Audit'] : [action],
      matchResources: {
        namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] },
      },
    },
  };
}

/** The manifests `kubeward export vap` writes: both policies, one binding for `level`. */
export function pssExport(level: CheckLevel, action: ValidationAction): Record<string, unknown>[] {
  return [pssPolicy('baseline'), pssPolicy('restricted'), pssBinding(level, action)];
}
