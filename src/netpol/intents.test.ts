import { describe, expect, it } from 'vitest';
import { endpointText, parseEndpoint, parseIntentFile, parsePort } from './intents.js';

describe('intent endpoints', () => {
  it.each([
    ['frontend', 'workload frontend'],
    ['shop/frontend', 'workload shop/frontend'],
    ['shop/frontend[Deployment]', 'workload shop/frontend[Deployment]'],
    ['app=web,tier=front', 'labels app=web,tier=front'],
    ['shop/app=web', 'labels shop/app=web'],
    ['10.0.0.0/8', 'cidr 10.0.0.0/8'],
    ['8.8.8.8', 'cidr 8.8.8.8/32'],
    ['2001:db8::/32', 'cidr 2001:db8::/32'],
    ['fd00::1', 'cidr fd00::1/128'],
  ])('%s is %s', (text, expected) => {
    const e = parseEndpoint(text)!;
    expect(`${e.kind} ${endpointText(e)}`).toBe(expected);
  });

  it.each(['', 'a/b/c', '/x', 'Frontend!', '=x', '300.1.1.1/8'])('"%s" is no endpoint', (text) => {
    expect(parseEndpoint(text)).toBeUndefined();
  });

  it.each([
    ['8080', { protocol: 'TCP', port: 8080 }],
    ['53/udp', { protocol: 'UDP', port: 53 }],
    ['9/SCTP', { protocol: 'SCTP', port: 9 }],
    ['0', undefined],
    ['65536', undefined],
    ['80/ICMP', undefined],
    ['http', undefined],
  ])('port %s', (text, expected) => {
    expect(parsePort(text)).toEqual(expected);
  });
});

describe('intent files', () => {
  it('reads allow lines and allow lists, with comments, naming file:line of each rule and error', () => {
    const parsed = parseIntentFile(
      [
        '# shop',
        'allow: frontend -> cart:8080/TCP   # the cart',
        'allow:',
        '  - cart -> redis:6379',
        '',
        'allow: cart -> redis',
        'deny: a -> b:1',
      ].join('\n'),
      'intents.txt',
    );
    expect(
      parsed.rules.map(
        (r) => `${r.origin} ${endpointText(r.src)} -> ${endpointText(r.dst)}:${r.port}/${r.protocol}`,
      ),
    ).toEqual(['intents.txt:2 frontend -> cart:8080/TCP', 'intents.txt:4 cart -> redis:6379/TCP']);
    expect(parsed.errors).toEqual([
      'intents.txt:6: "redis" needs a port: DST:PORT[/PROTOCOL]',
      'intents.txt:7: expected "allow: SRC -> DST:PORT[/PROTOCOL]", not "deny: a -> b:1"',
    ]);
  });
});
