import { ruleTests } from '../../../../test/ruleTester.js';
import { nginxAnnotationInjection } from './nginx-annotation-injection.js';

const ingress = (annotations: string) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
${annotations}
spec:
  rules: [{host: shop.example.com}]
`;

ruleTests(nginxAnnotationInjection, {
  valid: [
    {
      name: 'legitimate values, NGINX variables included',
      yaml: ingress(`    nginx.ingress.kubernetes.io/auth-url: "https://auth.example.com/oauth2/auth?rd=$escaped_request_uri"
    nginx.ingress.kubernetes.io/auth-tls-match-cn: "CN=client-a|CN=client-b"
    nginx.ingress.kubernetes.io/mirror-target: "https://mirror.example.com$request_uri"
    nginx.ingress.kubernetes.io/mirror-host: "mirror.example.com"
    nginx.ingress.kubernetes.io/rewrite-target: "/;x"`),
    },
  ],
  invalid: [
    {
      name: 'IngressNightmare payloads',
      yaml: ingress(`    nginx.ingress.kubernetes.io/auth-url: "http://example.com/#;\\nload_module /tmp/x.so;"
    nginx.ingress.kubernetes.io/auth-tls-match-cn: "CN=abc #(\\n){}\\n }}\\nssl_engine foo;"
    nginx.ingress.kubernetes.io/mirror-target: "http://a/ } server { listen 1"
    nginx.ingress.kubernetes.io/mirror-host: "a\\"b"`),
      findings: [
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/auth-url"]',
          message:
            'annotation nginx.ingress.kubernetes.io/auth-url contains "#", which can inject NGINX configuration into the ingress controller (CVE-2025-24514)',
        },
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/auth-tls-match-cn"]',
          message:
            'annotation nginx.ingress.kubernetes.io/auth-tls-match-cn contains "#", which can inject NGINX configuration into the ingress controller (CVE-2025-1097)',
        },
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/mirror-target"]',
          message:
            'annotation nginx.ingress.kubernetes.io/mirror-target contains "}", which can inject NGINX configuration into the ingress controller (CVE-2025-1098)',
        },
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/mirror-host"]',
          message:
            'annotation nginx.ingress.kubernetes.io/mirror-host contains "\\"", which can inject NGINX configuration into the ingress controller (CVE-2025-1098)',
        },
      ],
    },
    {
      name: 'a bare line break',
      yaml: ingress(`    nginx.ingress.kubernetes.io/auth-url: "http://a/\\nb"`),
      findings: [
        {
          path: 'metadata.annotations["nginx.ingress.kubernetes.io/auth-url"]',
          message:
            'annotation nginx.ingress.kubernetes.io/auth-url contains "\\n", which can inject NGINX configuration into the ingress controller (CVE-2025-24514)',
        },
      ],
    },
  ],
});
