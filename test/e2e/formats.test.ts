/**
 * Every output format of `kubeward scan`, end to end: a real scan of a small manifest
 * folder (with a suppressed finding, a config exception and a malformed file), rendered
 * as SARIF (checked against the OASIS schema), JUnit (read back by a strict XML parser),
 * Markdown and JSON (the DESIGN.md shape).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_CONFIG, type KubewardConfig } from '../../src/policy/config.js';
import { privilegedContainer } from '../../src/policy/rules/pod-security/privileged-container.js';
import { defineRule, type Rule } from '../../src/policy/types.js';
import { renderJson } from '../../src/report/json.js';
import { renderJunit } from '../../src/report/junit.js';
import { MARKER, renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { scan, type ScanResult } from '../../src/scan.js';
import { validateSarif } from '../sarifSchema.js';
import { kids, parseXml } from '../xmlTree.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TOOL = { name: 'kubeward', version: '9.9.9', informationUri: 'https://example.test/kubeward' };

/** A second rule, on Services, so the scan has two severities and two target kinds. */
const nodePort: Rule = defineRule({
  id: 'test-node-port',
  title: 'Service opens a node port',
  category: 'exposure',
  severity: 'medium',
  description: 'A Service of `type: NodePort`.',
  rationale: 'Every node listens on the port.',
  remediation: 'Use a ClusterIP Service behind an Ingress.',
  references: {},
  targets: ['Service'],
  *check({ resource }) {
    const spec = resource.object.spec as { type?: unknown } | undefined;
    if (spec?.type === 'NodePort') yield { message: 'Service has type NodePort', path: ['spec', 'type'] };
  },
});

