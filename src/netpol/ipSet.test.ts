import { describe, expect, it } from 'vitest';
import { disjointRanges, formatRange, IpSet } from './ipSet.js';

const cidr = (text: string) => IpSet.fromCidr(text)!;

describe('IpSet', () => {
  it('is cidr minus except, printed as disjoint ranges', () => {
    const block = cidr('0.0.0.0/0').subtract(cidr('10.0.0.0/8')).subtract(cidr('172.21.0.0/16'));
    expect(block.toString()).toBe('0.0.0.0-9.255.255.255,11.0.0.0-172.20.255.255,172.22.0.0-255.255.255.255');
  });

  it('keeps IPv4 and IPv6 apart', () => {
    const v6 = cidr('fd00:ec2::/32');
    expect(v6.toString()).toBe('fd00:ec2::-fd00:ec2:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(cidr('0.0.0.0/0').overlaps(v6)).toBe(false);
    expect(IpSet.all.contains(v6)).toBe(true);
    expect(v6.contains(IpSet.fromAddress('fd00:ec2::254')!)).toBe(true);
    expect(cidr('::/0').subtract(cidr('::/1')).toString()).toBe(
      '8000::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    );
  });

  it('clears host bits and rejects what net.ParseCIDR rejects', () => {
    expect(cidr('10.1.2.3/8').toString()).toBe('10.0.0.0-10.255.255.255');
    for (const bad of ['A', '10.0.0.0', '10.0.0.0/33', '::/129', ''])
      expect(IpSet.fromCidr(bad)).toBeUndefined();
  });

  it('splits address space into the pieces between every block boundary', () => {
    const except = cidr('0.0.0.0/0').subtract(cidr('10.0.0.0/8'));
    expect(disjointRanges(['v4'], [except]).map(formatRange)).toEqual([
      '0.0.0.0-9.255.255.255',
      '10.0.0.0-10.255.255.255',
      '11.0.0.0-255.255.255.255',
    ]);
    expect(disjointRanges(['v4', 'v6'], []).map(formatRange)).toEqual([
      '0.0.0.0-255.255.255.255',
      '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
  });
});
