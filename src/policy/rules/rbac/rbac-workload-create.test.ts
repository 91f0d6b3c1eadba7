import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacWorkloadCreate } from './rbac-workload-create.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: shop}
rules:
${rules}`;

ruleTests(rbacWorkloadCreate, {
  valid: [
    {
      name: 'read-only',
      yaml: role('- {apiGroups: ["", apps], resources: [pods, deployments], verbs: [get, list, watch]}'),
    },
    {
      name: 'deployments in the core group do not exist',
      yaml: role('- {apiGroups: [""], resources: [deployments], verbs: [create]}'),
    },
    {
      name: 'scale subresource only',
      yaml: role('- {apiGroups: [apps], resources: [deployments/scale], verbs: [patch, update]}'),
    },
    {
      name: 'pods/exec is not pods',
      yaml: role('- {apiGroups: [""], resources: [pods/exec], verbs: [create]}'),
    },
    {
      name: 'create narrowed by resourceNames never applies (create carries no name)',
      yaml: role('- {apiGroups: [""], resources: [pods], verbs: [create], resourceNames: [web]}'),
    },
    { name: 'delete only', yaml: role('- {apiGroups: [batch], resources: [jobs], verbs: [delete]}') },
  ],
  invalid: [
    {
      name: 'create pods',
      yaml: role('- {apiGroups: [""], resources: [pods], verbs: [create]}'),
      findings: [{ path: 'rules[0].resources[0]', message: 'rules[0] grants create on pods' }],
    },
    {
      name: 'apps controllers',
      yaml: role(
        '- {apiGroups: [apps], resources: [deployments, statefulsets], verbs: [get, create, update, patch]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants create, update, patch on deployments.apps, statefulsets.apps',
        },
      ],
    },
    {
      name: 'narrowed by resourceNames: update and patch of the named object still count',
      yaml: role(
        '- {apiGroups: [apps], resources: [deployments], verbs: [create, update, patch], resourceNames: [web]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message:
            'rules[0] grants update, patch on deployments.apps named "web" (narrowed by resourceNames)',
        },
      ],
    },
    {
      name: 'apiGroups "*" reaches jobs in batch',
      yaml: role('- {apiGroups: ["*"], resources: [jobs], verbs: [create]}'),
      findings: [{ path: 'rules[0].resources[0]', message: 'rules[0] grants create on jobs.batch' }],
    },
    {
      name: 'verbs "*" on pods',
      yaml: role('- {apiGroups: [""], resources: [pods], verbs: ["*"]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants create, update, patch on pods (through "*" in verbs)',
        },
      ],
    },
    {
      name: 'resources "*" in batch',
      yaml: role('- {apiGroups: [batch], resources: ["*"], verbs: [create]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants create on jobs.batch, cronjobs.batch (through "*" in resources)',
        },
      ],
    },
    {
      name: 'different verbs per resource are listed separately',
      yaml: role(
        '- {apiGroups: ["", batch], resources: [replicationcontrollers, cronjobs], verbs: [patch]}\n- {apiGroups: [""], resources: [pods], verbs: [update, create]}',
      ),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants patch on replicationcontrollers, cronjobs.batch',
        },
        { path: 'rules[1].resources[0]', message: 'rules[1] grants create, update on pods' },
      ],
    },
  ],
});
