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

/** `Object.entries` of each `fields` shape, made once: `check` runs on every pod template. */
const fieldEntries = new WeakMap<object, readonly (readonly [string, Shape])[]>();

function entriesOf(fields: Readonly<Record<string, Shape>>): readonly (readonly [string, Shape])[] {
  let entries = fieldEntries.get(fields);
  if (entries === undefined) fieldEntries.set(fields, (entries = Object.entries(fields)));
  return entries;
}

/** Why `value` does not fit a scalar or `object` shape, or undefined when it does. */
function scalarMismatch(value: unknown, shape: Scalar | 'object'): string | undefined {
  switch (shape) {
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'a boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : 'an integer';
    case 'int-or-string':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))
        ? undefined
        : 'an integer or a string';
    case 'object':
      return isRecord(value) ? undefined : 'a map';
  }
}

/**
 * Checks `value` against `shape`. `path` is a stack the walk pushes to and pops from (no
 * array per field); an issue takes a copy.
 */
function check(value: unknown, shape: Shape, path: (string | number)[], issues: ShapeIssue[]): void {
  if (value === null || value === undefined) return; // null means "unset" in Kubernetes JSON
  let want: string | undefined;
  if (typeof shape === 'string') want = scalarMismatch(value, shape);
  else if ('list' in shape) {
    if (!Array.isArray(value)) want = 'a list';
    else {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        check(value[i], shape.list, path, issues);
        path.pop();
      }
    }
  } else if (!isRecord(value)) want = 'a map';
  else {
    for (const [key, fieldShape] of entriesOf(shape.fields)) {
      if (!(key in value)) continue;
      path.push(key);
      check(value[key], fieldShape, path, issues);
      path.pop();
    }
  }
  if (want !== undefined) {
    issues.push({
      path: [...path],
      message: `${formatFieldPath(path)} must be ${want}, not ${typeName(value)}`,
    });
  }
}

/** Wrong JSON types in the fields of a pod template that kubeward reads. */
export function podTemplateShapeIssues(template: PodTemplate): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  check(template.spec, podSpec, [...template.specPath], issues);
  return issues;
}

const metadataShape: Shape = {
  fields: { name: 'string', namespace: 'string', labels: 'object', annotations: 'object' },
};

/** Wrong types of the `metadata` fields every resource has (labels and annotations must be string maps). */
export function metadataShapeIssues(object: Record<string, unknown>): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  check(object.metadata, metadataShape, ['metadata'], issues);
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
