import { redactedAnnotationsOf } from '../../../load/cluster/secretMetadata.js';
import { defineRule, type Report } from '../../types.js';
import { LAST_APPLIED, lastAppliedObject } from './lastApplied.js';
import { keyList, secretValueKeys } from './secretValues.js';

export const lastAppliedSecretLeak = defineRule({
  id: 'last-applied-secret-leak',
  title: "Secret's values repeated in its last-applied-configuration annotation",
  category: 'secrets',
  severity: 'critical',
  description:
    'A Secret has a `metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]` (written by client-side `kubectl apply`) whose JSON ' +
    'holds non-empty `data` or `stringData` values (the same exclusions as secret-in-source: empty, placeholder, templated and SOPS values). ' +
    'Reported in scanned manifests and in cluster dumps alike, naming the keys, never the values. Credentials in the annotation of other kinds are ' +
    "credential-in-field's. A Secret read from a cluster with `--secret-metadata` never keeps such annotations: the reader drops them on arrival " +
    'and records what it dropped (`kubeward.io/redacted-annotations`: the annotation keys, and the names of the keys a copy held values for), ' +
    'and this rule reports that record: the last-applied copy as above, any other value-like annotation as a value in metadata.',
  rationale:
    "The annotation is metadata: `kubectl get secret -o yaml` without `get` on the value still shows it to whoever can list or watch Secrets' " +
    'metadata, it is copied into every dump and backup of the object, and a `stringData` value is there in plaintext. It also outlives rotation: ' +
    'updating the Secret by another means (an operator, `kubectl edit`) leaves the old value in the annotation. The value is the credential itself, ' +
    'hence critical.',
  remediation:
    'Apply Secrets with server-side apply (`kubectl apply --server-side`, which keeps no such annotation) or create them from a secret store ' +
    '(External Secrets Operator, SealedSecrets, the Secrets Store CSI driver); remove the annotation ' +
    '(`kubectl annotate secret <name> kubectl.kubernetes.io/last-applied-configuration-`) and rotate every value it held.',
  references: {
    nsa: ['Network separation and hardening: Secrets'],
    mitre: ['T1552.007'],
    links: [
      'https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/',
      'https://kubernetes.io/docs/reference/using-api/server-side-apply/',
    ],
  },
  targets: ['Secret'],
  *check({ resource }): Iterable<Report> {
    const redacted = redactedAnnotationsOf(resource.annotations);
    for (const [key, dropped] of Object.entries(redacted ?? {})) {
      const fields =
        dropped === 'value'
          ? []
          : (['data', 'stringData'] as const).filter((f) => (dropped[f]?.length ?? 0) > 0);
      if (dropped !== 'value' && fields.length === 0) continue;
      yield {
        message:
          dropped === 'value'
            ? `the ${key} annotation holds a value-like string in plaintext metadata (dropped when read, never stored)`
            : `the ${key} annotation repeats the Secret's values in plaintext metadata (${fields.map((f) => `${f} ${keyList(dropped[f]!)}`).join('; ')})`,
        path: ['metadata', 'annotations', key],
      };
    }
    const applied = lastAppliedObject(resource.annotations);
    if (applied === undefined) return;
    const fields = secretValueKeys(applied);
    if (fields.length === 0) return;
    const where = fields.map(({ field, keys }) => `${field} ${keyList(keys)}`).join('; ');
    yield {
      message: `the ${LAST_APPLIED} annotation repeats the Secret's values in plaintext metadata (${where})`,
      path: ['metadata', 'annotations', LAST_APPLIED],
    };
  },
});
