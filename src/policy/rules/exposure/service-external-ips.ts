import { asArray, asRecord } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';

export const serviceExternalIps = defineRule({
  id: 'service-external-ips',
  title: 'Service sets externalIPs',
  category: 'exposure',
  severity: 'high',
  description: 'A Service whose `spec.externalIPs` is a non-empty list.',
  rationale:
    "kube-proxy captures traffic to a Service's externalIPs on every node, for any address the Service claims, with no check that the " +
    'address belongs to it (CVE-2020-8554, unfixable in kube-proxy). Whoever can create or edit such a Service can intercept traffic ' +
    "that pods and nodes send to any IP — an external API, a database, another tenant's address — and read or alter it " +
    '(T1557 adversary-in-the-middle). The same field also exposes the selected pods on those addresses. High: a namespace-level ' +
    'permission turns into cluster-wide traffic interception.',
  remediation:
    'Remove `spec.externalIPs`; use a LoadBalancer or an Ingress/Gateway instead. Cluster-wide, block the field with the ' +
    'DenyServiceExternalIPs admission plugin or a policy (externalip-webhook, Gatekeeper K8sExternalIPs).',
  references: {
    mitre: ['T1557', 'T1190'],
    links: [
      'https://github.com/kubernetes/kubernetes/issues/97076',
      'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
    ],
  },
  targets: ['Service'],
  *check({ resource }): Iterable<Report> {
    const ips = asArray(asRecord(resource.object.spec)?.externalIPs).filter((ip) => typeof ip === 'string');
    if (ips.length === 0) return;
    yield {
      message: `Service sets spec.externalIPs (${ips.join(', ')}): traffic any pod or node sends to these addresses is captured by this Service (CVE-2020-8554)`,
      path: ['spec', 'externalIPs'],
    };
  },
});
