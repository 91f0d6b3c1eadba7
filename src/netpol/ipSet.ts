/**
 * Sets of IP addresses, IPv4 and IPv6 kept apart (an IPv4 block never matches IPv6
 * traffic), as interval sets of 128-bit-safe integers. An `ipBlock` is `cidr` minus
 * every `except` (k8s.io/api networking/v1 `IPBlock`); ranges are printed as
 * netpol-analyzer prints external peers: `first-last` (`0.0.0.0-9.255.255.255`).
 */
import * as iv from './intervalSet.js';
import { parseIPv4, parseIPv4Cidr } from './ipv4Cidr.js';
import { formatIPv6, parseIPv6, parseIPv6Cidr } from './ipv6Cidr.js';

export type Family = 'v4' | 'v6';

export const UNIVERSE: Readonly<Record<Family, iv.Interval<bigint>>> = {
  v4: [0n, 1n << 32n],
  v6: [0n, 1n << 128n],
};

export interface IpRange {
  readonly family: Family;
  /** First address. */
  readonly start: bigint;
  /** One past the last address. */
  readonly end: bigint;
}

export class IpSet {
  private constructor(
    readonly v4: iv.IntervalSet<bigint>,
    readonly v6: iv.IntervalSet<bigint>,
  ) {}

  static readonly none = new IpSet([], []);
  static readonly all = new IpSet([UNIVERSE.v4], [UNIVERSE.v6]);

  static of(family: Family, set: iv.IntervalSet<bigint>): IpSet {
    return family === 'v4' ? new IpSet(set, []) : new IpSet([], set);
  }

  /** The block of a CIDR (host bits cleared, as `net.ParseCIDR`), or undefined when it is not a CIDR. */
  static fromCidr(text: string): IpSet | undefined {
    const v4 = parseIPv4Cidr(text);
    if (v4 !== undefined) {
      const base = BigInt(v4.base);
      return IpSet.of('v4', [[base, base + (1n << BigInt(32 - v4.prefix))]]);
    }
    const v6 = parseIPv6Cidr(text);
    if (v6 !== undefined) return IpSet.of('v6', [[v6.base, v6.base + (1n << BigInt(128 - v6.prefix))]]);
    return undefined;
  }

  /** One address (IPv4 dotted quad or IPv6), or undefined. */
  static fromAddress(text: string): IpSet | undefined {
    const v4 = parseIPv4(text);
    if (v4 !== undefined) return IpSet.of('v4', [[BigInt(v4), BigInt(v4) + 1n]]);
    const v6 = parseIPv6(text);
    if (v6 !== undefined) return IpSet.of('v6', [[v6, v6 + 1n]]);
    return undefined;
  }

  union(other: IpSet): IpSet {
    return new IpSet(iv.union(this.v4, other.v4), iv.union(this.v6, other.v6));
  }

  intersect(other: IpSet): IpSet {
    return new IpSet(iv.intersect(this.v4, other.v4), iv.intersect(this.v6, other.v6));
  }

  subtract(other: IpSet): IpSet {
    return new IpSet(iv.subtract(this.v4, other.v4), iv.subtract(this.v6, other.v6));
  }

  isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** True when every address of `other` is in this set. */
  contains(other: IpSet): boolean {
    return iv.containsAll(this.v4, other.v4) && iv.containsAll(this.v6, other.v6);
  }

  overlaps(other: IpSet): boolean {
    return !this.intersect(other).isEmpty();
  }

  /** True when the set holds the address `start` of `family`. */
  has(family: Family, address: bigint): boolean {
    return iv.has(family === 'v4' ? this.v4 : this.v6, address);
  }

  /** The contiguous ranges, IPv4 first. */
  ranges(): IpRange[] {
    return [
      ...this.v4.map(([start, end]) => ({ family: 'v4' as const, start, end })),
      ...this.v6.map(([start, end]) => ({ family: 'v6' as const, start, end })),
    ];
  }

  /** `a-b` ranges joined by commas (netpol-analyzer's `IPBlock.ToIPRanges`). */
  toString(): string {
    return this.ranges().map(formatRange).join(',');
  }
}

export function formatAddress(family: Family, value: bigint): string {
  if (family === 'v6') return formatIPv6(value);
  const n = Number(value);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** `first-last`, as netpol-analyzer prints an IP peer (a single address too: `1.2.3.4-1.2.3.4`). */
export function formatRange(range: IpRange): string {
  return `${formatAddress(range.family, range.start)}-${formatAddress(range.family, range.end - 1n)}`;
}

/** The disjoint pieces of `universe` (per family) cut at every boundary of `sets` (see `elementaryIntervals`). */
export function disjointRanges(families: readonly Family[], sets: readonly IpSet[]): IpRange[] {
  return families.flatMap((family) =>
    iv
      .elementaryIntervals(
        UNIVERSE[family],
        sets.map((s) => (family === 'v4' ? s.v4 : s.v6)),
      )
      .map(([start, end]) => ({ family, start, end })),
  );
}
