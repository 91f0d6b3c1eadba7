/**
 * AdmissionReview payloads shaped as the API server sends them (kubernetes/api
 * admission/v1/types.go), for the admission tests: the unit
 * tests of src/admission/ and the end-to-end tests.
 */
import type { JsonRecord } from '../src/k8s/shape.js';

export interface ReviewInput {
  readonly uid?: string;
  readonly kind: { group: string; version: string; kind: string };
  readonly resource: { group: string; version: string; resource: string };
  readonly subResource?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly operation?: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  readonly username?: string;
  readonly object?: JsonRecord | null;
  readonly oldObject?: JsonRecord | null;
  readonly dryRun?: boolean;
}

export const POD_KIND = { group: '', version: 'v1', kind: 'Pod' };
export const PODS = { group: '', version: 'v1', resource: 'pods' };
export const DEPLOYMENT_KIND = { group: 'apps', version: 'v1', kind: 'Deployment' };
export const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };

/** An AdmissionReview v1 around a request, with the fields the API server always sets. */
export function admissionReview(input: ReviewInput): JsonRecord {
  const operation = input.operation ?? 'CREATE';
  const options =
    operation === 'DELETE'
      ? { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions' }
      : operation === 'UPDATE'
        ? { apiVersion: 'meta.k8s.io/v1', kind: 'UpdateOptions', fieldManager: 'kubectl-client-side-apply' }
        : { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions', fieldManager: 'kubectl-client-side-apply' };
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: input.uid ?? '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: input.kind,
      resource: input.resource,
      ...(input.subResource !== undefined ? { subResource: input.subResource } : {}),
      requestKind: input.kind,
      requestResource: input.resource,
      ...(input.subResource !== undefined ? { requestSubResource: input.subResource } : {}),
      name: input.name ?? '',
      namespace: input.namespace ?? 'default',
      operation,
      userInfo: {
        username: input.username ?? 'alice@example.com',
        uid: '014fbff9a07c',
        groups: ['system:authenticated', 'shop-devs'],
      },
      object: input.object === undefined ? null : input.object,
      oldObject: input.oldObject === undefined ? null : input.oldObject,
      dryRun: input.dryRun ?? false,
      options,
    },
  };
}

export interface PodOptions {
  readonly name?: string;
  readonly namespace?: string;
  readonly securityContext?: JsonRecord;
  readonly podSecurityContext?: JsonRecord;
  readonly image?: string;
  readonly runtimeClassName?: string;
}

/** A Pod as `kubectl run` would create it, with one container `app`. */
export function pod(o: PodOptions = {}): JsonRecord {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.name ?? 'web', namespace: o.namespace ?? 'shop', labels: { app: 'web' } },
    spec: {
      ...(o.runtimeClassName !== undefined ? { runtimeClassName: o.runtimeClassName } : {}),
      ...(o.podSecurityContext !== undefined ? { securityContext: o.podSecurityContext } : {}),
      containers: [
        {
          name: 'app',
          image: o.image ?? 'registry.example.com/shop/web:1.4.2',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          ...(o.securityContext !== undefined ? { securityContext: o.securityContext } : {}),
        },
      ],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
    },
  };
}

/** A Deployment whose pod template is `pod(o)`'s. */
export function deployment(o: PodOptions = {}): JsonRecord {
  const p = pod(o);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: o.name ?? 'web', namespace: o.namespace ?? 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: p.spec },
    },
  };
}

/** A container security context that passes restricted:latest. */
export const RESTRICTED_CONTAINER: JsonRecord = Object.freeze({
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
});
