import { graphEngineOf } from '../../graphEngine.js';
import { defineRule } from '../../types.js';
import { firstAsset, pathPhrase, pathRemediation } from './pathFinding.js';

export const graphSecretFromEntry = defineRule({
  id: 'graph-secret-from-entry',
  title: 'A Secret is reachable from an exposed endpoint',
  category: 'attack-path',
  severity: 'high',
  description:
    'Evaluated on the attack graph of the whole input: a chain of techniques leads from an exposing endpoint (LoadBalancer or NodePort ' +
    'Service, Ingress, Gateway route, `hostPort`, `hostNetwork`) to a Secret — mounted or in the env of the exposed workload or of one ' +
    'its rights reach, read with `get`/`list` on secrets by a ServiceAccount on the path, or held by the kubelet of a node the path ' +
    'reaches. One exploit: the path does not go on to exploit another workload over an allowed connection. Reported on the ' +
    'Secret object when the input holds it (at `metadata.name`), else on the first workload that references it (at the reference), ' +
    'naming the shortest path hop by hop.',
  rationale:
    'Whoever exploits the exposed service can read the Secret: database passwords, API keys, TLS keys and tokens leave the cluster ' +
    'with the first exploit, and lead on to the systems they unlock.',
  remediation:
    'Cut the path at its cheapest hop (the finding lists each hop with its fix): give each workload only the Secrets it uses, drop ' +
    '`get`/`list` on secrets from roles that do not need them, remove escapes to the node, drop tokens the pods do not use.',
  references: {
    nsa: [
      'Network separation and hardening: Secrets',
      'Authentication and authorization: Role-based access control',
    ],
    mitre: ['T1210', 'T1552', 'T1528'],
    links: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
  },
  targets: ['Secret', 'workload'],
  needsModel: true,
  *check({ model, resource, workload }) {
    const engine = graphEngineOf(model);
    if (workload === undefined) {
      if (resource.ref.kind !== 'Secret' || resource.ref.apiVersion !== 'v1') return;
      const namespace = resource.ref.namespace ?? model.defaultNamespace;
      const path = engine.secretFromEntry(namespace, resource.ref.name);
      if (path === undefined) return;
      yield {
        path: ['metadata', 'name'],
        message: `reachable from ${firstAsset(path)} ${pathPhrase(path)}`,
        remediation: pathRemediation(path),
      };
      return;
    }
    const summary = model.workloadAt(resource.source);
    if (summary === undefined) return;
    const reported = new Set<string>();
    for (const ref of summary.references) {
      if (ref.kind !== 'Secret' || reported.has(ref.name)) continue;
      reported.add(ref.name);
      if (engine.secretInInput(summary.namespace, ref.name)) continue;
      if (engine.firstReference(summary.namespace, ref.name) !== summary) continue;
      const path = engine.secretFromEntry(summary.namespace, ref.name);
      if (path === undefined) continue;
      yield {
        path: ref.path,
        message: `Secret ${summary.namespace}/${ref.name} (not in the input) is reachable from ${firstAsset(path)} ${pathPhrase(path)}`,
        remediation: pathRemediation(path),
      };
    }
  },
});
