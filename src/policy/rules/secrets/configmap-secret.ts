import { asRecord } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';
import { credentialInValue, isInertValue, maskedLength, secretNameWord } from './credentialPatterns.js';

/** `key = value`, `key: value`, `"key": "value",`, `export KEY=value` — one line of a properties, YAML, JSON or .env file. */
const ASSIGNMENT = /^\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*(.*?)\s*$/;
const COMMENT = /^\s*(#|\/\/|;)/;

function unquote(raw: string): string {
  const v = raw.replace(/,$/, '').trim();
  const q = v[0];
  return (q === '"' || q === "'") && v.endsWith(q) && v.length >= 2 ? v.slice(1, -1) : v;
}

export const configmapSecret = defineRule({
  id: 'configmap-secret',
  title: 'ConfigMap holds a credential',
  category: 'secrets',
  severity: 'high',
  description:
    'A ConfigMap `data` entry holds a credential. A one-line value is checked like an environment variable in `secret-literal-env`: a well-known ' +
    'credential shape (PEM private key, AWS key id, GitHub/GitLab/Slack/Stripe/Google tokens, JWT, URL with a password), or a secret-sounding key ' +
    'name with a value that is not a path, number, boolean or placeholder. Any value (an embedded properties, YAML, JSON or .env file) is ' +
    'also checked line by line: a credential shape anywhere in the line, or a `name = value` / `name: value` line with a secret-sounding name and a ' +
    'literal value (`${VAR}` placeholders, empty values and block markers are not literals). One finding per key or line, at `data.<key>`; the ' +
    'value is never printed. `binaryData` and personal data (PII) are not checked.',
  rationale:
    'ConfigMaps are meant for non-confidential data and are treated that way: readable with the `view` role, not encrypted at rest by ' +
    'EncryptionConfiguration setups that cover only Secrets, printed by `kubectl describe`, committed to Git without sealing. A credential there ' +
    'is exposed to everyone who can read configuration, and opens whatever system it belongs to, hence high.',
  remediation:
    'Move the credential into a Secret (or an external secret store) and mount or reference it from there; rotate it, since it has been ' +
    'readable. For config files, keep a placeholder (`${DB_PASSWORD}`) in the ConfigMap and inject the value from a Secret at start-up.',
  references: {
    cis: ['5.4.1'],
    nsa: ['Network separation and hardening: Secrets'],
    mitre: ['T1552.001', 'T1552.007'],
    links: ['https://kubernetes.io/docs/concepts/configuration/configmap/'],
  },
  targets: ['ConfigMap'],
  *check({ resource }): Iterable<Report> {
    if (resource.ref.apiVersion !== 'v1') return;
    const data = asRecord(resource.object.data);
    if (data === undefined) return;
    for (const [key, raw] of Object.entries(data)) {
      if (typeof raw !== 'string') continue;
      const path = ['data', key];
      const lines = raw.replace(/\r?\n$/, '').split(/\r?\n/);
      if (lines.length === 1) {
        const cred = credentialInValue(raw);
        if (cred !== undefined) {
          yield { message: `data key "${key}" holds ${cred.kind} (${cred.hint})`, path };
          continue;
        }
        const word = secretNameWord(key);
        if (word !== undefined && !isInertValue(raw)) {
          yield {
            message: `data key "${key}" holds a literal secret (key name contains "${word}"; ${maskedLength(raw.trim())})`,
            path,
          };
          continue;
        }
        // Otherwise the one line may itself be an assignment (`password=…` in a one-line properties file).
      }
      for (let n = 0; n < lines.length; n++) {
        const line = lines[n]!;
        const cred = credentialInValue(line);
        if (cred !== undefined) {
          yield { message: `data key "${key}" line ${n + 1} holds ${cred.kind} (${cred.hint})`, path };
          continue;
        }
        if (COMMENT.test(line)) continue;
        const m = ASSIGNMENT.exec(line);
        if (!m) continue;
        const name = m[1]!;
        const value = unquote(m[2]!);
        const word = secretNameWord(name);
        if (word === undefined || isInertValue(value)) continue;
        yield {
          message: `data key "${key}" line ${n + 1} sets "${name}" to a literal secret (name contains "${word}"; ${maskedLength(value)})`,
          path,
        };
      }
    }
  },
});
