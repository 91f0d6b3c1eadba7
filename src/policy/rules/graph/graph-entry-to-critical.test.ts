import { deployment, grant, loadBalancer } from '../../../../test/graphRuleInput.js';
import { ruleTests } from '../../../../test/ruleTester.js';
import { graphEntryToCritical } from './graph-entry-to-critical.js';

const web = (spec = '') =>
  deployment('web', `${spec}serviceAccountName: web, containers: [{name: web, image: web:1}]`);
const ADMIN = `[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]`;

ruleTests(graphEntryToCritical, {
  valid: [
    { name: 'an admin ServiceAccount, but nothing exposes the pods', yaml: web() + grant('web', ADMIN) },
    {
      name: 'exposed and admin, but the token is not mounted',
      yaml: web('automountServiceAccountToken: false, ') + loadBalancer('web') + grant('web', ADMIN),
    },
    {
      name: 'exposed, the admin rights bound in one namespace only',
      yaml: web() + loadBalancer('web') + grant('web', ADMIN, false),
    },
  ],
  invalid: [
    {
      name: 'a LoadBalancer in front of pods whose token is cluster admin',
      yaml: web() + loadBalancer('web') + grant('web', ADMIN),
      findings: [
        {
          path: 'metadata.name',
          message:
            'exposed by shop/Service/web, an attack path reaches ClusterAdmin/cluster-admin in 3 hops: shop/Service/web -ENDPOINT_EXPLOIT-> shop/Deployment/web -IDENTITY_ASSUME-> shop/ServiceAccount/web -PERMISSION_DISCOVER-> ClusterAdmin/cluster-admin',
        },
      ],
    },
    {
      name: 'no token, but a privileged container: the node holds the admin token of another pod',
      yaml:
        web('automountServiceAccountToken: false, ').replace(
          'image: web:1',
          'image: web:1, securityContext: {privileged: true}',
        ) +
        loadBalancer('web') +
        deployment('op', 'serviceAccountName: op, containers: [{name: op, image: op:1}]') +
        grant('op', ADMIN),
      findings: [
        {
          path: 'metadata.name',
          message:
            'exposed by shop/Service/web, an attack path reaches ClusterAdmin/cluster-admin in 4 hops: shop/Service/web -ENDPOINT_EXPLOIT-> shop/Deployment/web -CE_PRIV_MOUNT-> Node/* -TOKEN_STEAL-> shop/ServiceAccount/op -PERMISSION_DISCOVER-> ClusterAdmin/cluster-admin',
        },
      ],
    },
  ],
});
