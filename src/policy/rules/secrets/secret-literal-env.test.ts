import { ruleTests } from '../../../../test/ruleTester.js';
import { secretLiteralEnv } from './secret-literal-env.js';

const pod = (env: string, list = 'containers'): string => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  ${list}:
  - name: app
    image: nginx:1.27
    env:
${env}
${list === 'containers' ? '' : '  containers: [{name: main, image: nginx:1.27}]'}
`;

const GHP = 'ghp_' + 'A1b2C3d4E5'.repeat(4);

ruleTests(secretLiteralEnv, {
  valid: [
    {
      name: 'ordinary settings',
      yaml: pod('    - {name: LOG_LEVEL, value: debug}\n    - {name: PORT, value: "8080"}'),
    },
    {
      name: 'secret from a Secret',
      yaml: pod('    - name: DB_PASSWORD\n      valueFrom: {secretKeyRef: {name: db, key: password}}'),
    },
    {
      name: 'secret-sounding names with inert values',
      yaml: pod(
        [
          '    - {name: DB_PASSWORD, value: ""}',
          '    - {name: API_TOKEN, value: "$(TOKEN_FROM_SECRET)"}',
          '    - {name: TOKEN_TTL, value: "3600"}',
          '    - {name: SECRET_NAME, value: app-secret}',
          '    - {name: PASSWORD_FILE, value: /run/secrets/pw}',
          '    - {name: AUTH_URL, value: "https://auth.example.com"}',
          '    - {name: GOOGLE_APPLICATION_CREDENTIALS, value: /var/secrets/google/key.json}',
          '    - {name: TLS_REQUIRED, value: "true"}',
          '    - {name: PWD, value: /app}',
        ].join('\n'),
      ),
    },
    {
      name: 'a value that is not a string does not crash',
      yaml: pod('    - {name: DB_PASSWORD, value: 12}\n    - nonsense'),
    },
  ],
  invalid: [
    {
      name: 'secret-sounding name with a literal value; the value is never printed',
      yaml: pod('    - {name: LOG_LEVEL, value: info}\n    - {name: DB_PASSWORD, value: hunter2}'),
      findings: [
        {
          path: 'spec.containers[0].env[1].value',
          message:
            'container "app" env "DB_PASSWORD" holds a literal secret (name contains "PASSWORD"; value masked, 7 characters)',
          container: 'app',
        },
      ],
    },
    {
      name: 'a GitHub token under an innocent name, in an init container',
      yaml: pod(`    - {name: CONFIG, value: "${GHP}"}`, 'initContainers'),
      findings: [
        {
          path: 'spec.initContainers[0].env[0].value',
          message: 'container "app" env "CONFIG" holds a GitHub token as a literal value (ghp_****)',
          container: 'app',
        },
      ],
    },
    {
      name: 'value shapes win over name matches: AWS key id, URL with password, PEM key, JWT, Slack',
      yaml: pod(
        [
          '    - {name: AWS_ACCESS_KEY_ID, value: AKIAIOSFODNN7EXAMPLE}',
          '    - {name: DATABASE_URL, value: "postgres://app:s3cret@db:5432/shop"}',
          '    - name: TLS_KEY',
          '      value: |',
          '        -----BEGIN EC PRIVATE KEY-----',
          '        MHcCAQEEIBkg',
          '        -----END EC PRIVATE KEY-----',
          '    - {name: AUTH_TOKEN, value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlMTIz"}',
          '    - {name: SLACK_HOOK, value: xoxb-123456789012-abcdefABCDEF}',
        ].join('\n'),
      ),
      findings: [
        {
          path: 'spec.containers[0].env[0].value',
          message:
            'container "app" env "AWS_ACCESS_KEY_ID" holds an AWS access key id as a literal value (AKIA****)',
          container: 'app',
        },
        {
          path: 'spec.containers[0].env[1].value',
          message:
            'container "app" env "DATABASE_URL" holds a URL with an embedded password as a literal value (postgres://****:****@…)',
          container: 'app',
        },
        {
          path: 'spec.containers[0].env[2].value',
          message:
            'container "app" env "TLS_KEY" holds a PEM private key as a literal value (-----BEGIN EC PRIVATE KEY----- ****)',
          container: 'app',
        },
        {
          path: 'spec.containers[0].env[3].value',
          message: 'container "app" env "AUTH_TOKEN" holds a JSON Web Token as a literal value (eyJ****)',
          container: 'app',
        },
        {
          path: 'spec.containers[0].env[4].value',
          message: 'container "app" env "SLACK_HOOK" holds a Slack token as a literal value (xoxb-****)',
          container: 'app',
        },
      ],
    },
    {
      name: 'camelCase and glued names; a Deployment',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers:
      - name: api
        image: api:1
        env:
        - {name: stripeApiKey, value: not-a-real-key}
        - {name: CLIENTSECRET, value: "0123456789abcdef"}
`,
      findings: [
        {
          path: 'spec.template.spec.containers[0].env[0].value',
          message:
            'container "api" env "stripeApiKey" holds a literal secret (name contains "API_KEY"; value masked, 14 characters)',
          container: 'api',
        },
        {
          path: 'spec.template.spec.containers[0].env[1].value',
          message:
            'container "api" env "CLIENTSECRET" holds a literal secret (name contains "SECRET"; value masked, 16 characters)',
          container: 'api',
        },
      ],
    },
  ],
});
