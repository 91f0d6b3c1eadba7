/**
 * Type checks for the pod-spec fields kubeward reads. The API server rejects a
 * manifest whose fields have the wrong JSON type (`containers: "web"`); a scanner
 * must not crash on it, nor silently pass it. This reports each wrong type as an
 * issue with its path, and the rules read the rest through the narrowing helpers.
 * Only fields that rules read are described; unknown fields are not errors here.
 */
import type { FieldPath } from './fieldPath.js';
import { formatFieldPath } from './fieldPath.js';
import type { PodTemplate } from './podSpec.js';
import { isRecord } from './shape.js';

type Scalar = 'string' | 'boolean' | 'integer' | 'int-or-string';
type Shape =
  Scalar | { readonly list: Shape } | { readonly fields: Readonly<Record<string, Shape>> } | 'object';

export interface ShapeIssue {
  readonly path: FieldPath;
  readonly message: string;
}

const strings: Shape = { list: 'string' };
const httpGet: Shape = {
  fields: { host: 'string', port: 'int-or-string', path: 'string', scheme: 'string' },
};
const tcpSocket: Shape = { fields: { host: 'string', port: 'int-or-string' } };
const handler: Shape = { fields: { httpGet, tcpSocket, exec: { fields: { command: strings } } } };
const probe: Shape = handler;
const profile: Shape = { fields: { type: 'string', localhostProfile: 'string' } };
const seLinux: Shape = { fields: { user: 'string', role: 'string', type: 'string', level: 'string' } };
const windows: Shape = {
  fields: { hostProcess: 'boolean', runAsUserName: 'string', gmsaCredentialSpecName: 'string' },
};

const containerSecurityContext: Shape = {
  fields: {
    privileged: 'boolean',
    allowPrivilegeEscalation: 'boolean',
    readOnlyRootFilesystem: 'boolean',
    runAsNonRoot: 'boolean',
    runAsUser: 'integer',
    runAsGroup: 'integer',
    procMount: 'string',
    capabilities: { fields: { add: strings, drop: strings } },
    seccompProfile: profile,
    appArmorProfile: profile,
    seLinuxOptions: seLinux,
    windowsOptions: windows,
  },
};

const container: Shape = {
  fields: {
    name: 'string',
    image: 'string',
    imagePullPolicy: 'string',
    command: strings,
    args: strings,
    ports: {
      list: { fields: { containerPort: 'integer', hostPort: 'integer', name: 'string', protocol: 'string' } },
    },
    env: {
      list: { fields: { name: 'string', value: 'string', valueFrom: 'object' } },
    },
    envFrom: { list: 'object' },
    volumeMounts: { list: { fields: { name: 'string', mountPath: 'string', readOnly: 'boolean' } } },
    resources: { fields: { limits: 'object', requests: 'object' } },
    securityContext: containerSecurityContext,
    livenessProbe: probe,
    readinessProbe: probe,
    startupProbe: probe,
    lifecycle: { fields: { postStart: handler, preStop: handler } },
  },
};

const podSpec: Shape = {
  fields: {
    containers: { list: container },
    initContainers: { list: container },
    ephemeralContainers: { list: container },
    volumes: {
      list: { fields: { name: 'string', hostPath: { fields: { path: 'string', type: 'string' } } } },
    },
    hostNetwork: 'boolean',
    hostPID: 'boolean',
    hostIPC: 'boolean',
    hostUsers: 'boolean',
    automountServiceAccountToken: 'boolean',
    serviceAccountName: 'string',
    serviceAccount: 'string',
    nodeName: 'string',
    os: { fields: { name: 'string' } },
    securityContext: {
      fields: {
        runAsNonRoot: 'boolean',
        runAsUser: 'integer',
        runAsGroup: 'integer',
        fsGroup: 'integer',
        supplementalGroups: { list: 'integer' },
        sysctls: { list: { fields: { name: 'string', value: 'string' } } },
        seccompProfile: profile,
        appArmorProfile: profile,
        seLinuxOptions: seLinux,
        windowsOptions: windows,
      },
    },
  },
};

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}

function check(value: unknown, shape: Shape, path: FieldPath, issues: ShapeIssue[]): void {
  if (value === null || value === undefined) return; // null means "unset" in Kubernetes JSON
  const bad = (want: string): void => {
    issues.push({ path, message: `${formatFieldPath(path)} must be ${want}, not ${typeName(value)}` });
  };
  if (typeof shape === 'string') {
    switch (shape) {
      case 'string':
        if (typeof value !== 'string') bad('a string');
        return;
      case 'boolean':
        if (typeof value !== 'boolean') bad('a boolean');
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) bad('an integer');
        return;
      case 'int-or-string':
        if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isInteger(value))) {
          bad('an integer or a string');
        }
        return;
      case 'object':
        if (!isRecord(value)) bad('a map');
        return;
    }
  }
  if ('list' in shape) {
    if (!Array.isArray(value)) return bad('a list');
    for (let i = 0; i < value.length; i++) check(value[i], shape.list, [...path, i], issues);
    return;
  }
  if (!isRecord(value)) return bad('a map');
  for (const [key, fieldShape] of Object.entries(shape.fields)) {
    if (key in value) check(value[key], fieldShape, [...path, key], issues);
  }
}

/** Wrong JSON types in the fields of a pod template that kubeward reads. */
export function podTemplateShapeIssues(template: PodTemplate): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  check(template.spec, podSpec, template.specPath, issues);
  return issues;
}

/** Wrong types of the `metadata` fields every resource has (labels and annotations must be string maps). */
export function metadataShapeIssues(object: Record<string, unknown>): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  check(
    object.metadata,
    { fields: { name: 'string', namespace: 'string', labels: 'object', annotations: 'object' } },
    ['metadata'],
    issues,
  );
  const meta = object.metadata;
  if (isRecord(meta)) {
    for (const key of ['labels', 'annotations'] as const) {
      const map = meta[key];
      if (!isRecord(map)) continue;
      for (const [k, v] of Object.entries(map)) {
        if (typeof v !== 'string') {
          issues.push({
            path: ['metadata', key, k],
            message: `${formatFieldPath(['metadata', key, k])} must be a string, not ${typeName(v)} (quote it)`,
          });
        }
      }
    }
  }
  return issues;
}
