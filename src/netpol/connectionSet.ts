/**
 * Connection sets: for each layer-4 protocol NetworkPolicy defines (TCP, UDP, SCTP —
 * `ValidateNetworkPolicyPort` accepts no other), the set of destination ports allowed.
 * Ports are 1–65535 (port 0 is not a port a policy can name; netpol-analyzer's "all
 * ports" is 1-65535). Printed as netpol-analyzer prints a `common.ConnectionSet`:
 * `All Connections`, `No Connections`, or `PROTO ranges` per protocol, sorted as strings
 * and joined by commas (`TCP 1-52,54-65535,UDP 53`).
 */
import * as iv from './intervalSet.js';

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;
const ALL_PORTS: iv.IntervalSet<number> = [[MIN_PORT, MAX_PORT + 1]];

export function isProtocol(value: unknown): value is Protocol {
  return value === 'TCP' || value === 'UDP' || value === 'SCTP';
}

type PortSets = Readonly<Record<Protocol, iv.IntervalSet<number>>>;

export class ConnectionSet {
  private constructor(private readonly ports: PortSets) {}

  static readonly all = new ConnectionSet({ TCP: ALL_PORTS, UDP: ALL_PORTS, SCTP: ALL_PORTS });
  static readonly none = new ConnectionSet({ TCP: [], UDP: [], SCTP: [] });

  /** Every port of one protocol. */
  static allOf(protocol: Protocol): ConnectionSet {
    return ConnectionSet.none.with(protocol, ALL_PORTS);
  }

  /** Ports `first..last` (inclusive) of one protocol, clipped to 1–65535. */
  static range(protocol: Protocol, first: number, last = first): ConnectionSet {
    const lo = Math.max(first, MIN_PORT);
    const hi = Math.min(last, MAX_PORT) + 1;
    return ConnectionSet.none.with(protocol, lo < hi ? [[lo, hi]] : []);
  }

  private with(protocol: Protocol, set: iv.IntervalSet<number>): ConnectionSet {
    return new ConnectionSet({ ...this.ports, [protocol]: set });
  }

  private combine(
    other: ConnectionSet,
    op: (a: iv.IntervalSet<number>, b: iv.IntervalSet<number>) => iv.IntervalSet<number>,
  ): ConnectionSet {
    return new ConnectionSet({
      TCP: op(this.ports.TCP, other.ports.TCP),
      UDP: op(this.ports.UDP, other.ports.UDP),
      SCTP: op(this.ports.SCTP, other.ports.SCTP),
    });
  }

  union(other: ConnectionSet): ConnectionSet {
    if (this === ConnectionSet.all || other === ConnectionSet.none) return this;
    if (other === ConnectionSet.all || this === ConnectionSet.none) return other;
    return this.combine(other, iv.union);
  }

  intersect(other: ConnectionSet): ConnectionSet {
    if (this === ConnectionSet.all || other === ConnectionSet.none) return other;
    if (other === ConnectionSet.all || this === ConnectionSet.none) return this;
    return this.combine(other, iv.intersect);
  }

  subtract(other: ConnectionSet): ConnectionSet {
    if (other === ConnectionSet.none) return this;
    return this.combine(other, iv.subtract);
  }

  isEmpty(): boolean {
    return PROTOCOLS.every((p) => this.ports[p].length === 0);
  }

  isAll(): boolean {
    return PROTOCOLS.every((p) => iv.equals(this.ports[p], ALL_PORTS));
  }

  equals(other: ConnectionSet): boolean {
    return PROTOCOLS.every((p) => iv.equals(this.ports[p], other.ports[p]));
  }

  /** True when every connection of `other` is in this set. */
  contains(other: ConnectionSet): boolean {
    return PROTOCOLS.every((p) => iv.containsAll(this.ports[p], other.ports[p]));
  }

  allows(protocol: Protocol, port: number): boolean {
    return iv.has(this.ports[protocol], port);
  }

  /** The closed port ranges of one protocol (`[[1, 52], [54, 65535]]`). */
  rangesOf(protocol: Protocol): readonly (readonly [number, number])[] {
    return this.ports[protocol].map(([s, e]) => [s, e - 1] as const);
  }

  /** netpol-analyzer's printed form. */
  toString(): string {
    if (this.isAll()) return 'All Connections';
    if (this.isEmpty()) return 'No Connections';
    return PROTOCOLS.filter((p) => this.ports[p].length > 0)
      .map(
        (p) =>
          `${p} ${this.rangesOf(p)
            .map(([s, e]) => (s === e ? `${s}` : `${s}-${e}`))
            .join(',')}`,
      )
      .sort()
      .join(',');
  }
}
