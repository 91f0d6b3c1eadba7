/**
 * A finding's stable identity across scans and audit cycles: the same problem on the same
 * object is the same finding, wherever the object's manifest sits and whatever the message
 * says this time.
 *
 * In it, exactly: the format version (`v1`), the rule id, the resource's API group (not its
 * version: `apps/v1beta2` and `apps/v1` are one Deployment), kind, namespace (the default
 * namespace filled in for a namespaced object that names none; empty for cluster-scoped
 * kinds) and name, and the dotted field path. Not in it: file, line, column, document index,
 * message, severity, remediation: moving a manifest within a file or between files, re-wording
 * a message or re-grading a rule keeps the fingerprint.
 */
import { createHash } from 'node:crypto';
import { CLUSTER_SCOPED_KINDS, type ResourceRef } from '../k8s/resource.js';

/** What a fingerprint is made of. */
export interface FingerprintInput {
  readonly ruleId: string;
  readonly resource: ResourceRef;
  readonly path: string;
}

/** The API group of an apiVersion: `apps/v1` → `apps`, `v1` → `` (the core group). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The namespace a resource is in, for its identity. */
export function identityNamespace(ref: ResourceRef, defaultNamespace: string): string {
  return CLUSTER_SCOPED_KINDS.has(ref.kind) ? '' : (ref.namespace ?? defaultNamespace);
}

/** The text that is hashed (NUL-separated, so no field can run into the next). */
export function fingerprintText(f: FingerprintInput, defaultNamespace: string): string {
  const r = f.resource;
  return [
    'v1',
    f.ruleId,
    apiGroupOf(r.apiVersion),
    r.kind,
    identityNamespace(r, defaultNamespace),
    r.name,
    f.path,
  ].join('\u0000');
}

/** 32 hex digits: the first 128 bits of the SHA-256 of `fingerprintText`. */
export function findingFingerprint(f: FingerprintInput, defaultNamespace: string): string {
  return createHash('sha256').update(fingerprintText(f, defaultNamespace)).digest('hex').slice(0, 32);
}
