/**
 * Whether a pod can run on control-plane nodes: the template of `control-plane-placement` and
 * `control-plane-host-access`. kubeadm taints those nodes `node-role.kubernetes.io/control-plane:
 * NoSchedule` (`…/master` before 1.24) and labels them with the same key
 * (kubernetes.io/docs/reference/labels-annotations-taints/#node-role-kubernetes-io-control-plane).
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import { hostPathVolumesOf } from './hostPaths.js';
import { asArray, asRecord, asString, type JsonRecord } from '../../../k8s/shape.js';
import { effectiveSecurityContext } from '../../../k8s/securityContext.js';
import type { Report, WorkloadRule, WorkloadRuleContext } from '../../types.js';

export const CONTROL_PLANE_KEYS: ReadonlySet<string> = new Set([
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
]);

interface Placement {
  readonly how: string;
  readonly path: FieldPath;
}

/** A toleration that lets the pod onto a node tainted `<control-plane key>:NoSchedule`. */
function toleratesControlPlane(t: Readonly<Record<string, unknown>>): string | undefined {
  const key = asString(t.key);
  const operator = asString(t.operator) ?? 'Equal';
  const effect = asString(t.effect) ?? '';
  if (effect !== '' && effect !== 'NoSchedule') return undefined;
  if ((key === undefined || key === '') && operator === 'Exists')
    return 'tolerates every taint (operator: Exists without a key)';
  if (key !== undefined && CONTROL_PLANE_KEYS.has(key)) return `tolerates the ${key} taint`;
  return undefined;
}

/** The objects of a list, other entries dropped. */
function records(list: unknown): JsonRecord[] {
  return asArray(list)
    .map(asRecord)
    .filter((r): r is JsonRecord => r !== undefined);
}

/** Required node affinity terms (ORed); each a list of expressions (ANDed). */
function requiredTerms(spec: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>>[] {
  const required = asRecord(
    asRecord(asRecord(spec.affinity)?.nodeAffinity)?.requiredDuringSchedulingIgnoredDuringExecution,
  );
  return records(required?.nodeSelectorTerms);
}

function expressions(term: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>>[] {
  return records(term.matchExpressions);
}

/** Every required term excludes control-plane nodes (`DoesNotExist` on a control-plane key), or a nodeSelector can only match other nodes. */
function constrainedAway(spec: Readonly<Record<string, unknown>>): boolean {
  const terms = requiredTerms(spec);
  return (
    terms.length > 0 &&
    terms.every((t) =>
      expressions(t).some(
        (e) => CONTROL_PLANE_KEYS.has(asString(e.key) ?? '') && asString(e.operator) === 'DoesNotExist',
      ),
    )
  );
}

/** How the pod gets onto control-plane nodes: by selecting them, or by tolerating their taint unconstrained. */
export function controlPlanePlacements({ workload }: WorkloadRuleContext): Placement[] {
  const { spec, specPath } = workload.template;
  const out: Placement[] = [];
  const selector = asRecord(spec.nodeSelector) ?? {};
  for (const key of Object.keys(selector)) {
    if (CONTROL_PLANE_KEYS.has(key))
      out.push({
        how: `selects control-plane nodes (nodeSelector ${key})`,
        path: [...specPath, 'nodeSelector', key],
      });
  }
  const terms = requiredTerms(spec);
  terms.forEach((term, ti) => {
    expressions(term).forEach((e, ei) => {
      const op = asString(e.operator);
      if (CONTROL_PLANE_KEYS.has(asString(e.key) ?? '') && (op === 'Exists' || op === 'In')) {
        out.push({
          how: `selects control-plane nodes (required node affinity ${asString(e.key)!} ${op})`,
          path: [
            ...specPath,
            'affinity',
            'nodeAffinity',
            'requiredDuringSchedulingIgnoredDuringExecution',
            'nodeSelectorTerms',
            ti,
            'matchExpressions',
            ei,
          ],
        });
      }
    });
  });
  if (out.length > 0 || constrainedAway(spec)) return out;
  const tolerations = asArray(spec.tolerations);
  for (let i = 0; i < tolerations.length; i++) {
    const how = toleratesControlPlane(asRecord(tolerations[i]) ?? {});
    if (how !== undefined) {
      out.push({ how, path: [...specPath, 'tolerations', i] });
      break;
    }
  }
  return out;
}

/** The pod's access to its node: hostPath volumes, hostPID, privileged containers. */
export function hostAccess({ workload }: WorkloadRuleContext): string[] {
  const out: string[] = [];
  const hostPaths = hostPathVolumesOf(workload.template, workload.containers);
  if (hostPaths.length > 0) out.push(`hostPath ${hostPaths.map((v) => v.raw ?? v.name).join(', ')}`);
  if (workload.template.spec.hostPID === true) out.push('hostPID');
  const privileged = workload.containers.filter(
    (c) => effectiveSecurityContext(workload.template, c).privileged?.value === true,
  );
  if (privileged.length > 0)
    out.push(`privileged container ${privileged.map((c) => `"${c.name}"`).join(', ')}`);
  return out;
}

/** The check of either rule: placements on control-plane nodes, of pods with (or without) host access. */
export function controlPlaneCheck(withHostAccess: boolean): WorkloadRule['check'] {
  return function* (ctx): Iterable<Report> {
    const ns = ctx.model.namespaceOf(ctx.resource.ref) ?? 'default';
    if (ns === 'kube-system') return;
    const placements = controlPlanePlacements(ctx);
    if (placements.length === 0) return;
    const access = hostAccess(ctx);
    if (access.length > 0 !== withHostAccess) return;
    for (const p of placements) {
      yield {
        message: withHostAccess
          ? `pod ${p.how} and has host access (${access.join('; ')}): it can read the control plane's credentials on the node`
          : `pod ${p.how}, outside kube-system: it runs next to etcd and the API server`,
        path: p.path,
      };
    }
  };
}
