import { ruleTests } from '../../../../test/ruleTester.js';
import { tlsVerifyDisabled } from './tls-verify-disabled.js';

const deploy = (podAnnotations: string): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations: {vault.hashicorp.com/agent-inject: "true", ${podAnnotations}}
    spec:
      containers: [{name: web, image: ghcr.io/acme/web:1.0}]`;

const ingress = (annotations: string): string => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations: {${annotations}}
spec:
  rules: [{host: shop.example.com}]`;

ruleTests(tlsVerifyDisabled, {
  valid: [
    {
      name: 'Vault agent with a CA certificate',
      yaml: deploy('vault.hashicorp.com/ca-cert: /vault/tls/ca.crt'),
    },
    { name: 'tls-skip-verify set to false', yaml: deploy('vault.hashicorp.com/tls-skip-verify: "false"') },
    {
      name: 'the Vault annotation on the Deployment itself is not read by the injector',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, annotations: {vault.hashicorp.com/tls-skip-verify: "true"}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: ghcr.io/acme/web:1.0}]`,
    },
    {
      name: 'ingress-nginx verifying the backend and the client',
      yaml: ingress(
        'nginx.ingress.kubernetes.io/proxy-ssl-verify: "on", nginx.ingress.kubernetes.io/auth-tls-verify-client: "on"',
      ),
    },
  ],
  invalid: [
    {
      name: 'Vault agent skipping verification',
      yaml: deploy('vault.hashicorp.com/tls-skip-verify: "True"'),
      findings: [
        {
          path: 'spec.template.metadata.annotations["vault.hashicorp.com/tls-skip-verify"]',
          message:
            'annotation vault.hashicorp.com/tls-skip-verify: "True" — the Vault agent does not verify the Vault server\'s certificate, so secrets are fetched from whoever answers',
        },
      ],
    },
    {
      name: 'ingress-nginx and Kong',
      yaml: ingress(
        'nginx.ingress.kubernetes.io/proxy-ssl-verify: "off", nginx.ingress.kubernetes.io/auth-tls-verify-client: optional_no_ca, konghq.com/tls-verify: "false"',
      ),
      findings: [
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/proxy-ssl-verify"]',
          message:
            'annotation nginx.ingress.kubernetes.io/proxy-ssl-verify: "off" — ingress-nginx does not verify the backend\'s certificate on the proxied HTTPS connection',
        },
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/auth-tls-verify-client"]',
          message:
            'annotation nginx.ingress.kubernetes.io/auth-tls-verify-client: "optional_no_ca" — ingress-nginx asks for a client certificate but does not verify it against the CA',
        },
        {
          path: 'metadata.annotations["konghq.com/tls-verify"]',
          message:
            'annotation konghq.com/tls-verify: "false" — Kong does not verify the upstream service\'s certificate',
        },
      ],
    },
  ],
});
