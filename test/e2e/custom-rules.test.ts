/**
 * Custom CEL rules from `.kubeward.yaml` end to end: the built CLI in a child process (scan, several
 * worker threads, suppressions, exceptions, exit codes) and the admission path with the same config.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdmissionDecider } from '../../src/admission/decide.js';
import { AdmissionHandler } from '../../src/admission/handler.js';
import { StaticNamespaceCache } from '../../src/admission/namespaceCache.js';
import { DEFAULT_SERVER_CONFIG } from '../../src/admission/serverConfig.js';
import { BUILTIN_RULE_IDS } from '../../src/policy/registry.js';
import { parseConfig } from '../../src/policy/config.js';
import { admissionReview, DEPLOYMENT_KIND, DEPLOYMENTS } from '../admissionReviews.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli/main.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CONFIG = `customRules:
  - id: replicas-at-least-two
    severity: high
    title: Deployments run at least two replicas
    remediation: Set spec.replicas to 2 or more.
    match:
      kinds: [Deployment]
      apiGroups: [apps]
      labelSelector:
        matchLabels: { tier: web }
    variables:
      - name: replicas
        expression: "has(object.spec.replicas) ? object.spec.replicas : 1"
    validations:
      - expression: "variables.replicas + 0 >= 2"
        messageExpression: "'runs ' + string(variables.replicas) + ' replica(s); at least 2 are required'"
  - id: team-label
    severity: low
    title: Workloads carry a team label
    match:
      kinds: ["*"]
      namespaces: ["shop*"]
    validations:
      - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
        message: every object in the shop namespaces needs a team label
exceptions:
  - rules: [team-label]
    kind: ConfigMap
    reason: configuration objects are owned by the platform team
`;

const deployment = (name: string, replicas: number | undefined, labels: string, annotations = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
  labels: ${labels}${annotations}
spec:
  ${replicas !== undefined ? `replicas: ${replicas}` : 'paused: false'}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      automountServiceAccountToken: false
      containers:
        - name: app
          image: registry.example.com/app@sha256:${'a'.repeat(64)}
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubeward-custom-'));
  writeFileSync(join(dir, '.kubeward.yaml'), CONFIG);
  writeFileSync(
    join(dir, 'app.yaml'),
    [
      deployment('one', 1, '{ tier: web, team: a }'),
      deployment('default-replicas', undefined, '{ tier: web }'),
      deployment('three', 3, '{ tier: web, team: a }'),
      deployment('batch', 1, '{ tier: batch, team: a }'),
      deployment('waived', 1, '{ tier: web, team: a }', '\n  annotations:\n    kubeward.io/ignore: "replicas-at-least-two: a singleton by design"'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings, namespace: shop }\ndata: { a: b }\n',
    ].join('---\n'),
  );
});

interface JsonReport {
  findings: { ruleId: string; severity: string; message: string; resource: { name: string }; location: { line: number } }[];
  errors: { file: string; line?: number; message: string }[];
}

const custom = (report: JsonReport) =>
  report.findings
    .filter((f) => f.ruleId === 'replicas-at-least-two' || f.ruleId === 'team-label')
    .map((f) => [f.ruleId, f.severity, f.resource.name, f.message]);

describe('custom rules in kubeward scan', () => {
  it('report exactly the violating objects, with messageExpression, exceptions and suppressions applied, in any number of threads', () => {
    const expected = [
      ['replicas-at-least-two', 'high', 'one', 'runs 1 replica(s); at least 2 are required'],
      ['replicas-at-least-two', 'high', 'default-replicas', 'runs 1 replica(s); at least 2 are required'],
      ['team-label', 'low', 'default-replicas', 'every object in the shop namespaces needs a team label'],
    ];
    for (const workers of ['1', '3']) {
      const r = run(['scan', 'app.yaml', '-f', 'json', '--workers', workers, '--fail-on', 'critical'], dir);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as JsonReport;
      expect(custom(report)).toEqual(expected);
      expect(report.errors).toEqual([]);
    }
  });

  it('a validation that does not compile names rule, validation and position, exits 2, and the rest still runs', () => {
    writeFileSync(
      join(dir, 'bad.kubeward.yaml'),
      CONFIG.replace('expression: "variables.replicas + 0 >= 2"', 'expression: "variables.replicas >= "'),
    );
    const r = run(['scan', 'app.yaml', '-f', 'json', '--config', 'bad.kubeward.yaml'], dir);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.errors).toEqual([
      {
        file: 'bad.kubeward.yaml',
        line: 15,
        message: 'custom rule replicas-at-least-two: validations[0].expression does not compile: 1:20: syntax error: found > but expecting end of input',
      },
    ]);
    expect(custom(report)).toEqual([['team-label', 'low', 'default-replicas', 'every object in the shop namespaces needs a team label']]);
  });

  it('refuses a custom rule that takes a built-in id', () => {
    writeFileSync(join(dir, 'clash.kubeward.yaml'), CONFIG.replace('id: team-label', 'id: privileged-container'));
    const r = run(['scan', 'app.yaml', '--config', 'clash.kubeward.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('customRules[1].id "privileged-container" is the id of a built-in rule; choose another');
  });
});

describe('custom rules in admission', () => {
  it('deny a request the rule rejects and allow one it accepts, through the webhook handler', () => {
    const policy = parseConfig(CONFIG, '.kubeward.yaml', BUILTIN_RULE_IDS);
    const handler = new AdmissionHandler(
      new AdmissionDecider({ config: { ...DEFAULT_SERVER_CONFIG, denyOn: 'high' }, policy, namespaces: new StaticNamespaceCache() }),
    );
    const reviewOf = (replicas: number) => {
      const object = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'other', labels: { tier: 'web' } },
        spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { automountServiceAccountToken: false, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'app', image: `registry.example.com/app@sha256:${'a'.repeat(64)}`, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }] } } },
      };
      const answer = handler.handle('validate', JSON.stringify(admissionReview({ kind: DEPLOYMENT_KIND, resource: DEPLOYMENTS, name: 'web', namespace: 'other', object })));
      return (JSON.parse(answer.body) as { response: { allowed: boolean; status?: { message: string } } }).response;
    };
    const denied = reviewOf(1);
    expect(denied.allowed).toBe(false);
    expect(denied.status?.message).toContain('replicas-at-least-two (runs 1 replica(s); at least 2 are required)');
    expect(reviewOf(2).status?.message ?? '').not.toContain('replicas-at-least-two');
  });
});
