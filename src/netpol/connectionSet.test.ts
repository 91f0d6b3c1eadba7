import { describe, expect, it } from 'vitest';
import { ConnectionSet } from './connectionSet.js';

describe('ConnectionSet', () => {
  it('prints as netpol-analyzer does', () => {
    expect(ConnectionSet.all.toString()).toBe('All Connections');
    expect(ConnectionSet.none.toString()).toBe('No Connections');
    const dns = ConnectionSet.range('UDP', 53);
    expect(ConnectionSet.allOf('TCP').subtract(ConnectionSet.range('TCP', 53)).union(dns).toString()).toBe(
      'TCP 1-52,54-65535,UDP 53',
    );
    expect(ConnectionSet.range('TCP', 10053).union(ConnectionSet.range('UDP', 10053)).toString()).toBe(
      'TCP 10053,UDP 10053',
    );
    expect(
      ConnectionSet.range('UDP', 53)
        .union(ConnectionSet.range('SCTP', 80, 81))
        .toString(),
    ).toBe('SCTP 80-81,UDP 53');
  });

  it('is All Connections when every protocol has every port (endPort 1-65535 on TCP, UDP, SCTP)', () => {
    const all = ConnectionSet.range('TCP', 1, 65535)
      .union(ConnectionSet.range('UDP', 1, 65535))
      .union(ConnectionSet.range('SCTP', 1, 65535));
    expect(all.isAll()).toBe(true);
    expect(all.toString()).toBe('All Connections');
    expect(ConnectionSet.allOf('TCP').toString()).toBe('TCP 1-65535');
  });

  it('intersects, subtracts and compares per protocol', () => {
    const web = ConnectionSet.range('TCP', 80, 90);
    const tls = ConnectionSet.range('TCP', 85, 443);
    expect(web.intersect(tls).toString()).toBe('TCP 85-90');
    expect(web.subtract(tls).toString()).toBe('TCP 80-84');
    expect(web.intersect(ConnectionSet.allOf('UDP')).isEmpty()).toBe(true);
    expect(ConnectionSet.all.intersect(web).equals(web)).toBe(true);
    expect(web.contains(ConnectionSet.range('TCP', 81))).toBe(true);
    expect(web.allows('TCP', 90)).toBe(true);
    expect(web.allows('UDP', 90)).toBe(false);
    expect(ConnectionSet.all.subtract(ConnectionSet.allOf('SCTP')).toString()).toBe(
      'TCP 1-65535,UDP 1-65535',
    );
  });

  it('clips ranges to ports 1-65535', () => {
    expect(ConnectionSet.range('TCP', 0, 70000).toString()).toBe('TCP 1-65535');
  });
});
