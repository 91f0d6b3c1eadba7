/**
 * No report format prints a secret: a fixture holds a credential in every place the secrets
 * rules read (Secret data and stringData, the last-applied annotation, env, ConfigMap lines,
 * annotations, args, CRD fields), and every format of `renderScan` is searched for each raw
 * value (and its base64 form). The scan must find them, or the test would prove nothing.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../src/policy/registry.js';
import { renderScan, SCAN_FORMATS } from '../src/report/formats.js';
import { scanTexts } from './scanTexts.js';

const RAW = {
  stringData: 'Pl41nT3xt-stringData-value',
  data: 'b64-data-value-Zq81',
  lastApplied: 'LastApplied-Pw-77xQ',
  env: 'EnvLiteral-Pw-41kZ',
  github: 'ghp_' + 'M4sk3dT0k3n'.repeat(4),
  configLine: 'CfgLine-Pw-93hR',
  argFlag: 'ArgFlag-Pw-28vN',
  crdField: 'postgres://app:CrdUrl-Pw-55tG@db:5432/shop',
} as const;

const b64 = (s: string): string => Buffer.from(s).toString('base64');

const FIXTURE = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","kind":"Secret","stringData":{"password":"${RAW.lastApplied}"}}'
data:
  password: ${b64(RAW.data)}
stringData:
  token: ${RAW.stringData}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: shop}
data:
  app.properties: |
    db.password=${RAW.configLine}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
    example.com/github-token: ${RAW.github}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ghcr.io/acme/web:1.0
        args: ["--db-password=${RAW.argFlag}"]
        env:
        - {name: DB_PASSWORD, value: ${RAW.env}}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop, namespace: argocd}
spec:
  source:
    repoURL: ${RAW.crdField}
`;

describe('secret values never reach a report', () => {
  const result = scanTexts({ 'secrets.yaml': FIXTURE }, { rules: BUILTIN_RULES });

  it('the scan finds every planted credential', () => {
    const secretRules = result.findings
      .filter((f) => f.category === 'secrets')
      .map((f) => `${f.ruleId} ${f.path}`);
    expect(secretRules.sort()).toEqual(
      [
        'configmap-secret data["app.properties"]',
        'credential-in-field metadata.annotations["example.com/github-token"]',
        'credential-in-field spec.source.repoURL',
        'credential-in-field spec.template.spec.containers[0].args[0]',
        'last-applied-secret-leak metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
        'secret-in-source data',
        'secret-in-source stringData',
        'secret-literal-env spec.template.spec.containers[0].env[0].value',
      ].sort(),
    );
  });

  it.each(SCAN_FORMATS)('%s report holds no raw value', async (format) => {
    const report = await renderScan(format, result);
    expect(report.length).toBeGreaterThan(0);
    const leaked = Object.entries(RAW).flatMap(([where, v]) => {
      const secretPart = where === 'crdField' ? 'CrdUrl-Pw-55tG' : v;
      return [secretPart, b64(secretPart)].filter((s) => report.includes(s)).map((s) => `${where}: ${s}`);
    });
    expect(leaked).toEqual([]);
  });
});
