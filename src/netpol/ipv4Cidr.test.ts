import { describe, expect, it } from 'vitest';
import { blockContains, cidrContainsAddress, parseIPv4, parseIPv4Cidr } from './ipv4Cidr.js';

describe('parseIPv4', () => {
  it.each([
    ['0.0.0.0', 0],
    ['169.254.169.254', 0xa9fea9fe],
    ['255.255.255.255', 0xffffffff],
  ])('%s is %i', (text, value) => {
    expect(parseIPv4(text)).toBe(value);
  });

  it.each(['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-1', ' 1.2.3.4', '::1', '', 'a.b.c.d'])(
    '%j is not an IPv4 address',
    (text) => {
      expect(parseIPv4(text)).toBeUndefined();
    },
  );
});

describe('parseIPv4Cidr', () => {
  it('clears host bits, as net.ParseCIDR does', () => {
    expect(parseIPv4Cidr('169.254.169.254/16')).toEqual({ base: 0xa9fe0000, prefix: 16 });
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08', 'fd00::/8', '10.0.0/8'])(
    '%j is not an IPv4 CIDR',
    (text) => {
      expect(parseIPv4Cidr(text)).toBeUndefined();
    },
  );

  it('/0 covers the whole address space and /32 one address', () => {
    const all = parseIPv4Cidr('0.0.0.0/0')!;
    expect(blockContains(all, 0)).toBe(true);
    expect(blockContains(all, 0xffffffff)).toBe(true);
    const one = parseIPv4Cidr('169.254.169.254/32')!;
    expect(blockContains(one, 0xa9fea9fe)).toBe(true);
    expect(blockContains(one, 0xa9fea9ff)).toBe(false);
  });
});

describe('cidrContainsAddress', () => {
  it.each([
    ['0.0.0.0/0', true],
    ['169.254.0.0/16', true],
    ['169.254.169.0/24', true],
    ['169.254.169.254/32', true],
    ['169.254.169.255/32', false],
    ['169.254.169.248/30', false],
    ['169.254.169.252/30', true],
    ['128.0.0.0/1', true],
    ['0.0.0.0/1', false],
    ['10.0.0.0/8', false],
    ['172.16.0.0/12', false],
    ['::/0', false],
    ['not-a-cidr', false],
  ])('%s contains 169.254.169.254: %s', (cidr, want) => {
    expect(cidrContainsAddress(cidr, '169.254.169.254')).toBe(want);
  });
});
