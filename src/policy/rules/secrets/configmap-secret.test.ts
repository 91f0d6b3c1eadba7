import { ruleTests } from '../../../../test/ruleTester.js';
import { configmapSecret } from './configmap-secret.js';

const cm = (data: string): string => `
apiVersion: v1
kind: ConfigMap
metadata: {name: app-config, namespace: shop}
data:
${data}`;

ruleTests(configmapSecret, {
  valid: [
    { name: 'ordinary settings', yaml: cm('  LOG_LEVEL: debug\n  PORT: "8080"') },
    {
      name: 'a CA certificate is public',
      yaml: cm('  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIC\n    -----END CERTIFICATE-----'),
    },
    {
      name: 'placeholders and metadata in a config file',
      yaml: cm(
        [
          '  application.properties: |',
          '    # password=not-this-one',
          '    spring.datasource.url=jdbc:postgresql://db:5432/shop',
          '    spring.datasource.password=${DB_PASSWORD}',
          '    token.ttl=3600',
          '    secret.name=app-secret',
          '  config.yaml: |',
          '    database:',
          '      password:',
          '        fromEnv: DB_PASSWORD',
        ].join('\n'),
      ),
    },
    {
      name: 'inert value under a secret key name',
      yaml: cm('  DB_PASSWORD_FILE: /run/secrets/db\n  API_TOKEN: ""'),
    },
    {
      name: 'binaryData is not checked',
      yaml: cm('  a: b\nbinaryData:\n  id_rsa: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ=='),
    },
  ],
  invalid: [
    {
      name: 'a one-line value under a secret key name',
      yaml: cm('  LOG_LEVEL: info\n  DB_PASSWORD: hunter2'),
      findings: [
        {
          path: 'data.DB_PASSWORD',
          message:
            'data key "DB_PASSWORD" holds a literal secret (key name contains "PASSWORD"; value masked, 7 characters)',
        },
      ],
    },
    {
      name: 'a private key file',
      yaml: cm(
        '  id_rsa: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    b3BlbnNzaC1rZXk\n    -----END OPENSSH PRIVATE KEY-----',
      ),
      findings: [
        {
          path: 'data.id_rsa',
          message:
            'data key "id_rsa" line 1 holds a PEM private key (-----BEGIN OPENSSH PRIVATE KEY----- ****)',
        },
      ],
    },
    {
      name: 'properties, YAML, JSON and .env lines',
      yaml: cm(
        [
          '  application.properties: |',
          '    spring.datasource.url=jdbc:postgresql://db:5432/shop',
          '    spring.datasource.password=s3cr3t!',
          '  settings.json: |',
          '    {',
          '      "apiKey": "abc123def",',
          '      "url": "https://u:p4ss@example.com"',
          '    }',
          '  .env: |',
          '    export GITHUB_TOKEN="not-a-ghp-but-literal"',
          '    MODE=prod',
        ].join('\n'),
      ),
      findings: [
        {
          path: 'data["application.properties"]',
          message:
            'data key "application.properties" line 2 sets "spring.datasource.password" to a literal secret (name contains "PASSWORD"; value masked, 7 characters)',
        },
        {
          path: 'data["settings.json"]',
          message:
            'data key "settings.json" line 2 sets "apiKey" to a literal secret (name contains "API_KEY"; value masked, 9 characters)',
        },
        {
          path: 'data["settings.json"]',
          message:
            'data key "settings.json" line 3 holds a URL with an embedded password (https://****:****@…)',
        },
        {
          path: 'data[".env"]',
          message:
            'data key ".env" line 1 sets "GITHUB_TOKEN" to a literal secret (name contains "TOKEN"; value masked, 21 characters)',
        },
      ],
    },
    {
      name: 'a one-line properties file',
      yaml: cm('  app.properties: "db.password=hunter2"'),
      findings: [
        {
          path: 'data["app.properties"]',
          message:
            'data key "app.properties" line 1 sets "db.password" to a literal secret (name contains "PASSWORD"; value masked, 7 characters)',
        },
      ],
    },
    {
      name: 'an AWS key id under any key',
      yaml: cm('  aws: AKIAIOSFODNN7EXAMPLE'),
      findings: [{ path: 'data.aws', message: 'data key "aws" holds an AWS access key id (AKIA****)' }],
    },
  ],
});
