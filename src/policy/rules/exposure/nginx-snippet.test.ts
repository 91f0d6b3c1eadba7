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
  ],
});