const files: Record<string, string> = {
  'apps/web.yaml': `# the shop front end
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          securityContext:
            privileged: true
        - name: sidecar
          image: envoy:1.31
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80}]
`,
  'apps/debug.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
  annotations:
    kubeward.io/ignore: "privileged-container: short-lived debugging pod, deleted after the incident"
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext: {privileged: true}
`,
  'system/agent.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: kube-system
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      initContainers:
        - name: setup
          image: agent:2
          securityContext:
            privileged: true
      containers:
        - name: agent
          image: agent:2
`,
  'broken.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
data:
  key: [unclosed
`,
};

const config: KubewardConfig = {
  ...DEFAULT_CONFIG,
  exceptions: [
    {
      rules: ['privileged-container'],
      match: { kind: 'DaemonSet', namespace: 'kube-system', name: 'node-agent' },
      reason: 'the node agent needs host access (SEC-101)',
    },
  ],
};

let dir: string;
let result: ScanResult;
const at = (rel: string): string => join(dir, rel);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubeward-formats-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(at(rel)), { recursive: true });
    writeFileSync(at(rel), text);
  }
  result = await scan([dir], { rules: [privilegedContainer, nodePort], config, now: new Date('2026-06-01') });
});

describe('the scan behind the reports', () => {
  it('finds, suppresses and fails exactly what the manifests hold', () => {
    expect(
      result.findings.map((f) => [f.ruleId, f.location.file, f.location.line, f.location.column]),
    ).toEqual([
      ['privileged-container', at('apps/web.yaml'), 21, 13],
      ['test-node-port', at('apps/web.yaml'), 31, 3],
    ]);
    expect(result.suppressed.map((s) => [s.finding.resource.name, s.by])).toEqual([
      ['debug', 'annotation'],
      ['node-agent', 'config'],
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: at('broken.yaml'), line: 7 });
  });
});

describe('SARIF', () => {
  interface Loc {
    physicalLocation?: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region?: { startLine: number };
    };
    logicalLocations?: { fullyQualifiedName: string }[];
  }
  interface Log {
    runs: {
      tool: { driver: { rules: { id: string }[] } };
      invocations: {
        executionSuccessful: boolean;
        toolExecutionNotifications: { level: string; locations: Loc[] }[];
      }[];
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        locations: Loc[];
        suppressions?: { kind: string }[];
      }[];
    }[];
  }

  it('is valid against the OASIS SARIF 2.1.0 schema, with exact rule ids, files and lines', () => {
    const text = renderSarif(result, TOOL, { baseDir: dir });
    const log = JSON.parse(text) as Log;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['privileged-container', 'test-node-port']);
    expect(
      run.results.map((r) => [
        r.ruleId,
        r.ruleIndex,
        r.level,
        r.locations[0]!.physicalLocation!.artifactLocation.uri,
        r.locations[0]!.physicalLocation!.region!.startLine,
        r.locations[0]!.logicalLocations![0]!.fullyQualifiedName,
        r.suppressions?.[0]?.kind,
      ]),
    ).toEqual([
      ['privileged-container', 0, 'error', 'apps/web.yaml', 21, 'Deployment/shop/web', undefined],
      ['test-node-port', 1, 'warning', 'apps/web.yaml', 31, 'Service/shop/web', undefined],
      ['privileged-container', 0, 'error', 'apps/debug.yaml', 12, 'Pod/shop/debug', 'inSource'],
      [
        'privileged-container',
        0,
        'error',
        'system/agent.yaml',
        15,
        'DaemonSet/kube-system/node-agent',
        'external',
      ],
    ]);
    const inv = run.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toHaveLength(1);
    expect(inv.toolExecutionNotifications[0]!.level).toBe('error');
    expect(inv.toolExecutionNotifications[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: result.errors[0]!.column },
    });
  });

  it('is written by `kubeward scan --format sarif --output` with paths relative to the working folder', () => {
    const cli = join(root, 'dist/cli/main.js');
    const r = spawnSync(
      process.execPath,
      [cli, 'scan', '--no-config', '--format', 'sarif', '--output', 'out.sarif', 'apps/debug.yaml', 'system'],
      { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    expect(r.stderr).toBe('');
    const log = JSON.parse(readFileSync(at('out.sarif'), 'utf8')) as Log;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const priv = log.runs[0]!.results.filter((x) => x.ruleId === 'privileged-container');
    // without the config file the DaemonSet is no longer excepted; the annotation still suppresses
    // (open results come first, suppressed ones after them)
    expect(
      priv.map((x) => [x.locations[0]!.physicalLocation!.artifactLocation.uri, x.suppressions?.[0]?.kind]),
    ).toEqual([
      ['system/agent.yaml', undefined],
      ['apps/debug.yaml', 'inSource'],
    ]);
    expect(r.status).toBe(1);
  });
});

describe('JUnit', () => {
  it('parses, and its counts match the scan', () => {
    const rootNode = parseXml(renderJunit(result, TOOL));
    // privileged-container looks at 3 workloads, test-node-port at 1 Service; 1 input error
    expect(rootNode.attrs).toEqual({
      name: 'kubeward 9.9.9',
      tests: '5',
      failures: '2',
      errors: '1',
      skipped: '2',
    });
    const suites = kids(rootNode, 'testsuite');
    expect(
      suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.errors, s.attrs.skipped]),
    ).toEqual([
      ['privileged-container', '3', '1', '0', '2'],
      ['test-node-port', '1', '1', '0', '0'],
      ['kubeward.input', '1', '0', '1', '0'],
    ]);
    const cases = kids(suites[0]!, 'testcase');
    // in input order: folders are read sorted
    expect(
      cases.map((c) => [c.attrs.name, c.attrs.file, c.attrs.line, c.children.map((k) => k.name).join(',')]),
    ).toEqual([
      ['Pod shop/debug', at('apps/debug.yaml'), '1', 'skipped,system-out'],
      ['Deployment shop/web', at('apps/web.yaml'), '21', 'failure'],
      ['DaemonSet kube-system/node-agent', at('system/agent.yaml'), '1', 'skipped,system-out'],
    ]);
    expect(kids(cases[1]!, 'failure')[0]!.text).toContain(
      `at ${at('apps/web.yaml')}:21:13  spec.template.spec.containers[0].securityContext.privileged`,
    );
    expect(kids(cases[2]!, 'skipped')[0]!.attrs.message).toBe(
      'suppressed by config: the node agent needs host access (SEC-101)',
    );
    const input = kids(kids(suites[2]!, 'testcase')[0]!, 'error')[0]!;
    expect(input.text).toBe(
      `${at('broken.yaml')}:7:${result.errors[0]!.column}: ${result.errors[0]!.message}`,
    );
  });
});

describe('Markdown', () => {
  it('contains the summary and the exact finding rows', () => {
    const md = renderMarkdown(result, TOOL);
    expect(md).toContain('## kubeward: 2 findings\n');
    expect(md).toContain('| 1 | 0 | 1 | 0 | 0 |\n');
    expect(md).toContain('Scanned 5 resources in 4 sources with 2 rules; 2 suppressed; **1 input error**.\n');
    expect(md).toContain(
      `| critical | \`privileged-container\` | Deployment shop/web | ${at('apps/web.yaml')}:21 | container "nginx" runs privileged (securityContext.privileged: true) |\n`,
    );
    expect(md).toContain(
      `| medium | \`test-node-port\` | Service shop/web | ${at('apps/web.yaml')}:31 | Service has type NodePort |\n`,
    );
    expect(md).toContain(
      `| ${at('broken.yaml')} | 7 | ${result.errors[0]!.message.replace(/[\\`*_[\]~|]/g, '\\$&')} |\n`,
    );
    expect(md).toContain(
      '| `privileged-container` | DaemonSet kube-system/node-agent | config | the node agent needs host access (SEC-101) |\n',
    );
  });
});

describe('JSON', () => {
  it('has schemaVersion 1 and the DESIGN.md shape', () => {
    const doc = JSON.parse(renderJson(result, TOOL)) as Record<string, unknown>;
    expect(doc.schemaVersion).toBe('1');
    expect(doc.summary).toEqual({ critical: 1, high: 0, medium: 1, low: 0, info: 0 });
    const findings = doc.findings as Record<string, unknown>[];
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      ruleId: 'privileged-container',
      severity: 'critical',
      message: 'container "nginx" runs privileged (securityContext.privileged: true)',
      path: 'spec.template.spec.containers[0].securityContext.privileged',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      location: { file: at('apps/web.yaml'), line: 21, column: 13 },
    });
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['ruleId', 'severity', 'message', 'path', 'resource', 'location']),
      );
      expect(Object.keys(f.resource as object).sort()).toEqual(['apiVersion', 'kind', 'name', 'namespace']);
      expect(Object.keys(f.location as object).sort()).toEqual(['column', 'file', 'line']);
    }
    expect(doc.errors).toEqual([
      {
        file: at('broken.yaml'),
        line: 7,
        column: result.errors[0]!.column,
        message: result.errors[0]!.message,
      },
    ]);
  });
});

describe('CI wiring', () => {
  const readYaml = (rel: string): unknown => parseYaml(readFileSync(join(root, rel), 'utf8'));

  it('.pre-commit-hooks.yaml declares node hooks that run the kubeward bin on YAML and JSON files', () => {
    const hooks = readYaml('.pre-commit-hooks.yaml') as Record<string, string | boolean>[];
    expect(hooks.map((h) => h.id)).toEqual(['kubeward', 'kubeward-files']);
    const bin = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }
    ).bin;
    for (const h of hooks) {
      expect(h).toMatchObject({ language: 'node', entry: 'kubeward scan', require_serial: true });
      expect(Object.keys(bin)).toContain(String(h.entry).split(' ')[0]);
      // pre-commit matches `files` with Python's re.search; these patterns mean the same in JavaScript
      const files = new RegExp(String(h.files));
      expect(['k8s/a.yaml', 'b.yml', 'c.json'].every((f) => files.test(f))).toBe(true);
      expect(['README.md', 'a.yaml.bak', 'yaml'].some((f) => files.test(f))).toBe(false);
    }
    expect(hooks[0]!.pass_filenames).toBe(false);
    const exclude = new RegExp(String(hooks[1]!.exclude));
    for (const f of [
      'kustomization.yaml',
      'base/kustomization.yml',
      'charts/web/Chart.yaml',
      'charts/web/values-prod.yaml',
      'charts/web/templates/deployment.yaml',
      '.github/workflows/ci.yml',
      'package.json',
      'tsconfig.build.json',
      '.pre-commit-config.yaml',
    ]) {
      expect(exclude.test(f), f).toBe(true);
    }
    for (const f of ['k8s/deployment.yaml', 'deploy/values.json.d/x.yaml', 'apps/web.json'])
      expect(exclude.test(f), f).toBe(false);
  });

  it('the GitHub Actions example writes SARIF and always uploads it with security-events: write', () => {
    interface Step {
      name?: string;
      uses?: string;
      run?: string;
      if?: string;
      with?: Record<string, string>;
    }
    const wf = readYaml('examples/ci/github-actions.yml') as {
      jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }>;
    };
    const job = wf.jobs.scan!;
    expect(job.permissions['security-events']).toBe('write');
    const scanStep = job.steps.find((s) => s.run?.startsWith('kubeward scan'))!;
    expect(scanStep.run).toContain('--format sarif --output kubeward.sarif');
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(job.steps.indexOf(upload)).toBeGreaterThan(job.steps.indexOf(scanStep));
    expect(upload.if).toContain('always()');
    expect(upload.with).toMatchObject({ sarif_file: 'kubeward.sarif' });
    // the comment job finds its previous comment by the Markdown report's first line
    const comment = wf.jobs.comment!.steps.map((s) => s.run ?? '').join('\n');
    expect(comment).toContain('--format markdown --output kubeward.md');
    expect(comment).toContain(MARKER);
  });
});
