import { graphEngineOf } from '../../graphEngine.js';
import { defineWorkloadRule } from '../../types.js';
import { firstAsset, lastAsset, pathPhrase, pathRemediation } from './pathFinding.js';

export const graphEntryToCritical = defineWorkloadRule({
  id: 'graph-entry-to-critical',
  title: 'An exposed workload has an attack path to cluster admin',
  category: 'attack-path',
  severity: 'critical',
  description:
    'Evaluated on the attack graph of the whole input (`kubeward paths`): the workload is an entry point — a LoadBalancer or NodePort ' +
    'Service, an Ingress, a Gateway route, a `hostPort` or `hostNetwork` exposes its pods — and a chain of techniques leads from ' +
    'that endpoint through the workload to the critical asset (cluster-admin-equivalent rights): its token and the RBAC grants of its ' +
    'ServiceAccount as the authorizer decides them, container escapes to the node and the tokens there. One exploit: ' +
    'the path does not go on to exploit another workload over a connection the NetworkPolicies allow (`kubeward exposure` ' +
    'counts those). One finding per entry workload, at `metadata.name`, naming the shortest path hop by hop.',
  rationale:
    'Whoever exploits the exposed service — an RCE, a vulnerable dependency, an SSRF — can walk the path to full control of the cluster; ' +
    'every hop after the first uses only what the manifests grant, so no further vulnerability is needed.',
  remediation:
    'Cut the path at its cheapest hop (the finding lists each hop with its fix): drop the token where the pod does not call the API, ' +
    'scope the ServiceAccount’s role, remove privileged settings and host mounts, isolate the workload with NetworkPolicies.',
  references: {
    nsa: ['Authentication and authorization: Role-based access control', 'Network separation and hardening'],
    mitre: ['T1210', 'T1078', 'T1611'],
    links: ['https://kubehound.io/reference/attacks/'],
  },
  targets: ['workload'],
  needsModel: true,
  *check({ model, workload }) {
    const summary = model.workloadAt(workload.resource.source);
    const path = summary && graphEngineOf(model).entryToCritical(summary);
    if (path === undefined) return;
    yield {
      path: ['metadata', 'name'],
      message: `exposed by ${firstAsset(path)}, an attack path reaches ${lastAsset(path)} ${pathPhrase(path)}`,
      remediation: pathRemediation(path),
    };
  },
});
