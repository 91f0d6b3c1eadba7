import { describe, expect, it } from 'vitest';
import { ipv6CidrContainsAddress } from './ipv6Cidr.js';

describe('ipv6CidrContainsAddress', () => {
  it.each([
    ['::/0', 'fd00:ec2::254', true],
    ['fd00::/8', 'fd00:ec2::254', true],
    ['fd00:ec2::254/128', 'fd00:ec2::254', true],
    ['fd00:ec2::1/32', 'fd00:ec2::254', true], // host bits set: the block fd00:ec2::/32
    ['FD00:0EC2:0000::/48', 'fd00:ec2::254', true], // upper case and leading zeros in groups
    ['fd00:ec2::255/128', 'fd00:ec2::254', false],
    ['fc00::/8', 'fd00:ec2::254', false],
    ['2001:db8::/32', 'fd00:ec2::254', false],
  ])('%s contains %s: %s', (cidr, address, expected) => {
    expect(ipv6CidrContainsAddress(cidr, address)).toBe(expected);
  });

  it.each([
    '0.0.0.0/0',
    '169.254.0.0/16',
    '::',
    '::/129',
    '::/01',
    '::/-1',
    'fd00::%eth0/8',
    'garbage/8',
    '',
  ])('reads %j as no IPv6 block', (cidr) => {
    expect(ipv6CidrContainsAddress(cidr, 'fd00:ec2::254')).toBe(false);
  });
});
