import { parseFieldPath } from '../../../k8s/fieldPath.js';
import type { PodClass } from '../../../netpol/podClasses.js';
import { admittedContainerPorts, openToAnywhere, selectedClasses } from '../../../netpol/policyFacts.js';
import { netpolEngineOf, policyOf } from '../../netpolEngine.js';
import { defineRule, type Report } from '../../types.js';
import { classNames } from './classNames.js';
import { sensitivePortOf, type SensitivePort } from './sensitivePorts.js';

export const netpolSensitivePortOpen = defineRule({
  id: 'netpol-sensitive-port-open',
  title: 'NetworkPolicy admits any source to a sensitive port',
  category: 'network',
  severity: 'medium',
  description:
    'An ingress rule of a Kubernetes NetworkPolicy (a direction it isolates, after `policyTypes` defaulting) admits sources from anywhere — ' +
    'no `from` (every source), a peer `namespaceSelector: {}` with no narrowing `podSelector` (every pod of every namespace), or an ' +
    '`ipBlock` whose `cidr` is `0.0.0.0/0` or `::/0` (whatever its `except`) — on a container port that a pod the policy selects declares ' +
    'and that is a sensitive service: SSH (22, 2222), Telnet, RDP, the Docker API (2375, 2376), etcd (2379-2380), the kubelet (10250, 10255), ' +
    'kube-controller-manager and kube-scheduler, and database defaults (MySQL 3306, PostgreSQL 5432, SQL Server, Oracle, Redis 6379, MongoDB 27017, ' +
    'Elasticsearch 9200/9300, CouchDB, Cassandra, memcached). Named ports are resolved on the selected pods as Kubernetes does (name and protocol). ' +
    'Only declared `containerPort`s are seen: a process listening on an undeclared port is not. One finding per rule and port. ' +
    "Pods that no policy isolates are pod-not-isolated's finding.",
  rationale:
    'These services hand over a shell, the cluster state (etcd holds every Secret), container control (the kubelet and Docker APIs run ' +
    'commands in containers) or the data itself, and are the first ports scanners and worms try (T1046, then T1021 or T1190). A policy ' +
    'that opens them to every pod makes one compromised pod enough to reach them; opening them to 0.0.0.0/0 leaves only the Service type ' +
    'between them and the internet. Medium: the policy still has to be reachable from where the attacker is.',
  remediation:
    'Narrow the rule: list the client pods (`podSelector`, `namespaceSelector` with `kubernetes.io/metadata.name`) or the exact address ' +
    'ranges that need the port, and move administrative access (SSH, databases) behind `kubectl port-forward` or a bastion.',
  references: {
    cis: ['5.3.2'],
    nsa: ['Network separation and hardening: Network policies'],
    mitre: ['T1046', 'T1021', 'T1190'],
    links: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
      'https://kubernetes.io/docs/reference/networking/ports-and-protocols/',
      'https://docs.docker.com/engine/security/protect-access/',
    ],
  },
  targets: ['NetworkPolicy'],
  needsModel: true,
  *check({ resource, model }): Iterable<Report> {
    const policy = policyOf(resource, model);
    if (policy?.ingress === undefined) return;
    const selected = selectedClasses(netpolEngineOf(model).analysis.index, policy);
    if (selected.length === 0) return;
    for (const rule of policy.ingress) {
      const anywhere = openToAnywhere(rule);
      if (anywhere === undefined) continue;
      const open = new Map<string, { port: number; sensitive: SensitivePort; classes: PodClass[] }>();
      for (const cls of selected) {
        for (const p of admittedContainerPorts(rule, cls)) {
          const sensitive = sensitivePortOf(p.protocol, p.containerPort);
          if (sensitive === undefined) continue;
          const key = `${p.protocol}/${p.containerPort}`;
          const entry = open.get(key) ?? { port: p.containerPort, sensitive, classes: [] };
          if (!entry.classes.includes(cls)) entry.classes.push(cls);
          open.set(key, entry);
        }
      }
      for (const { port, sensitive, classes } of open.values()) {
        yield {
          message: `ingress rule admits ${anywhere} to ${sensitive.protocol} ${port} (${sensitive.service}) of ${classNames(classes)}`,
          path: parseFieldPath(rule.path),
        };
      }
    }
  },
});
