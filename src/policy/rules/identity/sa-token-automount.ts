import { defineWorkloadRule, type Report } from '../../types.js';
import { podServiceAccount, tokenMount } from './podServiceAccount.js';

export const saTokenAutomount = defineWorkloadRule({
  id: 'sa-token-automount',
  title: 'Service-account token is mounted into the pods',
  category: 'identity',
  severity: 'medium',
  description:
    "The pod spec sets `automountServiceAccountToken: true`, or leaves it unset while the pod's ServiceAccount (looked up in the input, in the " +
    "workload's namespace, by `serviceAccountName`, else `serviceAccount`, else `default`) does not set it to `false`. When the ServiceAccount is " +
    'not in the input the message says so: the token is then mounted unless the live ServiceAccount opts out. Reported at ' +
    '`<pod spec>.automountServiceAccountToken`. Projected token volumes that a pod declares itself are not considered.',
  rationale:
    'The mounted token at /var/run/secrets/kubernetes.io/serviceaccount is an API credential. Any code execution in any container — an RCE, a ' +
    "malicious dependency, a debug shell — turns into the ServiceAccount's API permissions and lateral movement inside the cluster. Most " +
    'applications never call the Kubernetes API. The damage depends on the bound roles (see workload-admin-sa, workload-takeover-sa), hence medium.',
  remediation:
    'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount) for workloads that do not call the Kubernetes API. ' +
    'Workloads that do should use a dedicated ServiceAccount with a least-privilege Role.',
  references: {
    cis: ['5.1.6'],
    nsa: ['Kubernetes Pod security: Protecting Pod service account tokens'],
    mitre: ['T1528', 'T1552.007'],
    links: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
    ],
  },
  targets: ['workload'],
  needsModel: true,
  *check({ workload, model }): Iterable<Report> {
    const mount = tokenMount(workload, model);
    if (!mount.mounted) return;
    const sa = podServiceAccount(workload);
    const who = `ServiceAccount ${sa.namespace}/${sa.name}`;
    let message: string;
    switch (mount.decidedBy) {
      case 'pod':
        message = `pod spec sets automountServiceAccountToken: true, so every container gets the API token of ${who}`;
        break;
      case 'serviceAccount':
        message = `the API token of ${who} is mounted: neither the pod spec nor the ServiceAccount sets automountServiceAccountToken: false`;
        break;
      case 'unknown':
        message =
          `the API token of ${who} is mounted: the pod spec does not set automountServiceAccountToken: false, ` +
          'and the ServiceAccount is not in the input to say otherwise';
        break;
    }
    yield { message, path: mount.podPath };
  },
});
