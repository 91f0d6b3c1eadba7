import { ruleTests } from '../../../../test/ruleTester.js';
import { credentialInField } from './credential-in-field.js';

const GHP = 'ghp_' + 'Ab1'.repeat(12);

const deploy = (annotations: string, args = '[--port=8080]', env = '[]'): string => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  annotations:
${annotations}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ghcr.io/acme/web:1.0
        args: ${args}
        env: ${env}`;

ruleTests(credentialInField, {
  valid: [
    {
      name: 'ordinary annotations, a UUID, a digest, a Vault agent template',
      yaml: deploy(
        [
          '    example.com/build-id: 3f2a1c9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b',
          '    example.com/image-digest: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
          '    example.com/token-secret-name: web-token',
          '    example.com/password: my-app-password',
          '    example.com/registryCredentialHelpers: default,google,amazon',
          '    vault.hashicorp.com/agent-inject-template-db: |',
          '      {{- with secret "database/creds/web" -}}postgres://{{ .Data.username }}:{{ .Data.password }}@db:5432/shop{{- end }}',
        ].join('\n'),
        '[--db-password-file=/run/secrets/db, "--token=$(TOKEN)"]',
      ),
    },
    {
      name: "a literal env value is secret-literal-env's, not reported again",
      yaml: deploy('    a: b', '[]', `[{name: API_TOKEN, value: "${GHP}"}]`),
    },
    {
      name: "ConfigMap data is configmap-secret's",
      yaml: `
apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: shop}
data: {token: "${GHP}"}`,
    },
  ],
  invalid: [
    {
      name: 'a token in an annotation, a password flag in args',
      yaml: deploy(`    example.com/github-token: ${GHP}`, '["--db-password=Xk9#mQ2vL7pR"]'),
      findings: [
        {
          path: 'metadata.annotations["example.com/github-token"]',
          message: 'annotation "example.com/github-token" holds a GitHub token (ghp_****)',
        },
        {
          path: 'spec.template.spec.containers[0].args[0]',
          message:
            'field spec.template.spec.containers[0].args[0] holds a literal secret (name contains "PASSWORD") (value masked, 12 characters)',
        },
      ],
    },
    {
      name: 'a CRD field with a connection string, and a name/value pair',
      yaml: `
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop, namespace: argocd}
spec:
  source:
    helm:
      parameters:
      - {name: db.apiKey, value: "Zr8fK2qW9xLm4TbV"}
      - {name: db.conn, value: "Server=db;User Id=sa;Password=Tr0ub4dor;"}`,
      findings: [
        {
          path: 'spec.source.helm.parameters[0].value',
          message:
            'field spec.source.helm.parameters[0].value holds a literal secret (name contains "API_KEY") (value masked, 16 characters)',
        },
        {
          path: 'spec.source.helm.parameters[1].value',
          message:
            'field spec.source.helm.parameters[1].value holds a connection string with a password (Password=****)',
        },
      ],
    },
    {
      name: 'the last-applied annotation of a ConfigMap read from a cluster repeats a credential',
      yaml: `
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  namespace: shop
  uid: 9a1b
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","kind":"ConfigMap","data":{"url":"https://app:Hunter2x@db.example.com/"}}'
data: {url: "https://db.example.com/"}`,
      findings: [
        {
          path: 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
          message:
            'the kubectl.kubernetes.io/last-applied-configuration annotation repeats a credential in metadata: data.url holds a URL with an embedded password (https://****:****@…)',
        },
      ],
    },
  ],
});
