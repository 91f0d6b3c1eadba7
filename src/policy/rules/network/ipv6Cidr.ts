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
