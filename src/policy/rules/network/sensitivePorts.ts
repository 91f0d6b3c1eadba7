/**
 * Ports whose service gives an attacker who reaches it code execution, the cluster's state
 * or a database — the ports scanners and botnets try first. Sources: the Kubernetes "Ports
 * and Protocols" page (etcd 2379-2380, kubelet 10250, kube-scheduler 10259,
 * kube-controller-manager 10257), Docker's "Protect the Docker daemon socket" (2375 plain,
 * 2376 TLS), the default ports of each database's documentation, and ssh-port's SSH ports
 * (22 and 2222).
 */
import type { Protocol } from '../../../netpol/connectionSet.js';

export interface SensitivePort {
  readonly protocol: Protocol;
  readonly first: number;
  readonly last: number;
  /** What listens there, for the message. */
  readonly service: string;
}

const tcp = (first: number, service: string, last = first): SensitivePort => ({
  protocol: 'TCP',
  first,
  last,
  service,
});

export const SENSITIVE_PORTS: readonly SensitivePort[] = [
  tcp(22, 'SSH'),
  tcp(2222, 'SSH'),
  tcp(23, 'Telnet'),
  tcp(3389, 'RDP'),
  tcp(2375, 'the Docker API without TLS'),
  tcp(2376, 'the Docker API'),
  tcp(2379, 'etcd', 2380),
  tcp(10250, 'the kubelet API'),
  tcp(10255, 'the kubelet read-only API'),
  tcp(10257, 'kube-controller-manager'),
  tcp(10259, 'kube-scheduler'),
  tcp(3306, 'MySQL'),
  tcp(5432, 'PostgreSQL'),
  tcp(1433, 'SQL Server'),
  tcp(1521, 'Oracle'),
  tcp(6379, 'Redis'),
  tcp(27017, 'MongoDB'),
  tcp(9200, 'Elasticsearch'),
  tcp(9300, 'Elasticsearch transport'),
  tcp(5984, 'CouchDB'),
  tcp(9042, 'Cassandra'),
  tcp(11211, 'memcached'),
  { protocol: 'UDP', first: 11211, last: 11211, service: 'memcached' },
];

/** The sensitive port entry a container port falls in, or undefined. */
export function sensitivePortOf(protocol: string, port: number): SensitivePort | undefined {
  return SENSITIVE_PORTS.find((p) => p.protocol === protocol && port >= p.first && port <= p.last);
}
