import { podContainers } from '../../../k8s/podContainers.js';
import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';

export const duplicateEnv = defineWorkloadRule({
  id: 'duplicate-env',
  title: 'Environment variable defined twice',
  category: 'secrets',
  severity: 'low',
  description:
    'A container (init and ephemeral included) lists the same `env[].name` more than once. Each repetition is reported at its `env[j].name`, naming ' +
    'the first definition. `envFrom` is not compared: `env` overriding `envFrom` is documented behaviour.',
  rationale:
    'The kubelet keeps the last definition and drops the others without a word, so what a reviewer reads in the first one — often a ' +
    '`secretKeyRef` — is not what runs: a later literal can silently replace a secret reference, or a security setting be overridden by a ' +
    'Helm value appended to the list. A correctness and review hazard rather than an attack by itself, hence low.',
  remediation: 'Keep one entry per variable name; remove or merge the earlier definitions.',
  references: {
    links: [
      'https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/',
    ],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const { ref: c } of podContainers(workload)) {
      const first = new Map<string, number>();
      const env = asArray(c.container.env);
      for (let j = 0; j < env.length; j++) {
        const name = asString(asRecord(env[j])?.name);
        if (name === undefined) continue;
        const i = first.get(name);
        if (i === undefined) {
          first.set(name, j);
          continue;
        }
        yield {
          message: `container "${c.name}" defines env "${name}" again at env[${j}] (first at env[${i}]); only the last definition takes effect`,
          path: [...c.path, 'env', j, 'name'],
          container: c.name,
        };
      }
    }
  },
});
