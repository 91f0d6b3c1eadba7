import { ruleTests } from '../../../../test/ruleTester.js';
import { nginxSnippet } from './nginx-snippet.js';

const ingress = (annotations: string) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
${annotations}
spec:
  ingressClassName: nginx
  rules: [{host: shop.example.com}]
`;

ruleTests(nginxSnippet, {
  valid: [
    {
      name: 'ordinary ingress-nginx annotations',
      yaml: ingress(`    nginx.ingress.kubernetes.io/rewrite-target: /
    nginx.ingress.kubernetes.io/snippet-like: "x"
    nginx.org/snippet: "not the plural form"`),
    },
    {
      name: "each controller's own form only: ingress-nginx's -snippets and nginx.org's -snippet, a longer key, and a Service (not an Ingress)",
      yaml: `${ingress(`    nginx.ingress.kubernetes.io/configuration-snippets: "plural is not ingress-nginx's"
    nginx.org/location-snippet: "singular is not nginx.org's"
    nginx.ingress.kubernetes.io/server-snippet-extra: "x"`)}---
apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/server-snippet: "not on an Ingress"
spec: {selector: {app: web}}
`,
    },
  ],
  invalid: [
    {
      name: 'snippets of both controllers',
      yaml: ingress(`    nginx.ingress.kubernetes.io/configuration-snippet: |
      more_set_headers "X-Frame-Options: DENY";
    nginx.ingress.kubernetes.io/server-snippet: "location /x { alias /var/run/secrets/; }"
    nginx.org/location-snippets: "add_header X-Test 1;"`),
      findings: [
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/configuration-snippet"]',
          message:
            'annotation nginx.ingress.kubernetes.io/configuration-snippet injects raw NGINX configuration into the shared ingress controller',
        },
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/server-snippet"]',
          message:
            'annotation nginx.ingress.kubernetes.io/server-snippet injects raw NGINX configuration into the shared ingress controller',
        },
        {
          path: 'metadata.annotations["nginx.org/location-snippets"]',
          message:
            'annotation nginx.org/location-snippets injects raw NGINX configuration into the shared ingress controller',
        },
      ],
    },
    {
      name: 'any value counts, even an empty one: stream- and modsecurity-snippet',
      yaml: ingress(`    nginx.ingress.kubernetes.io/stream-snippet: ""
    nginx.ingress.kubernetes.io/modsecurity-snippet: "SecRuleEngine Off"`),
      findings: [
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/stream-snippet"]',
          message:
            'annotation nginx.ingress.kubernetes.io/stream-snippet injects raw NGINX configuration into the shared ingress controller',
        },
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/modsecurity-snippet"]',
          message:
            'annotation nginx.ingress.kubernetes.io/modsecurity-snippet injects raw NGINX configuration into the shared ingress controller',
        },
      ],
    },
  ],
});
