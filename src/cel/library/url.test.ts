import { describe, expect, it } from 'vitest';
import { evalCel } from '../../../test/celEval.js';

// https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-url-library and the godoc examples of
// k8s.io/apiserver/pkg/cel/library/urls.go.
const cases: [string, unknown][] = [
  ["url('https://example.com:80/').getHost()", 'example.com:80'],
  ["url('https://example.com/path with spaces/').getEscapedPath()", '/path%20with%20spaces/'],
  ["url('https://example.com/path').getScheme()", 'https'],
  ["url('https://[::1]:80/').getHost()", '[::1]:80'],
  ["url('https://[::1]:80/').getHostname()", '::1'],
  ["url('https://example.com:80/').getHostname()", 'example.com'],
  ["url('https://example.com:80/').getPort()", '80'],
  ["url('https://example.com/').getPort()", ''],
  ["url('https://example.com').getEscapedPath()", ''],
  ["url('/absolute-path').getScheme()", ''],
  ["url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()", { k1: ['a'], k2: ['b', 'c'] }],
  ["url('https://example.com/path?key with spaces=value with spaces').getQuery()", { 'key with spaces': ['value with spaces'] }],
  ["url('https://example.com/path?').getQuery()", {}],
  ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", true],
  ["isURL('/absolute-path')", true],
  ["isURL('https://a:b:c/')", false],
  ["isURL('../relative-path')", false],
  ["url('../relative-path')", { error: 'URL parse error during conversion from string: ../relative-path' }],
  ["'https://example.com'.getHost()", { error: expect.stringContaining("found no matching overload for 'getHost'") as unknown }],
];

describe('Kubernetes URL library', () => {
  it.each(cases)('%s is %j', (expression, expected) => {
    expect(evalCel(expression)).toEqual(expected);
  });
});
