import { defineRule, type Report } from '../../types.js';

/** The ingress-nginx annotations whose values were pasted into nginx.conf unescaped (IngressNightmare, March 2025). */
const INJECTABLE: Readonly<Record<string, string>> = {
  'nginx.ingress.kubernetes.io/auth-url': 'CVE-2025-24514',
  'nginx.ingress.kubernetes.io/auth-tls-match-cn': 'CVE-2025-1097',
  'nginx.ingress.kubernetes.io/mirror-target': 'CVE-2025-1098',
  'nginx.ingress.kubernetes.io/mirror-host': 'CVE-2025-1098',
};

/**
 * Characters that end a directive, open or close a block, start a comment or a new
 * line, or close the quoted string the value is placed in. `$` is allowed: NGINX
 * variables such as `$escaped_request_uri` are legitimate in auth-url.
 */
const INJECTION = /[;{}#"'`\\\n\r]/;

export const nginxAnnotationInjection = defineRule({
  id: 'nginx-annotation-injection',
  title: 'ingress-nginx annotation carries configuration-injection characters',
  category: 'exposure',
  severity: 'critical',
  description:
    'An Ingress whose `nginx.ingress.kubernetes.io/auth-url`, `auth-tls-match-cn`, `mirror-target` or `mirror-host` annotation contains ' +
    'a character that can break out of its NGINX directive: `;`, `{`, `}`, `#`, a quote, a backtick, a backslash or a line break. ' +
    'The annotation prefix identifies ingress-nginx, so the ingress class is not consulted.',
  rationale:
    "Before ingress-nginx 1.11.5 / 1.12.1 these values were written into nginx.conf unescaped; with the admission webhook's `nginx -t` " +
    'check (CVE-2025-1974) an injected `ssl_engine` or `load_module` directive runs attacker code in the controller, whose service account ' +
    'reads every Secret of the cluster by default (CVE-2025-24514, CVE-2025-1097, CVE-2025-1098; T1190, T1552.007). No legitimate value ' +
    'needs these characters, so a manifest that carries them is an exploit attempt or a bug waiting to become one: critical.',
  remediation:
    'Remove the characters (a URL or a CN pattern needs none of them), upgrade ingress-nginx to 1.11.5 / 1.12.1 or later, and keep its ' +
    'admission webhook reachable only from the API server.',
  references: {
    mitre: ['T1190', 'T1552.007'],
    links: ['https://kubernetes.io/blog/2025/03/24/ingress-nginx-cve-2025-1974/'],
  },
  targets: ['Ingress'],
  *check({ resource }): Iterable<Report> {
    for (const [key, cve] of Object.entries(INJECTABLE)) {
      const value = resource.annotations[key];
      if (value === undefined) continue;
      const bad = INJECTION.exec(value);
      if (bad === null) continue;
      yield {
        message: `annotation ${key} contains ${JSON.stringify(bad[0])}, which can inject NGINX configuration into the ingress controller (${cve})`,
        path: ['metadata', 'annotations', key],
      };
    }
  },
});
