import { defineRule, type Report } from '../../types.js';
import { TLS_SKIP_ANNOTATIONS } from './tlsSkipAnnotations.js';

export const tlsVerifyDisabled = defineRule({
  id: 'tls-verify-disabled',
  title: 'Annotation turns off TLS verification',
  category: 'secrets',
  severity: 'medium',
  description:
    'An annotation of a well-known injector or controller turns off certificate verification: `vault.hashicorp.com/tls-skip-verify: "true"` on a ' +
    'pod template (Vault agent injector), `nginx.ingress.kubernetes.io/proxy-ssl-verify: "off"` or `nginx.ingress.kubernetes.io/auth-tls-verify-client: ' +
    '"optional_no_ca"` on an Ingress (ingress-nginx), `konghq.com/tls-verify: "false"` on a Service or Ingress (Kong). Values compare ' +
    'case-insensitively. Reported at the annotation, with what is then not verified.',
  rationale:
    'Without verification anyone who can intercept or redirect the connection (a rogue pod answering the DNS name, ARP or DNS spoofing on the node ' +
    'network, a compromised proxy) impersonates the server: the Vault agent hands its token to it and takes secrets from it; the ingress sends ' +
    'requests and their credentials to it; a client certificate is accepted without checking who issued it. Medium: it needs a position on the path.',
  remediation:
    'Remove the annotation and give the component the CA that signed the server certificate (`vault.hashicorp.com/ca-cert` or `tls-secret`, ' +
    '`nginx.ingress.kubernetes.io/proxy-ssl-secret` with `proxy-ssl-verify: "on"`, `auth-tls-verify-client: "on"`, a Kong CA certificate).',
  references: {
    nsa: ['Network separation and hardening: Encryption'],
    mitre: ['T1557'],
    links: TLS_SKIP_ANNOTATIONS.map((a) => a.source),
  },
  targets: ['workload', 'Ingress', 'Service'],
  *check({ resource, workload }): Iterable<Report> {
    for (const a of TLS_SKIP_ANNOTATIONS) {
      const pod = a.on === 'pod' && workload !== undefined;
      const value = pod
        ? workload.template.annotations[a.key]
        : a.on === 'object' && workload === undefined
          ? resource.annotations[a.key]
          : undefined;
      if (value === undefined || !a.values.includes(value.trim().toLowerCase())) continue;
      yield {
        message: `annotation ${a.key}: "${value}" — ${a.effect}`,
        path: pod
          ? [...workload.template.metadataPath, 'annotations', a.key]
          : ['metadata', 'annotations', a.key],
      };
    }
  },
});
