import { defineRule, type Report } from '../../types.js';
import { isFromCluster, keyList, secretValueKeys } from './secretValues.js';

export const secretInSource = defineRule({
  id: 'secret-in-source',
  title: 'Secret value committed in a manifest',
  category: 'secrets',
  severity: 'high',
  description:
    'A v1 Secret in the scanned manifests has a non-empty `data` or `stringData` value: the value is in the repository and its history. One finding ' +
    'per field, at `data` or `stringData`, naming the keys (never the values). Not reported: objects read from a cluster (`metadata.uid`, ' +
    '`resourceVersion` or `managedFields` set, where Secrets are expected and values are never read), SOPS-encrypted documents (top-level `sops:` ' +
    'metadata, `ENC[…]` values), Helm-templated (`{{ … }}`) and placeholder values (`${X}`, `<password>`), empty values (also base64 of an empty ' +
    'string), and service-account-token Secrets without data. SealedSecret and ExternalSecret objects are other kinds and never match.',
  rationale:
    'A Secret committed to Git is readable by everyone with access to the repository, its forks, CI logs and backups, for ever: removing it later ' +
    'does not remove it from history, and base64 in `data` is an encoding, not encryption. Whoever reads the repository gets the credential without ' +
    'any access to the cluster, hence high.',
  remediation:
    'Keep only a reference in the repository: a SealedSecret (bitnami-labs/sealed-secrets, encrypted for the cluster), an ExternalSecret (External ' +
    'Secrets Operator, fetching from a secret store), a SOPS-encrypted file, or a SecretProviderClass of the Secrets Store CSI driver. Then rotate the ' +
    'committed credential: it stays in the history.',
  references: {
    cis: ['5.4.2'],
    nsa: ['Network separation and hardening: Secrets'],
    mitre: ['T1552.001'],
    links: [
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      'https://github.com/bitnami-labs/sealed-secrets',
      'https://external-secrets.io/',
      'https://github.com/getsops/sops',
      'https://secrets-store-csi-driver.sigs.k8s.io/',
    ],
  },
  targets: ['Secret'],
  *check({ resource }): Iterable<Report> {
    if (resource.ref.apiVersion !== 'v1' || isFromCluster(resource.object)) return;
    for (const { field, keys } of secretValueKeys(resource.object)) {
      yield {
        message: `Secret ${field} has ${keys.length === 1 ? 'a value' : `${keys.length} values`} in the manifest (key${keys.length === 1 ? '' : 's'} ${keyList(keys)})`,
        path: [field],
      };
    }
  },
});
