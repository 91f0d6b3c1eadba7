/**
 * AdmissionReview v1 (kubernetes/api admission/v1/types.go), the webhook's wire format:
 * the request narrowed once from the decoded body, and the response built with the
 * request's own apiVersion and uid. A body that is not an AdmissionReview is an error
 * value (answered 400 with its message), never an exception.
 */
import { asRecord, asString, isRecord, type JsonRecord } from '../k8s/shape.js';

/** The versions the API server may send (`admissionReviewVersions` of the webhook configuration). */
export const REVIEW_VERSIONS: readonly string[] = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'];
export const OPERATIONS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}
export interface GroupVersionResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

export interface AdmissionRequest {
  readonly uid: string;
  readonly kind: GroupVersionKind;
  readonly resource: GroupVersionResource;
  /** `""` when the request is on the main resource. */
  readonly subResource: string;
  readonly name: string;
  /** `""` for cluster-scoped objects. */
  readonly namespace: string;
  readonly operation: Operation;
  readonly username: string;
  readonly groups: readonly string[];
  /** Null on DELETE (and CONNECT). */
  readonly object: JsonRecord | null;
  /** Set on UPDATE and DELETE only. */
  readonly oldObject: JsonRecord | null;
  readonly dryRun: boolean;
}

export interface Review {
  readonly apiVersion: string;
  readonly request: AdmissionRequest;
}

export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly status?: { readonly code: number; readonly reason?: string; readonly message: string };
  readonly warnings?: readonly string[];
  readonly auditAnnotations?: Readonly<Record<string, string>>;
  readonly patchType?: 'JSONPatch';
  /** base64 of an RFC 6902 JSON Patch. */
  readonly patch?: string;
}

function gvk(v: unknown): GroupVersionKind | undefined {
  const r = asRecord(v);
  const kind = asString(r?.kind);
  const version = asString(r?.version);
  if (kind === undefined || version === undefined) return undefined;
  return { group: asString(r?.group) ?? '', version, kind };
}

function gvr(v: unknown): GroupVersionResource | undefined {
  const r = asRecord(v);
  const resource = asString(r?.resource);
  const version = asString(r?.version);
  if (resource === undefined || version === undefined) return undefined;
  return { group: asString(r?.group) ?? '', version, resource };
}

function objectOrNull(v: unknown, what: string): JsonRecord | null | string {
  if (v === undefined || v === null) return null;
  return isRecord(v) ? v : `request.${what} must be an object or null`;
}

/** The review a decoded body holds, or what is wrong with it (one line, naming the field). */
export function parseReview(body: unknown): Review | { readonly error: string } {
  if (!isRecord(body)) return { error: 'the body must be a JSON object (an AdmissionReview)' };
  if (body.kind !== 'AdmissionReview')
    return { error: `kind must be AdmissionReview, not ${JSON.stringify(body.kind ?? null)}` };
  const apiVersion = asString(body.apiVersion);
  if (apiVersion === undefined || !REVIEW_VERSIONS.includes(apiVersion))
    return {
      error: `apiVersion must be ${REVIEW_VERSIONS.join(' or ')}, not ${JSON.stringify(body.apiVersion ?? null)}`,
    };
  const req = asRecord(body.request);
  if (req === undefined)
    return { error: 'request is missing: an AdmissionReview to answer carries a request' };
  const uid = asString(req.uid);
  if (uid === undefined || uid === '') return { error: 'request.uid must be a non-empty string' };
  const kind = gvk(req.kind);
  if (kind === undefined) return { error: 'request.kind must be {group, version, kind}' };
  const resource = gvr(req.resource);
  if (resource === undefined) return { error: 'request.resource must be {group, version, resource}' };
  const operation = asString(req.operation);
  if (operation === undefined || !(OPERATIONS as readonly string[]).includes(operation))
    return {
      error: `request.operation must be one of ${OPERATIONS.join(', ')}, not ${JSON.stringify(req.operation ?? null)}`,
    };
  const object = objectOrNull(req.object, 'object');
  if (typeof object === 'string') return { error: object };
  const oldObject = objectOrNull(req.oldObject, 'oldObject');
  if (typeof oldObject === 'string') return { error: oldObject };
  const user = asRecord(req.userInfo);
  const groups = Array.isArray(user?.groups)
    ? user.groups.filter((g): g is string => typeof g === 'string')
    : [];
  return {
    apiVersion,
    request: {
      uid,
      kind,
      resource,
      subResource: asString(req.subResource) ?? '',
      name: asString(req.name) ?? '',
      namespace: asString(req.namespace) ?? '',
      operation: operation as Operation,
      username: asString(user?.username) ?? '',
      groups,
      object,
      oldObject,
      dryRun: req.dryRun === true,
    },
  };
}

/** The AdmissionReview answering a review: same apiVersion, the response's uid is the request's. */
export function reviewResponse(apiVersion: string, response: AdmissionResponse): JsonRecord {
  return { apiVersion, kind: 'AdmissionReview', response };
}
