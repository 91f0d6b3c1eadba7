import { formatFieldPath, type FieldPath } from '../../../k8s/fieldPath.js';
import { defineRule, EVERY_KIND, type Report } from '../../types.js';
import { LAST_APPLIED, lastAppliedObject } from './lastApplied.js';
import { credentialsIn } from './manifestStrings.js';

const CONTAINER_LISTS: ReadonlySet<string | number> = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
]);

/**
 * Fields another rule reports, so one credential is one finding: container `env[i].value`
 * (secret-literal-env), ConfigMap `data`/`binaryData` (configmap-secret), Secret `data`/
 * `stringData` (secret-in-source), a Secret's last-applied annotation (last-applied-secret-leak),
 * and `managedFields`, which hold field names only.
 */
function reportedElsewhere(kind: string, path: FieldPath): boolean {
  const n = path.length;
  if (n === 2 && path[0] === 'metadata' && path[1] === 'managedFields') return true;
  if (n === 3 && path[0] === 'metadata' && path[1] === 'annotations' && path[2] === LAST_APPLIED) return true;
  if (n === 1 && kind === 'ConfigMap' && (path[0] === 'data' || path[0] === 'binaryData')) return true;
  if (n === 1 && kind === 'Secret' && (path[0] === 'data' || path[0] === 'stringData')) return true;
  return n >= 5 && path[n - 1] === 'value' && path[n - 3] === 'env' && CONTAINER_LISTS.has(path[n - 5]!);
}

/** `annotation "a/b"`, `label "x"`, or the dotted field path. */
function place(path: FieldPath): string {
  if (path.length === 3 && path[0] === 'metadata' && (path[1] === 'annotations' || path[1] === 'labels')) {
    return `${path[1] === 'labels' ? 'label' : 'annotation'} ${JSON.stringify(path[2])}`;
  }
  return `field ${formatFieldPath(path)}`;
}

export const credentialInField = defineRule({
  id: 'credential-in-field',
  title: 'Credential in an annotation, label or other field',
  category: 'secrets',
  severity: 'high',
  description:
    "Any string value of any object, whatever its kind (annotations, labels, `args`, `command`, custom resources' fields — Argo CD, Flux, " +
    'cert-manager, an injector template) holds a credential: a well-known format anywhere in the value (PEM private key, AWS access key id, GitHub, GitLab, Slack, ' +
    'Stripe, Google, npm, SendGrid, DigitalOcean, OpenAI, Anthropic, Vault and Shopify tokens, Slack webhook URL, Azure storage key, JWT, ' +
    '`Authorization: Basic|Bearer` header, URL or connection string with a password), or a field whose name says secret (`password`, `apiKey`, ' +
    '`--db-password=`, the `name` of a `{name, value}` pair) holding a random-looking literal (8+ characters, no spaces, two character classes, ' +
    '≥ 3 bits of entropy per character, not a lower-case object name or a hex digest). The JSON in a `kubectl.kubernetes.io/last-applied-configuration` ' +
    'annotation is scanned the same way (one finding per annotation). Fields other rules report are skipped: container `env[].value` ' +
    '(secret-literal-env), ConfigMap `data` (configmap-secret), Secret values (secret-in-source, last-applied-secret-leak). The value is masked.',
  rationale:
    'Annotations, labels and spec fields are not treated as confidential: the `view` role reads them, `kubectl describe` prints them, they are ' +
    'committed to Git and copied into every dump. A credential there opens whatever system it belongs to for everyone who can read the object, ' +
    'hence high.',
  remediation:
    'Put the credential in a Secret (or an external secret store: External Secrets Operator, the Secrets Store CSI driver) and reference it — most ' +
    'controllers and injectors take a `…SecretRef` field or a mounted file instead of the literal; then rotate the exposed credential.',
  references: {
    cis: ['5.4.1'],
    nsa: ['Network separation and hardening: Secrets'],
    mitre: ['T1552.001', 'T1552.007'],
    links: [
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      'https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml',
    ],
  },
  targets: [EVERY_KIND],
  *check({ resource }): Iterable<Report> {
    const kind = resource.ref.kind;
    for (const hit of credentialsIn(resource.object, (p) => reportedElsewhere(kind, p))) {
      yield { message: `${place(hit.path)} holds ${hit.match.kind} (${hit.match.hint})`, path: hit.path };
    }
    if (kind === 'Secret') return;
    const applied = lastAppliedObject(resource.annotations);
    if (applied === undefined) return;
    const hits = credentialsIn(
      applied,
      (p) => p.length === 2 && p[0] === 'metadata' && p[1] === 'managedFields',
    );
    const first = hits[0];
    if (first === undefined) return;
    yield {
      message:
        `the ${LAST_APPLIED} annotation repeats ${hits.length === 1 ? 'a credential' : `${hits.length} credentials`} in metadata: ` +
        `${formatFieldPath(first.path)} holds ${first.match.kind} (${first.match.hint})`,
      path: ['metadata', 'annotations', LAST_APPLIED],
    };
  },
});
