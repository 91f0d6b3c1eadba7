import { podContainers } from '../../../k8s/podContainers.js';
import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { credentialInValue, isInertValue, maskedLength, secretNameWord } from './credentialPatterns.js';

export const secretLiteralEnv = defineWorkloadRule({
  id: 'secret-literal-env',
  title: 'Secret written as a literal environment variable',
  category: 'secrets',
  severity: 'high',
  description:
    'A container (init and ephemeral included) has an `env[i].value` that looks like a credential: either the value has the shape of a well-known ' +
    'credential (PEM private key, AWS access key id AKIA…/ASIA…, GitHub ghp_…/github_pat_…, GitLab glpat-…, Slack xox…-, Stripe sk_live_…, ' +
    'Google AIza…, a JWT, a URL with user:password@), or the variable name says it holds a secret (`…PASSWORD`, `…SECRET…`, `…TOKEN`, ' +
    '`API_KEY`, `…CREDENTIALS`, `<qualifier>_KEY`, a trailing `PASS`/`PWD`/`AUTH`; names ending in metadata words like `_FILE`, `_PATH`, `_NAME`, ' +
    '`_TTL`, `_URL` excluded) and the value is not a path, number, boolean, URL without credentials or `$(VAR)`/`${VAR}`/`{{ }}` placeholder. ' +
    'No generic high-entropy test (too many false positives). Reported at `env[i].value`; the message names the variable and never prints the value.',
  rationale:
    'A literal in the pod spec is stored unencrypted in the manifest repository, in etcd as part of the workload, in every `kubectl get -o yaml` ' +
    'and in CI logs: anyone with read access to workloads (the `view` role, which deliberately excludes Secrets) or to the repository gets the ' +
    'credential, and rotating it means redeploying. The credential opens whatever system it belongs to, hence high.',
  remediation:
    'Move the value into a Secret (better, an external secret store) and reference it with `valueFrom.secretKeyRef` — or mount it as a file — ' +
    'then rotate the exposed credential: it is in the repository history.',
  references: {
    cis: ['5.4.1'],
    nsa: ['Network separation and hardening: Secrets'],
    mitre: ['T1552.001', 'T1552.007'],
    links: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c } of podContainers(workload)) {
      const env = asArray(c.container.env);
      for (let i = 0; i < env.length; i++) {
        const e = asRecord(env[i]);
        const name = asString(e?.name) ?? `env[${i}]`;
        const value = asString(e?.value);
        if (value === undefined) continue;
        const path = [...c.path, 'env', i, 'value'];
        const cred = credentialInValue(value);
        if (cred !== undefined) {
          yield {
            message: `container "${c.name}" env "${name}" holds ${cred.kind} as a literal value (${cred.hint})`,
            path,
            container: c.name,
          };
          continue;
        }
        const word = secretNameWord(name);
        if (word !== undefined && !isInertValue(value)) {
          yield {
            message: `container "${c.name}" env "${name}" holds a literal secret (name contains "${word}"; ${maskedLength(value)})`,
            path,
            container: c.name,
          };
        }
      }
    }
  },
});
