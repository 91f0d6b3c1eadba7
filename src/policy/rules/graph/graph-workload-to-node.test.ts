import { deployment, grant } from '../../../../test/graphRuleInput.js';
import { ruleTests } from '../../../../test/ruleTester.js';
import { graphWorkloadToNode } from './graph-workload-to-node.js';

const web = (container = '', pod = '') =>
  deployment('web', `${pod}serviceAccountName: web, containers: [{name: web, image: web:1${container}}]`);
const privileged = deployment(
  'agent',
  'containers: [{name: agent, image: a:1, securityContext: {privileged: true}, ports: [{containerPort: 9100}]}]',
);

ruleTests(graphWorkloadToNode, {
  valid: [
    { name: 'nothing escapes, no rights', yaml: web() },
    {
      name: 'create pods where Pod Security refuses privileged pods',
      yaml:
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {pod-security.kubernetes.io/enforce: baseline}}\n---\n' +
        web() +
        grant('web', `[{apiGroups: [""], resources: [pods], verbs: [create]}]`, false),
    },
  ],
  invalid: [
    {
      name: 'a workload that may connect to a privileged one: only the privileged one (a second exploit is no compromise of this one)',
      yaml: web().replace('serviceAccountName: web, ', 'automountServiceAccountToken: false, ') + privileged,
      findings: [
        {
          path: 'metadata.name',
          message:
            'a compromise of the pods reaches Node/* in 1 hop: shop/Deployment/agent -CE_PRIV_MOUNT-> Node/*',
        },
      ],
    },
    {
      name: 'a privileged container',
      yaml: web(', securityContext: {privileged: true}'),
      findings: [
        {
          path: 'metadata.name',
          message:
            'a compromise of the pods reaches Node/* in 1 hop: shop/Deployment/web -CE_PRIV_MOUNT-> Node/*',
        },
      ],
    },
    {
      name: 'its ServiceAccount may create pods in a namespace without Pod Security',
      yaml: web() + grant('web', `[{apiGroups: [apps], resources: [deployments], verbs: [create]}]`, false),
      findings: [
        {
          path: 'metadata.name',
          message:
            'a compromise of the pods reaches Node/* in 2 hops: shop/Deployment/web -IDENTITY_ASSUME-> shop/ServiceAccount/web -POD_CREATE-> Node/*',
        },
      ],
    },
    {
      name: 'exec into a privileged pod (a granted right, no exploit): both workloads',
      yaml:
        web() +
        privileged +
        grant('web', `[{apiGroups: [""], resources: [pods/exec], verbs: [create]}]`, false),
      findings: [
        {
          path: 'metadata.name',
          message:
            'a compromise of the pods reaches Node/* in 3 hops: shop/Deployment/web -IDENTITY_ASSUME-> shop/ServiceAccount/web -POD_EXEC-> shop/Deployment/agent -CE_PRIV_MOUNT-> Node/*',
        },
        {
          path: 'metadata.name',
          message:
            'a compromise of the pods reaches Node/* in 1 hop: shop/Deployment/agent -CE_PRIV_MOUNT-> Node/*',
        },
      ],
    },
  ],
});
