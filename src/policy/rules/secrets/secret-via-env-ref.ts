import { podContainers } from '../../../k8s/podContainers.js';
import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const secretViaEnvRef = defineWorkloadRule({
  id: 'secret-via-env-ref',
  title: 'Secret exposed as environment variables',
  category: 'secrets',
  severity: 'low',
  description:
    'A container reads a Secret into its environment: `env[i].valueFrom.secretKeyRef` (reported there) or `envFrom[j].secretRef` (every key of ' +
    'the Secret; reported there). Opt-in: it is the pattern the Kubernetes documentation teaches, and CIS 5.4.1 is a Level 2, manual ' +
    'recommendation — enable it where secrets must be files.',
  rationale:
    'Environment variables leak more easily than files: they are inherited by every child process, readable in /proc/<pid>/environ by anything ' +
    'sharing the process namespace, dumped by crash reporters and debug endpoints, and fixed for the life of the container (no rotation without ' +
    'restart). A mounted Secret volume has none of these. The secret is still protected by RBAC, hence low.',
  remediation:
    'Mount the Secret as a volume (`volumes[].secret`, `volumeMounts[].readOnly: true`) and have the application read the file; ' +
    'with `envFrom`, at least list only the keys needed with `env[].valueFrom.secretKeyRef`.',
  references: {
    cis: ['5.4.1'],
    nsa: ['Network separation and hardening: Secrets'],
    mitre: ['T1552.007'],
    links: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
  },
  targets: ['workload'],
  optIn: true,
  *check({ workload }): Iterable<Report> {
    for (const { ref: c } of podContainers(workload)) {
      const env = asArray(c.container.env);
      for (let i = 0; i < env.length; i++) {
        const e = asRecord(env[i]);
        const ref = asRecord(asRecord(e?.valueFrom)?.secretKeyRef);
        if (ref === undefined) continue;
        const name = asString(e?.name) ?? `env[${i}]`;
        yield {
          message: `container "${c.name}" reads key "${asString(ref.key) ?? '?'}" of Secret "${asString(ref.name) ?? '?'}" into env "${name}"`,
          path: [...c.path, 'env', i, 'valueFrom', 'secretKeyRef'],
          container: c.name,
        };
      }
      const envFrom = asArray(c.container.envFrom);
      for (let j = 0; j < envFrom.length; j++) {
        const ref = asRecord(asRecord(envFrom[j])?.secretRef);
        if (ref === undefined) continue;
        yield {
          message: `container "${c.name}" loads every key of Secret "${asString(ref.name) ?? '?'}" into its environment (envFrom[${j}])`,
          path: [...c.path, 'envFrom', j, 'secretRef'],
          container: c.name,
        };
      }
    }
  },
});
