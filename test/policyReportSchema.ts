/**
 * The openAPIV3Schema of the `wgpolicyk8s.io/v1alpha2` PolicyReport and ClusterPolicyReport
 * CRDs as a compiled validator, written from kubernetes-sigs/wg-policy-prototypes
 * (policy-report/apis/wgpolicyk8s.io/v1alpha2/policyreport_types.go and the CRD that
 * controller-gen makes of it: `policy` required in a result, `timestamp` needing `seconds`
 * and `nanos`, the `result` and `severity` enums).
 *
 * Two deliberate differences from the CRD: the severity enum is the five values of the
 * types file (`critical;high;low;medium;info`; the first generated CRD had only
 * high/low/medium, the CRDs Kyverno ships have all five), and `additionalProperties: false`
 * everywhere: the API server would silently prune a field the CRD does not know, so the
 * test fails on one instead.
 */
import { Ajv, type ValidateFunction } from 'ajv';

const string = { type: 'string' } as const;
const stringMap = { type: 'object', additionalProperties: string } as const;

const objectReference = {
  type: 'object',
  additionalProperties: false,
  properties: {
    apiVersion: string,
    fieldPath: string,
    kind: string,
    name: string,
    namespace: string,
    resourceVersion: string,
    uid: string,
  },
} as const;

const labelSelector = {
  type: 'object',
  additionalProperties: false,
  properties: {
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'operator'],
        properties: { key: string, operator: string, values: { type: 'array', items: string } },
      },
    },
    matchLabels: stringMap,
  },
} as const;

const result = {
  type: 'object',
  additionalProperties: false,
  required: ['policy'],
  properties: {
    source: string,
    policy: string,
    rule: string,
    category: string,
    severity: { type: 'string', enum: ['critical', 'high', 'low', 'medium', 'info'] },
    timestamp: {
      type: 'object',
      additionalProperties: false,
      required: ['nanos', 'seconds'],
      properties: {
        nanos: { type: 'integer', minimum: 0, maximum: 999_999_999 },
        seconds: { type: 'integer' },
      },
    },
    result: { type: 'string', enum: ['pass', 'fail', 'warn', 'error', 'skip'] },
    scored: { type: 'boolean' },
    resources: { type: 'array', items: objectReference },
    resourceSelector: labelSelector,
    message: string,
    properties: stringMap,
  },
} as const;

const report = (kind: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata'],
  properties: {
    apiVersion: { const: 'wgpolicyk8s.io/v1alpha2' },
    kind: { const: kind },
    metadata: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', maxLength: 253, pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' },
        namespace: string,
        labels: stringMap,
      },
      ...(kind === 'PolicyReport' ? { required: ['name', 'namespace'] } : {}),
    },
    scope: objectReference,
    scopeSelector: labelSelector,
    summary: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        ['pass', 'fail', 'warn', 'error', 'skip'].map((k) => [k, { type: 'integer' }]),
      ),
    },
    results: { type: 'array', items: result },
  },
});

const ajv = new Ajv({ allErrors: true });
export const validatePolicyReport: ValidateFunction = ajv.compile(report('PolicyReport'));
export const validateClusterPolicyReport: ValidateFunction = ajv.compile(report('ClusterPolicyReport'));
