/**
 * IPv6 CIDR containment for `ipBlock`, through Node's own address matcher
 * (`net.BlockList`). The notation accepted is what the API server's validation accepts
 * (Go's `net.ParseCIDR`): an IPv6 address, `/`, a prefix length 0–128. Host bits may be
 * set (`fd00:ec2::1/32` is the block fd00:ec2::/32). Anything else — IPv4, zones,
 * garbage — contains nothing here.
 */
import { BlockList, isIPv6 } from 'node:net';

const PREFIX = /^(?:0|[1-9]\d{0,2})$/;

/** True when `cidr` is an IPv6 CIDR that contains the IPv6 `address`. */
export function ipv6CidrContainsAddress(cidr: string, address: string): boolean {
  const slash = cidr.indexOf('/');
  if (slash === -1) return false;
  const network = cidr.slice(0, slash);
  const prefixText = cidr.slice(slash + 1);
  if (!isIPv6(network) || network.includes('%') || !PREFIX.test(prefixText) || !isIPv6(address)) return false;
  const prefix = Number(prefixText);
  if (prefix > 128) return false;
  const block = new BlockList();
  block.addSubnet(network, prefix, 'ipv6');
  return block.check(address, 'ipv6');
}

const GROUP = /^[0-9a-fA-F]{1,4}$/;

/**
 * An IPv6 address as a 128-bit integer, or undefined when `text` is not one. Accepts what
 * Go's `net.ParseIP` accepts for IPv6: eight groups of 1–4 hex digits, one `::` standing
 * for one or more zero groups, and an embedded dotted-quad IPv4 tail (`::ffff:10.0.0.1`).
 * Zones (`%eth0`) are not addresses here.
 */
export function parseIPv6(text: string): bigint | undefined {
  if (!isIPv6(text) || text.includes('%')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const octets = piece.split('.').map(Number);
        if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255))
          return undefined;
        out.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      } else if (GROUP.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** `addr/prefix` as the block's first address and prefix length (host bits cleared), or undefined. */
export function parseIPv6Cidr(text: string): { readonly base: bigint; readonly prefix: number } | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const address = parseIPv6(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !PREFIX.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 128) return undefined;
  const size = 1n << BigInt(128 - prefix);
  return { base: address - (address % size), prefix };
}

/** RFC 5952 text of a 128-bit address: lower case, no leading zeros, the longest run of two or more zero groups as `::`. */
export function formatIPv6(value: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
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
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
