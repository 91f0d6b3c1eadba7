import { asArray, asRecord, asString } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';

/** True when a TLS host entry (`*.example.com` covers exactly one more label) covers `host`. */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const suffix = tlsHost.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
}

export const ingressNoTls = defineRule({
  id: 'ingress-no-tls',
  title: 'Ingress serves hosts without TLS',
  category: 'exposure',
  severity: 'medium',
  description:
    'An Ingress without `spec.tls` (or with an empty list), or whose `spec.rules[].host` is covered by no `spec.tls[].hosts` entry ' +
    "(exact name, or a `*.` wildcard covering one label). A `tls` entry without `hosts` uses the controller's default certificate and " +
    'covers every host. Ingresses without TLS are served over plain HTTP.',
  rationale:
    'Plain HTTP from the client to the ingress can be read and changed by anyone on the path: session cookies, bearer tokens, passwords and ' +
    'API keys are sniffed (T1040) or the responses altered (T1557 adversary-in-the-middle). Medium: the attacker needs a position on ' +
    'the network path, but the data at stake is usually credentials.',
  remediation:
    'Add `spec.tls: [{hosts: [app.example.com], secretName: app-tls}]` covering every rule host (cert-manager can issue the secret), ' +
    'and redirect HTTP to HTTPS (ingress-nginx does so by default when TLS is set).',
  references: {
    nsa: ['Network separation and hardening: Encryption'],
    mitre: ['T1040', 'T1557'],
    links: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
  },
  targets: ['Ingress'],
  *check({ resource }): Iterable<Report> {
    const spec = asRecord(resource.object.spec);
    if (spec === undefined) return;
    const tls = asArray(spec.tls).map(asRecord);
    if (tls.length === 0) {
      yield {
        message: 'Ingress has no spec.tls: every host it serves is plain HTTP',
        path: ['spec', 'tls'],
      };
      return;
    }
    const tlsHosts: string[] = [];
    for (const entry of tls) {
      const hosts = asArray(entry?.hosts).filter((h): h is string => typeof h === 'string');
      if (hosts.length === 0) return; // the controller's default certificate serves every host
      tlsHosts.push(...hosts);
    }
    for (const [i, rule] of asArray(spec.rules).entries()) {
      const host = asString(asRecord(rule)?.host);
      if (host === undefined || tlsHosts.some((t) => covers(t, host))) continue;
      yield {
        message: `host "${host}" is not listed in any spec.tls[].hosts: it is served over plain HTTP`,
        path: ['spec', 'rules', i, 'host'],
      };
    }
  },
});
