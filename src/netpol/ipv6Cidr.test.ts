import { describe, expect, it } from 'vitest';
import { formatIPv6, ipv6CidrContainsAddress, parseIPv6, parseIPv6Cidr } from './ipv6Cidr.js';

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

describe('parseIPv6 and formatIPv6', () => {
  it.each([
    ['::', 0n, '::'],
    ['::1', 1n, '::1'],
    ['fd00:ec2::254', 0xfd000ec2000000000000000000000254n, 'fd00:ec2::254'],
    ['FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF', (1n << 128n) - 1n, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['2001:db8:0:0:1:0:0:1', 0x20010db8000000000001000000000001n, '2001:db8::1:0:0:1'],
    ['2001:db8::1:0:0:1', 0x20010db8000000000001000000000001n, '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', 0x20010db8000000010001000100010001n, '2001:db8:0:1:1:1:1:1'],
    ['::ffff:10.0.0.1', 0xffff0a000001n, '::ffff:a00:1'],
  ])('%s is %s, printed %s', (text, value, printed) => {
    expect(parseIPv6(text)).toBe(value);
    expect(formatIPv6(value)).toBe(printed);
  });

  it.each(['1.2.3.4', ':::', '1::2::3', '12345::', 'fd00::%eth0', '1:2:3:4:5:6:7:8:9', ''])(
    '%j is not IPv6',
    (text) => {
      expect(parseIPv6(text)).toBeUndefined();
    },
  );

  it('parseIPv6Cidr clears host bits and rejects bad prefixes', () => {
    expect(parseIPv6Cidr('fd00:ec2::1/32')).toEqual({ base: 0xfd000ec2n << 96n, prefix: 32 });
    expect(parseIPv6Cidr('::/0')).toEqual({ base: 0n, prefix: 0 });
    expect(parseIPv6Cidr('::/129')).toBeUndefined();
    expect(parseIPv6Cidr('::/01')).toBeUndefined();
    expect(parseIPv6Cidr('10.0.0.0/8')).toBeUndefined();
  });
});
