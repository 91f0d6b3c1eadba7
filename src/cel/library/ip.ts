// The Kubernetes IP and CIDR libraries (k8s.io/apiserver/pkg/cel/library/ip.go, cidr.go), with the
// parsing rules of k8s.io/utils/net ParseIPSloppy's strict successor: no leading zeros in IPv4 octets,
// no zones, no IPv4-mapped IPv6 addresses. Addresses are byte arrays (4 or 16); strings are canonical
// as Go's netip.Addr.String() writes them (RFC 5952).
import { celFunc, celMethod, CelScalar } from '@bufbuild/cel';
import type { CelFunc, CelValue } from '@bufbuild/cel';
import { OPAQUE, Opaque, isOpaque, payloadOf } from './opaque.js';

const IP = 'net.IP';
const CIDR = 'net.CIDR';

interface Cidr {
  address: number[];
  prefix: number;
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function parseIPv6(text: string): number[] | undefined {
  if (text.includes('%') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (piece.includes('.')) {
        if (i !== pieces.length - 1) return undefined;
        const v4 = parseIPv4(piece);
        if (!v4) return undefined;
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return undefined;
        out.push(parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** The address bytes of an IP the Kubernetes library accepts, or undefined. */
export function parseIP(text: string): number[] | undefined {
  if (text.includes(':')) {
    const bytes = parseIPv6(text);
    // IPv4-mapped addresses (::ffff:a.b.c.d) are rejected by the library.
    if (bytes && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return undefined;
    return bytes;
  }
  return parseIPv4(text);
}

export function formatIP(bytes: readonly number[]): string {
  if (bytes.length === 4) return bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  // RFC 5952: the longest run (≥ 2) of zero groups, the first on a tie, becomes '::'.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function parseCIDR(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIP(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (!address || !/^(0|[1-9]\d*)$/.test(bits)) return undefined;
  const prefix = Number(bits);
  if (prefix > address.length * 8) return undefined;
  return { address, prefix };
}

function masked(cidr: Cidr): Cidr {
  const address = cidr.address.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, cidr.prefix - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  return { address, prefix: cidr.prefix };
}

function contains(cidr: Cidr, address: readonly number[]): boolean {
  if (address.length !== cidr.address.length) return false;
  const network = masked(cidr).address;
  return masked({ address: [...address], prefix: cidr.prefix }).address.every((b, i) => b === network[i]);
}

interface Address {
  bytes: number[];
  /** As written, for isCanonical(). */
  text: string;
}

const ipValue = (bytes: number[], text = formatIP(bytes)): CelValue =>
  new Opaque<Address>(IP, formatIP(bytes), { bytes, text }).cel();
const cidrValue = (cidr: Cidr): CelValue => new Opaque(CIDR, `${formatIP(cidr.address)}/${cidr.prefix}`, cidr).cel();
const ipOf = (value: unknown, method: string): number[] => payloadOf<Address>(value, IP, method).bytes;
const cidrOf = (value: unknown, method: string): Cidr => payloadOf<Cidr>(value, CIDR, method);

function mustIP(text: string): number[] {
  const bytes = parseIP(text);
  if (!bytes) throw new Error(`IP Address '${text}' parse error during conversion from string`);
  return bytes;
}
function mustCIDR(text: string): Cidr {
  const cidr = parseCIDR(text);
  if (!cidr) throw new Error(`network address parse error during conversion from string: ${text}`);
  return cidr;
}

const isLinkLocalUnicast = (b: number[]): boolean =>
  b.length === 4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80;
const isLinkLocalMulticast = (b: number[]): boolean =>
  b.length === 4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && ((b[1] ?? 0) & 0x0f) === 0x02;
const isLoopback = (b: number[]): boolean => (b.length === 4 ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1);
const isUnspecified = (b: number[]): boolean => b.every((x) => x === 0);
const isMulticast = (b: number[]): boolean => (b.length === 4 ? ((b[0] ?? 0) & 0xf0) === 0xe0 : b[0] === 0xff);
/** Go's netip.Addr.IsGlobalUnicast. */
const isGlobalUnicast = (b: number[]): boolean =>
  !isUnspecified(b) &&
  !isLoopback(b) &&
  !isMulticast(b) &&
  !isLinkLocalUnicast(b) &&
  !(b.length === 4 && b.every((x) => x === 255));

export const ipFunctions: CelFunc[] = [
  celFunc('ip', [CelScalar.STRING], CelScalar.DYN, (text) => ipValue(mustIP(text), text)),
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (text) => parseIP(text) !== undefined),
  celFunc('ip.isCanonical', [CelScalar.STRING], CelScalar.BOOL, (text) => formatIP(mustIP(text)) === text),
  celFunc('string', [OPAQUE], CelScalar.STRING, (value) => {
    const canonical = isOpaque(value, IP) || isOpaque(value, CIDR) ? value.get(isOpaque(value, IP) ? IP : CIDR) : undefined;
    if (typeof canonical !== 'string') throw new Error("found no matching overload for 'string'");
    return canonical;
  }),
  celMethod('isCanonical', OPAQUE, [], CelScalar.BOOL, function () {
    const { bytes, text } = payloadOf<Address>(this, IP, 'isCanonical');
    return formatIP(bytes) === text;
  }),
  celMethod('family', OPAQUE, [], CelScalar.INT, function () {
    return ipOf(this, 'family').length === 4 ? 4n : 6n;
  }),
  celMethod('isUnspecified', OPAQUE, [], CelScalar.BOOL, function () {
    return isUnspecified(ipOf(this, 'isUnspecified'));
  }),
  celMethod('isLoopback', OPAQUE, [], CelScalar.BOOL, function () {
    return isLoopback(ipOf(this, 'isLoopback'));
  }),
  celMethod('isLinkLocalMulticast', OPAQUE, [], CelScalar.BOOL, function () {
    return isLinkLocalMulticast(ipOf(this, 'isLinkLocalMulticast'));
  }),
  celMethod('isLinkLocalUnicast', OPAQUE, [], CelScalar.BOOL, function () {
    return isLinkLocalUnicast(ipOf(this, 'isLinkLocalUnicast'));
  }),
  celMethod('isGlobalUnicast', OPAQUE, [], CelScalar.BOOL, function () {
    return isGlobalUnicast(ipOf(this, 'isGlobalUnicast'));
  }),
  celFunc('cidr', [CelScalar.STRING], CelScalar.DYN, (text) => cidrValue(mustCIDR(text))),
  celFunc('isCIDR', [CelScalar.STRING], CelScalar.BOOL, (text) => parseCIDR(text) !== undefined),
  celMethod('containsIP', OPAQUE, [CelScalar.DYN], CelScalar.BOOL, function (other) {
    const address = typeof other === 'string' ? mustIP(other) : ipOf(other, 'containsIP');
    return contains(cidrOf(this, 'containsIP'), address);
  }),
  celMethod('containsCIDR', OPAQUE, [CelScalar.DYN], CelScalar.BOOL, function (other) {
    const inner = typeof other === 'string' ? mustCIDR(other) : cidrOf(other, 'containsCIDR');
    const outer = cidrOf(this, 'containsCIDR');
    return inner.prefix >= outer.prefix && contains(outer, inner.address);
  }),
  celMethod('ip', OPAQUE, [], CelScalar.DYN, function () {
    return ipValue(cidrOf(this, 'ip').address);
  }),
  celMethod('masked', OPAQUE, [], CelScalar.DYN, function () {
    return cidrValue(masked(cidrOf(this, 'masked')));
  }),
  celMethod('prefixLength', OPAQUE, [], CelScalar.INT, function () {
    return BigInt(cidrOf(this, 'prefixLength').prefix);
  }),
];
