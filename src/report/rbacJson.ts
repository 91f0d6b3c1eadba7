/**
 * The JSON documents of `kubeward rbac …` (the README documents each shape). Objects are named
 * `{kind, namespace, name}` with the file and line they were read from, or `default: true` for
 * the default roles and bindings of a cluster that the input did not override.
 */
import type { SourceRef } from '../k8s/resource.js';
import type { AccessMatrix } from '../rbac/accessMatrix.js';
import type { SubjectUsage } from '../rbac/auditUnused.js';
import type { Decision, Grant } from '../rbac/authorizer.js';
import type { EffectivePermissions } from '../rbac/permissions.js';
import { subjectText } from '../rbac/identity.js';
import type { AccessRequest, ObjectRef, SubjectRef } from '../rbac/types.js';
import type { WhoCanResult } from '../rbac/whoCan.js';
import type { WorkloadIdentity } from '../rbac/workloadIdentity.js';
import type { ClusterModelIndex } from '../model/modelIndex.js';
import { isResourceRequest } from '../rbac/ruleMatch.js';

export function objectJson(ref: ObjectRef<SourceRef>) {
  return {
    kind: ref.kind,
    ...(ref.namespace !== '' ? { namespace: ref.namespace } : {}),
    name: ref.name,
    ...(ref.source !== undefined ? { file: ref.source.file, line: ref.source.line } : {}),
    ...(ref.isDefault === true ? { default: true } : {}),
  };
}

/** One entry per binding and role (several rules of one role granting the same thing are one entry). */
export function grantsJson(grants: readonly Grant<SourceRef>[]) {
  const seen = new Set<string>();
  const out: { binding: ReturnType<typeof objectJson>; role: ReturnType<typeof objectJson> }[] = [];
  for (const g of grants) {
    const key = `${g.binding.kind}/${g.binding.namespace}/${g.binding.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ binding: objectJson(g.binding), role: objectJson(g.role) });
  }
  return out;
}

export function permissionsJson(p: EffectivePermissions<SourceRef>) {
  return {
    subject: subjectText(p.subject),
    ...(p.superuser ? { superuser: true } : {}),
    permissions: p.permissions.map((perm) => ({
      verbs: perm.verbs,
      apiGroups: perm.apiGroups,
      resources: perm.resources,
      resourceNames: perm.resourceNames,
      nonResourceURLs: perm.nonResourceURLs,
      namespace: perm.namespace,
      grantedBy: grantsJson(perm.grantedBy),
    })),
  };
}

export function requestJson(r: AccessRequest) {
  if (!isResourceRequest(r)) return { verb: r.verb, nonResourceURL: r.path };
  return {
    verb: r.verb,
    apiGroup: r.apiGroup ?? '',
    resource: r.resource,
    subresource: r.subresource ?? '',
    namespace: r.namespace ?? '',
    name: r.name ?? '',
  };
}

export function decisionJson(subject: SubjectRef, request: AccessRequest, d: Decision<SourceRef>) {
  return {
    subject: subjectText(subject),
    request: requestJson(request),
    allowed: d.allowed,
    ...(d.superuser ? { superuser: true } : {}),
    grantedBy: grantsJson(d.grants),
  };
}

const workloadText = (w: WorkloadIdentity['workload']): string =>
  `${w.namespace}/${w.ref.kind}/${w.ref.name}`;

function subjectParts(s: SubjectRef) {
  return { kind: s.kind, namespace: s.kind === 'ServiceAccount' ? s.namespace : '', name: s.name };
}

export function whoCanJson(result: WhoCanResult<SourceRef>, model: ClusterModelIndex) {
  return {
    subjects: result.subjects.map((s) => ({
      ...subjectParts(s.subject),
      ...(s.superuser ? { superuser: true } : {}),
      grantedBy: grantsJson(s.grantedBy),
      workloads:
        s.subject.kind === 'ServiceAccount'
          ? model.workloadsRunningAs(s.subject.namespace, s.subject.name).map((w) => workloadText(w))
          : [],
    })),
  };
}

export function matrixJson(m: AccessMatrix) {
  return {
    subject: subjectText(m.subject),
    namespace: m.namespace,
    verbs: m.rows[0] ? Object.keys(m.rows[0].access) : [],
    resources: m.rows.map((r) => ({
      apiGroup: r.apiGroup,
      resource: r.resource,
      namespaced: r.namespaced,
      access: r.access,
    })),
  };
}

export function workloadsJson(list: readonly WorkloadIdentity[]) {
  return {
    workloads: list.map((w) => ({
      workload: workloadText(w.workload),
      file: w.workload.source.file,
      line: w.workload.source.line,
      serviceAccount: w.serviceAccount,
      tokenMounted: w.tokenMounted,
      tokenDecidedBy: w.tokenDecidedBy,
      risks: w.risks.map((r) => ({ id: r.id, access: r.access })),
    })),
  };
}

export function unusedJson(usage: readonly SubjectUsage<SourceRef>[]) {
  return {
    subjects: usage.map((u) => ({
      subject: subjectText(u.subject),
      requests: u.requests,
      granted: u.granted,
      used: u.used,
      unused: u.unused.length,
      unusedPermissions: u.unused.map((a) => ({
        verb: a.verb,
        ...(a.nonResourceURL !== undefined
          ? { nonResourceURL: a.nonResourceURL }
          : { apiGroup: a.apiGroup, resource: a.resource, resourceNames: a.resourceNames ?? [] }),
        namespace: a.namespace,
        grantedBy: grantsJson(a.grantedBy),
      })),
    })),
  };
}
