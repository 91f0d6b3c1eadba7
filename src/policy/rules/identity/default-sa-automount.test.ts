import { ruleTests } from '../../../../test/ruleTester.js';
import { defaultSaAutomount } from './default-sa-automount.js';

ruleTests(defaultSaAutomount, {
  valid: [
    {
      name: 'default opts out',
      yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\nautomountServiceAccountToken: false\n',
    },
    {
      name: 'YAML 1.1 "off"',
      yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nautomountServiceAccountToken: off\n',
    },
    {
      name: 'another ServiceAccount',
      yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n',
    },
  ],
  invalid: [
    {
      name: 'default without the field',
      yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\n',
      findings: [
        {
          path: 'automountServiceAccountToken',
          message: 'ServiceAccount shop/default does not set automountServiceAccountToken: false',
        },
      ],
    },
    {
      name: 'default opting in, no namespace (lands in default)',
      yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\nautomountServiceAccountToken: true\n',
      findings: [
        {
          path: 'automountServiceAccountToken',
          message: 'ServiceAccount default/default sets automountServiceAccountToken: true',
        },
      ],
    },
  ],
});
