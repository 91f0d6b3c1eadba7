import { ruleTests } from '../../../../test/ruleTester.js';
import { ingressNoTls } from './ingress-no-tls.js';

const ingress = (spec: string) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
${spec}
`;
const RULES = `  rules:
  - host: shop.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
  - host: api.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}`;

ruleTests(ingressNoTls, {
  valid: [
    {
      name: 'every host listed in tls',
      yaml: ingress(`  tls: [{hosts: [shop.example.com, api.example.com], secretName: tls}]\n${RULES}`),
    },
    {
      name: 'a wildcard covers one label',
      yaml: ingress(`  tls: [{hosts: ["*.example.com"], secretName: tls}]\n${RULES}`),
    },
    {
      name: 'a tls entry without hosts uses the default certificate for every host',
      yaml: ingress(`  tls: [{secretName: default}]\n${RULES}`),
    },
  ],
  invalid: [
    {
      name: 'no tls at all',
      yaml: ingress(RULES),
      findings: [
        { path: 'spec.tls', message: 'Ingress has no spec.tls: every host it serves is plain HTTP' },
      ],
    },
    {
      name: 'an empty tls list',
      yaml: ingress(`  tls: []\n${RULES}`),
      findings: [
        { path: 'spec.tls', message: 'Ingress has no spec.tls: every host it serves is plain HTTP' },
      ],
    },
    {
      name: 'hosts missing from tls; a wildcard does not cover two labels or the apex',
      yaml: ingress(`  tls: [{hosts: ["*.example.com"], secretName: tls}]
  rules:
  - host: a.b.example.com
  - host: example.com
  - host: shop.example.com`),
      findings: [
        {
          path: 'spec.rules[0].host',
          message:
            'host "a.b.example.com" is not listed in any spec.tls[].hosts: it is served over plain HTTP',
        },
        {
          path: 'spec.rules[1].host',
          message: 'host "example.com" is not listed in any spec.tls[].hosts: it is served over plain HTTP',
        },
      ],
    },
  ],
});
