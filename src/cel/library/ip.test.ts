import { describe, expect, it } from 'vitest';
import { evalCel } from '../../../test/celEval.js';

// https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-ip-address-library and
// #kubernetes-cidr-library, with the godoc examples of k8s.io/apiserver/pkg/cel/library/ip.go, cidr.go.
const cases: [string, unknown][] = [
  ["isIP('127.0.0.1')", true],
  ["isIP('::1')", true],
  ["isIP('127.0.0.256')", false],
  ["isIP(':::1')", false],
  ["isIP('127.0.0.01')", false],
  ["isIP('::ffff:1.2.3.4')", false],
  ["isIP('fe80::1%eth0')", false],
  ["ip('2001:db8::abcd').isCanonical()", true],
  ["ip('2001:DB8::ABCD').isCanonical()", false],
  ["ip.isCanonical('2001:db8:0:0:0:0:2:1')", false],
  ["ip.isCanonical('2001:db8::2:1')", true],
  ["ip('127.0.0.1').family() == 4", true],
  ["ip('::1').family()", 6],
  ["ip('::1').isLoopback()", true],
  ["ip('127.0.0.1').isLoopback()", true],
  ["ip('192.168.0.1').isLoopback()", false],
  ["ip('0.0.0.0').isUnspecified()", true],
  ["ip('::').isUnspecified()", true],
  ["ip('224.0.0.1').isLinkLocalMulticast()", true],
  ["ip('ff02::1').isLinkLocalMulticast()", true],
  ["ip('169.254.169.254').isLinkLocalUnicast()", true],
  ["ip('fe80::1').isLinkLocalUnicast()", true],
  ["ip('192.168.0.1').isGlobalUnicast()", true],
  ["ip('255.255.255.255').isGlobalUnicast()", false],
  ["ip('::1') == ip('0:0::1')", true],
  ["string(ip('2001:DB8::ABCD'))", '2001:db8::abcd'],
  ["cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))", true],
  ["cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))", false],
  ["cidr('192.168.0.0/24').containsIP('192.168.0.1')", true],
  ["cidr('192.168.0.0/24').containsIP('192.168.1.1')", false],
  ["cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24'))", true],
  ["cidr('192.168.1.0/24').containsCIDR(cidr('192.168.2.0/24'))", false],
  ["cidr('192.168.0.0/16').containsCIDR('192.168.10.0/24')", true],
  ["cidr('192.168.1.0/24').containsCIDR('192.168.2.0/24')", false],
  ["cidr('192.168.0.1/24').ip() == ip('192.168.0.1')", true],
  ["cidr('192.168.0.1/24').ip().family()", 4],
  ["cidr('::1/128').ip() == ip('::1')", true],
  ["cidr('::1/128').ip().family()", 6],
  ["cidr('192.168.0.0/24').masked() == cidr('192.168.0.0/24')", true],
  ["cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24')", true],
  ["cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked()", true],
  ["cidr('192.168.0.1/24') == cidr('192.168.0.1/24').masked()", false],
  ["cidr('192.168.0.0/16').prefixLength()", 16],
  ["cidr('::1/128').prefixLength()", 128],
  ["isCIDR('192.168.0.0/16')", true],
  ["isCIDR('::1/128')", true],
  ["isCIDR('192.168.0.0/33')", false],
  ["isCIDR('::1/129')", false],
  ["cidr('192.168.0.0/33')", { error: 'network address parse error during conversion from string: 192.168.0.0/33' }],
  ["ip('1.2.3')", { error: "IP Address '1.2.3' parse error during conversion from string" }],
];

describe('Kubernetes IP and CIDR libraries', () => {
  it.each(cases)('%s is %j', (expression, expected) => {
    expect(evalCel(expression)).toEqual(expected);
  });
});
