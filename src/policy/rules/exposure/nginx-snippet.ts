import { defineRule, type Report } from '../../types.js';

/**
 * ingress-nginx: `nginx.ingress.kubernetes.io/{configuration,server,auth,stream,modsecurity}-snippet`;
 * NGINX Inc's controller: `nginx.org/{server,location}-snippets`.
 */
const SNIPPET = /^(?:nginx\.ingress\.kubernetes\.io\/[a-z0-9-]*-snippet|nginx\.org\/[a-z0-9-]*-snippets)$/;

export const nginxSnippet = defineRule({
  id: 'nginx-snippet',
  title: 'Ingress injects raw NGINX configuration (snippet annotation)',
  category: 'exposure',
  severity: 'high',
  description:
    'An Ingress with a snippet annotation: `nginx.ingress.kubernetes.io/*-snippet` (configuration-, server-, auth-, stream-, ' +
    "modsecurity-snippet; ingress-nginx) or `nginx.org/*-snippets` (NGINX Inc's controller). Any value is reported: the annotation " +
    'itself is the capability.',
  rationale:
    'A snippet is pasted verbatim into the configuration of the shared ingress controller. Whoever can create an Ingress in any namespace ' +
    'can then run Lua or `alias`/`root` directives in the controller, read its service-account token and, through it, every Secret of ' +
    "the cluster that the controller may read — all of them in the default install (CVE-2021-25742), or reroute other tenants' traffic " +
    '(T1557). ingress-nginx disables snippets by default since v1.9 for this reason. High: namespace-level edit rights become cluster-wide ' +
    'secret access.',
  remediation:
    'Remove the snippet and use the dedicated annotations or a ConfigMap-level setting managed by the platform team; keep ' +
    '`allow-snippet-annotations: "false"` in the controller ConfigMap (and `annotations-risk-level` at its default).',
  references: {
    mitre: ['T1552.007', 'T1557', 'T1611'],
    links: [
      'https://github.com/kubernetes/ingress-nginx/issues/7837',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations',
    ],
  },
  targets: ['Ingress'],
  *check({ resource }): Iterable<Report> {
    for (const key of Object.keys(resource.annotations)) {
      if (!SNIPPET.test(key)) continue;
      yield {
        message: `annotation ${key} injects raw NGINX configuration into the shared ingress controller`,
        path: ['metadata', 'annotations', key],
      };
    }
  },
});
