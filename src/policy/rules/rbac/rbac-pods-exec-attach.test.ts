import { ruleTests } from '../../../../test/ruleTester.js';
import { rbacPodsExecAttach } from './rbac-pods-exec-attach.js';

const role = (rules: string): string => `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: debugger}
rules:
${rules}`;

ruleTests(rbacPodsExecAttach, {
  valid: [
    {
      name: '"pods" does not cover pods/exec',
      yaml: role('- {apiGroups: [""], resources: [pods], verbs: [create]}'),
    },
    {
      name: '"pods/*" is not a wildcard',
      yaml: role('- {apiGroups: [""], resources: ["pods/*"], verbs: [create]}'),
    },
    { name: 'get on pods/exec', yaml: role('- {apiGroups: [""], resources: [pods/exec], verbs: [get]}') },
    { name: 'logs', yaml: role('- {apiGroups: [""], resources: [pods/log], verbs: [get]}') },
    {
      name: 'exec in another group',
      yaml: role('- {apiGroups: [apps], resources: [pods/exec], verbs: [create]}'),
    },
  ],
  invalid: [
    {
      name: 'exec and attach',
      yaml: role('- {apiGroups: [""], resources: [pods, pods/exec, pods/attach], verbs: [get, create]}'),
      findings: [
        { path: 'rules[0].resources[1]', message: 'rules[0] grants create on pods/exec, pods/attach' },
      ],
    },
    {
      name: '"*/exec" matches the exec subresource of pods',
      yaml: role('- {apiGroups: [""], resources: ["*/exec"], verbs: [create]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants create on pods/exec (through "*" in resources)',
        },
      ],
    },
    {
      name: 'ephemeral containers',
      yaml: role('- {apiGroups: [""], resources: [pods/ephemeralcontainers], verbs: [patch]}'),
      findings: [
        { path: 'rules[0].resources[0]', message: 'rules[0] grants patch on pods/ephemeralcontainers' },
      ],
    },
    {
      name: 'resources "*" covers subresources',
      yaml: role('- {apiGroups: [""], resources: ["*"], verbs: [create]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants create on pods/exec, pods/attach (through "*" in resources)',
        },
      ],
    },
    {
      name: 'create of a subresource can be narrowed to named pods, and still counts',
      yaml: role('- {apiGroups: [""], resources: [pods/exec], verbs: [create], resourceNames: [toolbox]}'),
      findings: [
        {
          path: 'rules[0].resources[0]',
          message: 'rules[0] grants create on pods/exec named "toolbox" (narrowed by resourceNames)',
        },
      ],
    },
  ],
});
