/**
 * IPv4 addresses and CIDR blocks as 32-bit integers, for `ipBlock` containment.
 * Notation follows Go's `net.ParseCIDR`, which the API server uses to validate
 * `ipBlock.cidr` and `except`: four decimal octets without leading zeros, a prefix
 * length 0–32. Host bits may be set (`10.0.0.1/8` is the block 10.0.0.0/8).
 * IPv6 blocks are not parsed here: they yield undefined and callers treat them as
 * "does not contain an IPv4 address", which is right — an IPv6 block never matches
 * IPv4 traffic.
 */

const OCTET = /^(?:0|[1-9]\d{0,2})$/;

/** The address as an unsigned 32-bit integer, or undefined when it is not dotted-quad IPv4. */
export function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export interface IPv4Block {
  /** First address of the block (host bits cleared). */
  readonly base: number;
  readonly prefix: number;
}

/** `a.b.c.d/n`, or undefined when the text is not an IPv4 CIDR. */
export function parseIPv4Cidr(text: string): IPv4Block | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const addr = parseIPv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (addr === undefined || !/^(?:0|[1-9]\d?)$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 32) return undefined;
  return { base: addr - (addr % blockSize(prefix)), prefix };
}

function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export function blockContains(block: IPv4Block, address: number): boolean {
  return address >= block.base && address < block.base + blockSize(block.prefix);
}

/** True when `cidr` parses as IPv4 and contains `address` (dotted quad). */
export function cidrContainsAddress(cidr: string, address: string): boolean {
  const block = parseIPv4Cidr(cidr);
  const ip = parseIPv4(address);
  return block !== undefined && ip !== undefined && blockContains(block, ip);
}
