/**
 * The workload record of the cluster model: what a pod template says about the pods'
 * identity, network ports, the Secrets and ConfigMaps they read, and their ways out to the
 * node. Every fact comes from the k8s/ functions that own its semantics (pod template,
 * containers, effective security context, service account); nothing is re-derived here.
 */
import type { FieldPath } from '../k8s/fieldPath.js';
import { podServiceAccountName, podTokenAutomount } from '../k8s/podIdentity.js';
import { containersOf, isWindowsPod, type ContainerRef, type PodTemplate } from '../k8s/podSpec.js';
import type { Resource } from '../k8s/resource.js';
import { effectiveSecurityContext } from '../k8s/securityContext.js';
import { asArray, asRecord, asString, asStringMap, type JsonRecord } from '../k8s/shape.js';
import type {
  ContainerPortSummary,
  ContainerSummary,
  HostPathVolume,
  ObjectReference,
  OwnerSummary,
  WorkloadSummary,
} from './clusterModel.js';

function port(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function containerPorts(c: JsonRecord): ContainerPortSummary[] {
  const out: ContainerPortSummary[] = [];
  for (const item of asArray(c.ports)) {
    const p = asRecord(item);
    const containerPort = port(p?.containerPort);
    if (p === undefined || containerPort === undefined) continue;
    const name = asString(p.name);
    const hostPort = port(p.hostPort);
    out.push({
      ...(name !== undefined ? { name } : {}),
      containerPort,
      protocol: asString(p.protocol) ?? 'TCP',
      ...(hostPort !== undefined && hostPort !== 0 ? { hostPort } : {}),
    });
  }
  return out;
}

/** `CAP_SYS_ADMIN`, `sys_admin` and `SYS_ADMIN` name one capability (container runtimes accept all three). */
function capabilityName(value: string): string {
  const upper = value.toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

function containerSummary(template: PodTemplate, c: ContainerRef): ContainerSummary {
  const sc = effectiveSecurityContext(template, c);
  const added = asArray(asRecord(sc.capabilities?.value)?.add).flatMap((v) =>
    typeof v === 'string' ? [capabilityName(v)] : [],
  );
  const mounts = asArray(c.container.volumeMounts).flatMap((item) => {
    const m = asRecord(item);
    const volume = asString(m?.name);
    const path = asString(m?.mountPath);
    return volume !== undefined && path !== undefined
      ? [{ volume, path, readOnly: m?.readOnly === true }]
      : [];
  });
  const image = asString(c.container.image);
  const ape = sc.allowPrivilegeEscalation?.value;
  const uid = sc.runAsUser;
  const nonRoot = sc.runAsNonRoot?.value;
  return {
    name: c.name,
    list: c.list,
    index: c.index,
    ...(image !== undefined ? { image } : {}),
    ports: containerPorts(c.container),
    privileged: sc.privileged?.value === true,
    ...(typeof ape === 'boolean' ? { allowPrivilegeEscalation: ape } : {}),
    capabilitiesAdded: added,
    mounts,
    ...(uid !== undefined && typeof uid.value === 'number' && Number.isInteger(uid.value)
      ? { runAsUser: { value: uid.value, level: uid.level } }
      : {}),
    ...(typeof nonRoot === 'boolean' ? { runAsNonRoot: nonRoot } : {}),
  };
}

/** Secrets and ConfigMaps named by volumes, projected volumes, env, envFrom and imagePullSecrets. */
function references(template: PodTemplate, containers: readonly ContainerRef[]): ObjectReference[] {
  const out: ObjectReference[] = [];
  const add = (
    kind: ObjectReference['kind'],
    name: unknown,
    via: ObjectReference['via'],
    path: FieldPath,
    holder?: JsonRecord,
  ): void => {
    if (typeof name === 'string' && name !== '')
      out.push({ kind, name, via, path, optional: holder?.optional === true });
  };
  const volumesPath = [...template.specPath, 'volumes'];
  asArray(template.spec.volumes).forEach((item, i) => {
    const v = asRecord(item);
    const secret = asRecord(v?.secret);
    if (secret)
      add('Secret', secret.secretName, 'volume', [...volumesPath, i, 'secret', 'secretName'], secret);
    const cm = asRecord(v?.configMap);
    if (cm) add('ConfigMap', cm.name, 'volume', [...volumesPath, i, 'configMap', 'name'], cm);
    asArray(asRecord(v?.projected)?.sources).forEach((src, j) => {
      const s = asRecord(src);
      const base = [...volumesPath, i, 'projected', 'sources', j];
      const ps = asRecord(s?.secret);
      if (ps) add('Secret', ps.name, 'projected', [...base, 'secret', 'name'], ps);
      const pc = asRecord(s?.configMap);
      if (pc) add('ConfigMap', pc.name, 'projected', [...base, 'configMap', 'name'], pc);
    });
  });
  for (const c of containers) {
    asArray(c.container.env).forEach((item, i) => {
      const from = asRecord(asRecord(item)?.valueFrom);
      const base = [...c.path, 'env', i, 'valueFrom'];
      const sk = asRecord(from?.secretKeyRef);
      if (sk) add('Secret', sk.name, 'env', [...base, 'secretKeyRef', 'name'], sk);
      const ck = asRecord(from?.configMapKeyRef);
      if (ck) add('ConfigMap', ck.name, 'env', [...base, 'configMapKeyRef', 'name'], ck);
    });
    asArray(c.container.envFrom).forEach((item, i) => {
      const e = asRecord(item);
      const sr = asRecord(e?.secretRef);
      if (sr) add('Secret', sr.name, 'envFrom', [...c.path, 'envFrom', i, 'secretRef', 'name'], sr);
      const cr = asRecord(e?.configMapRef);
      if (cr) add('ConfigMap', cr.name, 'envFrom', [...c.path, 'envFrom', i, 'configMapRef', 'name'], cr);
    });
  }
  asArray(template.spec.imagePullSecrets).forEach((item, i) => {
    add('Secret', asRecord(item)?.name, 'imagePullSecret', [
      ...template.specPath,
      'imagePullSecrets',
      i,
      'name',
    ]);
  });
  return out;
}

function hostPaths(template: PodTemplate): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  asArray(template.spec.volumes).forEach((item, i) => {
    const v = asRecord(item);
    const hp = asRecord(v?.hostPath);
    const path = asString(hp?.path);
    if (v === undefined || path === undefined) return;
    const type = asString(hp?.type);
    out.push({
      volume: asString(v.name) ?? `volumes[${i}]`,
      path,
      ...(type !== undefined && type !== '' ? { type } : {}),
      fieldPath: [...template.specPath, 'volumes', i, 'hostPath'],
    });
  });
  return out;
}

function projectedTokens(template: PodTemplate): WorkloadSummary['projectedTokens'] {
  const out: { volume: string; audience?: string }[] = [];
  for (const item of asArray(template.spec.volumes)) {
    const v = asRecord(item);
    for (const src of asArray(asRecord(v?.projected)?.sources)) {
      const token = asRecord(asRecord(src)?.serviceAccountToken);
      if (token === undefined) continue;
      const audience = asString(token.audience);
      out.push({ volume: asString(v?.name) ?? '', ...(audience !== undefined ? { audience } : {}) });
    }
  }
  return out;
}

function owners(resource: Resource): OwnerSummary[] {
  return asArray(asRecord(resource.object.metadata)?.ownerReferences).flatMap((item) => {
    const o = asRecord(item);
    const kind = asString(o?.kind);
    const name = asString(o?.name);
    if (o === undefined || kind === undefined || name === undefined) return [];
    const uid = asString(o.uid);
    return [
      {
        apiVersion: asString(o.apiVersion) ?? '',
        kind,
        name,
        ...(uid !== undefined ? { uid } : {}),
        controller: o.controller === true,
      },
    ];
  });
}

/** Set by the Deployment controller on a Deployment and on each of its ReplicaSets (policy/controlled.ts). */
const REVISION = 'deployment.kubernetes.io/revision';

export function summariseWorkload(
  resource: Resource,
  template: PodTemplate,
  namespace: string,
): WorkloadSummary {
  const { spec } = template;
  const containers = containersOf(template);
  const sa = podServiceAccountName(template);
  const automount = podTokenAutomount(template);
  const uid = asString(asRecord(resource.object.metadata)?.uid);
  const nodeName = asString(spec.nodeName);
  const revision = resource.annotations[REVISION];
  const replicas = asRecord(resource.object.spec)?.replicas;
  return {
    ref: resource.ref,
    source: resource.source,
    namespace,
    ...(uid !== undefined ? { uid } : {}),
    podLabels: template.labels,
    serviceAccount: sa.name,
    ...(sa.field !== undefined ? { serviceAccountField: sa.field } : {}),
    ...(automount !== undefined ? { podAutomountToken: automount } : {}),
    containers: containers.map((c) => containerSummary(template, c)),
    hostNetwork: spec.hostNetwork === true,
    hostPID: spec.hostPID === true,
    hostIPC: spec.hostIPC === true,
    shareProcessNamespace: spec.shareProcessNamespace === true,
    hostPaths: hostPaths(template),
    references: references(template, containers),
    projectedTokens: projectedTokens(template),
    owners: owners(resource),
    specPath: template.specPath,
    metadataPath: template.metadataPath,
    ...(revision !== undefined ? { revision } : {}),
    ...(typeof replicas === 'number' ? { replicas } : {}),
    ...(nodeName !== undefined && nodeName !== '' ? { nodeName } : {}),
    nodeSelector: asStringMap(spec.nodeSelector),
    tolerations: asArray(spec.tolerations).flatMap((item) => {
      const t = asRecord(item);
      if (t === undefined) return [];
      const key = asString(t.key);
      const operator = asString(t.operator);
      const effect = asString(t.effect);
      return [
        {
          ...(key !== undefined ? { key } : {}),
          ...(operator !== undefined ? { operator } : {}),
          ...(effect !== undefined ? { effect } : {}),
        },
      ];
    }),
    windows: isWindowsPod(spec),
  };
}
