import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scanTexts as scanShared } from '../../test/scanTexts.js';
import { sarifSchema, validateSarif } from '../../test/sarifSchema.js';
import type { InputError } from '../load/inputError.js';
import { DEFAULT_CONFIG, type KubewardConfig } from '../policy/config.js';
import { privilegedContainer } from '../policy/rules/pod-security/privileged-container.js';
import { defineRule, type Rule } from '../policy/types.js';
import type { ScanResult } from '../scan.js';
import {
  FINGERPRINT_KEY,
  githubLimitWarning,
  renderSarif,
  renderSarifChunks,
  SARIF_SCHEMA_URI,
} from './sarif.js';

const TOOL = { name: 'kubeward', version: '1.2.3', informationUri: 'https://example.test/kubeward' };
const BASE = '/work/repo';

// The OASIS SARIF 2.1.0 schema (draft-07): see test/fixtures/sarif/README.md.
const schema = sarifSchema;
const validate = validateSarif;

/** A rule yielding one report per Service of type NodePort, with its own fix text. */
const nodePort: Rule = defineRule({
  id: 'service-node-port',
  title: 'Service opens a node port',
  category: 'exposure',
  severity: 'low',
  description: 'A Service of `type: NodePort`.',
  rationale: 'Every node listens on the port.',
  remediation: 'Use a ClusterIP Service behind an Ingress.',
  references: {},
  targets: ['Service'],
  *check({ resource }) {
    const spec = resource.object.spec as { type?: unknown } | undefined;
    if (spec?.type === 'NodePort')
      yield { message: 'type is NodePort', path: ['spec', 'type'], remediation: 'Set `type: ClusterIP`.' };
  },
});

const privilegedPod = (name: string, ns: string, annotations = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}${annotations}
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

function scanTexts(
  files: Record<string, string>,
  opts: { errors?: InputError[]; config?: KubewardConfig; rules?: Rule[] } = {},
): ScanResult {
  return scanShared(files, { rules: [privilegedContainer, nodePort], ...opts });
}

interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region?: { startLine: number; startColumn?: number };
  };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
  message?: { text: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: [SarifLocation];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification: string }[];
  properties: Record<string, unknown>;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: Record<string, unknown> & { rules: Record<string, unknown>[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: Record<string, unknown>[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

function render(result: ScanResult, baseDir = BASE): SarifLog {
  const text = renderSarif(result, TOOL, { baseDir });
  const log = JSON.parse(text) as SarifLog;
  if (!validate(log)) throw new Error(`not valid SARIF: ${JSON.stringify(validate.errors, null, 2)}`);
  return log;
}

describe('SARIF output', () => {
  it('validates against the OASIS SARIF 2.1.0 schema file', () => {
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    // the validator is live: a log without `runs` is refused
    expect(validate({ version: '2.1.0' })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('describes the tool and every rule that ran, with GitHub severity properties', () => {
    const log = render(scanTexts({ 'k8s/pod.yaml': privilegedPod('p', 'shop') }));
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('kubeward');
    expect(driver.version).toBe('1.2.3');
    expect(driver.informationUri).toBe('https://example.test/kubeward');
    expect(driver.rules.map((r) => r.id)).toEqual(['privileged-container', 'service-node-port']);
    const [priv, np] = driver.rules;
    expect(priv).toMatchObject({
      id: 'privileged-container',
      name: 'PrivilegedContainer',
      shortDescription: { text: 'Container runs privileged' },
      fullDescription: { text: privilegedContainer.description },
      helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: [
          'security',
          'kubernetes',
          'pod-security',
          'external/cis-kubernetes/5.2.2',
          'external/mitre-attack/T1611',
          'external/mitre-attack/T1610',
        ],
        'security-severity': '9.5',
        precision: 'very-high',
      },
    });
    const help = priv!.help as { text: string; markdown: string };
    expect(help.text).toContain(privilegedContainer.rationale);
    expect(help.text).toContain(`How to fix: ${privilegedContainer.remediation}`);
    expect(help.text).toContain('- CIS Kubernetes Benchmark: 5.2.2');
    expect(help.markdown).toContain('### How to fix it');
    expect(help.markdown).toContain('- MITRE ATT&CK for Containers: T1611, T1610');
    // no links → no helpUri; low → note and security-severity 3.0
    expect(np).not.toHaveProperty('helpUri');
    expect(np).toMatchObject({
      defaultConfiguration: { level: 'note' },
      properties: { 'security-severity': '3.0' },
    });
  });

  it('maps severities to levels and security-severity bands (configured severities win)', () => {
    const sev = (severity: 'critical' | 'high' | 'medium' | 'low' | 'info') => {
      const config = { ...DEFAULT_CONFIG, rules: { 'privileged-container': { severity } } };
      const log = render(scanTexts({ 'p.yaml': privilegedPod('p', 'shop') }, { config }));
      const rule = log.runs[0]!.tool.driver.rules[0]!;
      return [
        log.runs[0]!.results[0]!.level,
        (rule.defaultConfiguration as { level: string }).level,
        (rule.properties as Record<string, string>)['security-severity'],
      ];
    };
    expect(sev('critical')).toEqual(['error', 'error', '9.5']);
    expect(sev('high')).toEqual(['error', 'error', '7.5']);
    expect(sev('medium')).toEqual(['warning', 'warning', '5.5']);
    expect(sev('low')).toEqual(['note', 'note', '3.0']);
    expect(sev('info')).toEqual(['note', 'note', '1.0']);
  });

  it('points each result at its file, line and column relative to %SRCROOT%, with the resource as logical location', () => {
    const log = render(
      scanTexts({
        'k8s/apps/pod.yaml': `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n${privilegedPod('web', 'shop')}`,
        'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: front}\nspec:\n  type: NodePort\n',
      }),
    );
    const [priv, np] = log.runs[0]!.results;
    expect(priv).toMatchObject({
      ruleId: 'privileged-container',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'container "app" runs privileged (securityContext.privileged: true)' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'k8s/apps/pod.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 15, startColumn: 9 },
          },
          logicalLocations: [{ name: 'web', fullyQualifiedName: 'Pod/shop/web', kind: 'resource' }],
        },
      ],
      properties: {
        severity: 'critical',
        path: 'spec.containers[0].securityContext.privileged',
        resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'web' },
        container: 'app',
      },
    });
    // a Service without a namespace is in `default`; a finding-specific fix is appended to the message
    expect(np).toMatchObject({
      ruleId: 'service-node-port',
      ruleIndex: 1,
      level: 'note',
      message: { text: 'type is NodePort — fix: Set `type: ClusterIP`.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'svc.yaml' },
            region: { startLine: 5, startColumn: 3 },
          },
          logicalLocations: [{ fullyQualifiedName: 'Service/default/front' }],
        },
      ],
    });
    expect(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe('file:///work/repo/');
  });

  it('makes absolute paths relative to the base folder, percent-encodes them, and leaves outside files absolute', () => {
    const log = render(
      scanTexts({
        '/work/repo/deploy/my app#1.yaml': privilegedPod('a', 'x'),
        '/elsewhere/pod.yaml': privilegedPod('b', 'x'),
      }),
    );
    const uris = log.runs[0]!.results.map((r) => r.locations[0].physicalLocation?.artifactLocation);
    expect(uris).toEqual([
      { uri: 'deploy/my%20app%231.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'file:///elsewhere/pod.yaml' },
    ]);
  });

  it('fingerprints results by rule, resource and field path, not by line or file', () => {
    const fp = (files: Record<string, string>) =>
      render(scanTexts(files)).runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);
    const before = fp({ 'a.yaml': privilegedPod('web', 'shop') });
    const moved = fp({ 'b.yaml': `# a comment\n\n\n${privilegedPod('web', 'shop')}` });
    const other = fp({ 'a.yaml': privilegedPod('api', 'shop') });
    expect(before[0]).toMatch(/^[0-9a-f]{32}:1$/);
    expect(moved).toEqual(before);
    expect(other[0]).not.toBe(before[0]);
    // two containers of one pod: different paths, different fingerprints
    const two = fp({
      'a.yaml': `${privilegedPod('web', 'shop')}    - name: side\n      image: busybox:1\n      securityContext: {privileged: true}\n`,
    });
    expect(two).toHaveLength(2);
    expect(two[0]).toBe(before[0]);
    expect(two[1]).not.toBe(two[0]);
  });

  it('numbers repeated fingerprints so each result keeps its own', () => {
    const twice: Rule = defineRule({
      ...nodePort,
      id: 'twice',
      *check() {
        yield { message: 'one', path: ['spec'] };
        yield { message: 'two', path: ['spec'] };
      },
    });
    const log = render(
      scanTexts(
        { 's.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {}\n' },
        { rules: [twice] },
      ),
    );
    const [a, b] = log.runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]!);
    expect(a!.replace(/:1$/, ':2')).toBe(b);
  });

  it('lists suppressed findings with an inSource (annotation) or external (config) suppression', () => {
    const config: KubewardConfig = {
      ...DEFAULT_CONFIG,
      exceptions: [
        { rules: ['privileged-container'], match: { kind: 'Pod', name: 'agent' }, reason: 'node agent' },
      ],
    };
    const log = render(
      scanTexts(
        {
          'a.yaml': privilegedPod(
            'dbg',
            'shop',
            '\n  annotations:\n    kubeward.io/ignore: "privileged-container: debugging only"',
          ),
          'b.yaml': privilegedPod('agent', 'ops'),
          'c.yaml': privilegedPod('web', 'shop'),
        },
        { config },
      ),
    );
    const results = log.runs[0]!.results;
    expect(results.map((r) => [r.locations[0].logicalLocations![0]!.name, r.suppressions])).toEqual([
      ['web', undefined],
      ['dbg', [{ kind: 'inSource', justification: 'debugging only' }]],
      ['agent', [{ kind: 'external', justification: 'node agent' }]],
    ]);
    // a suppressed finding still points into its file
    expect(results[1]!.locations[0].physicalLocation?.artifactLocation.uri).toBe('a.yaml');
  });

  it('reports input errors as error notifications with their location, and warnings as warnings', () => {
    const result = scanTexts(
      {
        'good.yaml': privilegedPod('web', 'shop'),
        'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n',
        'crd.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
      },
      { errors: [{ file: 'missing.yaml', message: 'cannot read: no such file or folder' }] },
    );
    expect(result.errors.length).toBe(2);
    const log = render(result);
    const inv = log.runs[0]!.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    const notes = inv.toolExecutionNotifications;
    expect(notes).toHaveLength(3);
    expect(notes[0]).toEqual({
      level: 'error',
      message: { text: 'cannot read: no such file or folder' },
      locations: [
        { physicalLocation: { artifactLocation: { uri: 'missing.yaml', uriBaseId: '%SRCROOT%' } } },
      ],
    });
    const parseError = result.errors.find((e) => e.file === 'bad.yaml')!;
    expect(notes[1]).toEqual({
      level: 'error',
      message: { text: parseError.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'bad.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: parseError.line, startColumn: parseError.column },
          },
        },
      ],
    });
    expect(notes[2]).toMatchObject({
      level: 'warning',
      message: { text: expect.stringContaining('Widget') },
    });
    // the rest of the input was still scanned
    expect(log.runs[0]!.results).toHaveLength(1);
  });

  it('says the run succeeded when every input was read', () => {
    const inv = render(scanTexts({ 'a.yaml': privilegedPod('web', 'shop') })).runs[0]!.invocations[0]!;
    expect(inv).toEqual({ executionSuccessful: true, toolExecutionNotifications: [] });
  });

  it('points findings in rendered Kustomize/Helm output at the folder, without a region, and says so', () => {
    const log = render(
      scanTexts({ 'overlays/prod (kubectl kustomize output)': privilegedPod('web', 'shop') }),
    );
    const loc = log.runs[0]!.results[0]!.locations[0];
    expect(loc.physicalLocation).toEqual({
      artifactLocation: { uri: 'overlays/prod/', uriBaseId: '%SRCROOT%' },
    });
    expect(loc.message?.text).toBe(
      'in the output of `kubectl kustomize overlays/prod` at line 11; the source file is not known',
    );
  });

  it('gives findings read from standard input no file', () => {
    const log = render(scanTexts({ '<stdin>': privilegedPod('web', 'shop') }));
    const loc = log.runs[0]!.results[0]!.locations[0];
    expect(loc).not.toHaveProperty('physicalLocation');
    expect(loc.message?.text).toBe('read from standard input, line 11');
    expect(loc.logicalLocations![0]!.fullyQualifiedName).toBe('Pod/shop/web');
  });

  it('renders a small scan as the SARIF log written out by hand', () => {
    const result = scanTexts(
      {
        'k8s/svc.yaml':
          'apiVersion: v1\nkind: Service\nmetadata: {name: front, namespace: shop}\nspec:\n  type: NodePort\n',
        'bad.yaml': 'kind: [',
      },
      { rules: [nodePort] },
    );
    const text = renderSarif(result, TOOL, { baseDir: BASE });
    const log = JSON.parse(text) as SarifLog;
    expect(validate(log)).toBe(true);
    // the identity findingKey() gives (rule, Kind/namespace/name, path, container), hashed
    const fingerprint = createHash('sha256')
      .update('service-node-port\u0000Service/shop/front\u0000spec.type\u0000')
      .digest('hex')
      .slice(0, 32);
    expect(log).toEqual({
      $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'kubeward',
              version: '1.2.3',
              semanticVersion: '1.2.3',
              informationUri: 'https://example.test/kubeward',
              rules: [
                {
                  id: 'service-node-port',
                  name: 'ServiceNodePort',
                  shortDescription: { text: 'Service opens a node port' },
                  fullDescription: { text: 'A Service of `type: NodePort`.' },
                  help: {
                    text: 'Every node listens on the port.\n\nHow to fix: Use a ClusterIP Service behind an Ingress.',
                    markdown: [
                      '**Service opens a node port** (low)',
                      'A Service of `type: NodePort`.',
                      '### Why it matters',
                      'Every node listens on the port.',
                      '### How to fix it',
                      'Use a ClusterIP Service behind an Ingress.',
                      '### Suppress it',
                      'Annotation `kubeward.io/ignore: "service-node-port: <reason>"` on the resource, or an exception in `.kubeward.yaml`.',
                    ].join('\n\n'),
                  },
                  defaultConfiguration: { level: 'note' },
                  properties: {
                    tags: ['security', 'kubernetes', 'exposure'],
                    'security-severity': '3.0',
                    precision: 'very-high',
                  },
                },
              ],
            },
          },
          invocations: [
            {
              executionSuccessful: false,
              toolExecutionNotifications: [
                {
                  level: 'error',
                  message: { text: 'invalid YAML: unexpected end of the stream within a flow collection' },
                  locations: [
                    {
                      physicalLocation: {
                        artifactLocation: { uri: 'bad.yaml', uriBaseId: '%SRCROOT%' },
                        region: { startLine: 2, startColumn: 1 },
                      },
                    },
                  ],
                },
              ],
            },
          ],
          originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///work/repo/' } },
          columnKind: 'utf16CodeUnits',
          results: [
            {
              ruleId: 'service-node-port',
              ruleIndex: 0,
              level: 'note',
              message: { text: 'type is NodePort — fix: Set `type: ClusterIP`.' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'k8s/svc.yaml', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 5, startColumn: 3 },
                  },
                  logicalLocations: [
                    { name: 'front', fullyQualifiedName: 'Service/shop/front', kind: 'resource' },
                  ],
                },
              ],
              partialFingerprints: { [FINGERPRINT_KEY]: `${fingerprint}:1` },
              properties: {
                severity: 'low',
                path: 'spec.type',
                resource: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'front' },
              },
            },
          ],
        },
      ],
    });
    expect(text).toBe(`${JSON.stringify(log, null, 2)}\n`);
  });

  it.each([0, 1, 1000, 2001])(
    'writes one valid result per finding, in batches of 1,000: %i findings',
    (n) => {
      const pods = Array.from(
        { length: n },
        (_, i) =>
          `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers: [{name: a, image: x, securityContext: {privileged: true}}]\n`,
      );
      const result = scanTexts({
        'a.yaml': pods.join('---\n') || 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
      });
      expect(result.findings).toHaveLength(n);
      const chunks = [...renderSarifChunks(result, TOOL, { baseDir: BASE })];
      const text = chunks.join('');
      expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
      const log = JSON.parse(text) as SarifLog;
      expect(validate(log)).toBe(true);
      // each pod of six lines starts at line 1 + 6·i (five lines and the `---` separator)
      expect(
        log.runs[0]!.results.map((r) => [
          r.ruleId,
          r.locations[0].logicalLocations![0]!.fullyQualifiedName,
          r.locations[0].physicalLocation!.region!.startLine,
          r.partialFingerprints[FINGERPRINT_KEY]!.split(':')[1],
        ]),
      ).toEqual(
        Array.from({ length: n }, (_, i) => ['privileged-container', `Pod/default/p${i}`, 6 * i + 5, '1']),
      );
      if (n > 1000) expect(chunks.length).toBeGreaterThanOrEqual(4); // head, three batches, tail
    },
  );

  it('is valid and empty when nothing was found', () => {
    const log = render(scanTexts({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' }));
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(2);
  });
});

describe('GitHub code scanning limits', () => {
  it('warns when GitHub would show only part of the run, or reject it', () => {
    expect(githubLimitWarning(0)).toBeUndefined();
    expect(githubLimitWarning(5_000)).toBeUndefined();
    expect(githubLimitWarning(5_001)).toBe(
      'the SARIF log has 5,001 results; GitHub code scanning shows only the 5,000 most severe of a run',
    );
    expect(githubLimitWarning(25_000)).toContain('shows only the 5,000 most severe');
    expect(githubLimitWarning(25_001)).toBe(
      'the SARIF log has 25,001 results; GitHub code scanning rejects more than 25,000 per run — narrow it with --min-severity, or scan fewer folders per upload',
    );
  });
});
