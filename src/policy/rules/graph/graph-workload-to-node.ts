import { graphEngineOf } from '../../graphEngine.js';
import { defineWorkloadRule } from '../../types.js';
import { lastAsset, pathPhrase, pathRemediation } from './pathFinding.js';

export const graphWorkloadToNode = defineWorkloadRule({
  id: 'graph-workload-to-node',
  title: "A compromised workload reaches a node's root",
  category: 'attack-path',
  severity: 'high',
  description:
    'Evaluated on the attack graph of the whole input (`kubeward blast-radius`): from the pods of the workload, a chain of techniques ' +
    'leads to root on a node — a container escape of its own (`privileged`, `hostPID`, host mounts, the runtime socket, kernel ' +
    'capabilities), or RBAC that lets its ServiceAccount create a privileged pod or exec into one that escapes. A connection ' +
    'the NetworkPolicies allow to a workload that escapes is not counted: it needs a second exploit, and that workload has its own ' +
    'finding. One finding per workload, at `metadata.name`, naming the shortest path hop by hop.',
  rationale:
    'Root on a node holds every pod scheduled there: their service-account tokens, their Secrets, the kubelet credentials — the ' +
    'compromise of one workload spreads to everything that shares its node, whatever the namespaces and NetworkPolicies say.',
  remediation:
    'Cut the path at its cheapest hop (the finding lists each hop with its fix): remove privileged settings and host mounts, scope the ' +
    'ServiceAccount’s role and its rights to exec into or create pods, and drop the token where the pods do not call the API.',
  references: {
    nsa: [
      'Kubernetes Pod security: Hardening container environments',
      'Network separation and hardening: Worker node segmentation',
    ],
    mitre: ['T1611', 'T1610'],
    links: ['https://kubehound.io/reference/attacks/'],
  },
  targets: ['workload'],
  needsModel: true,
  *check({ model, workload }) {
    const summary = model.workloadAt(workload.resource.source);
    const path = summary && graphEngineOf(model).toNode(summary);
    if (path === undefined) return;
    yield {
      path: ['metadata', 'name'],
      message: `a compromise of the pods reaches ${lastAsset(path)} ${pathPhrase(path)}`,
      remediation: pathRemediation(path),
    };
  },
});
