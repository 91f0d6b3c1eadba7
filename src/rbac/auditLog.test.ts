import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAuditLog } from './auditLog.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/audit/${name}`, import.meta.url), 'utf8');

const event = (fields: Record<string, unknown>): string =>
  JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    stage: 'ResponseComplete',
    verb: 'get',
    user: { username: 'alice', groups: ['devs', 'system:authenticated'] },
    requestURI: '/api/v1/namespaces/shop/pods/web',
    objectRef: { resource: 'pods', namespace: 'shop', name: 'web', apiVersion: 'v1' },
    responseStatus: { code: 200 },
    ...fields,
  });

describe('parseAuditLog', () => {
  it('reads the JSON lines of the shop log: ResponseComplete events only, 401s and other stages skipped, bad lines reported', () => {
    const log = parseAuditLog(fixture('shop-audit.jsonl'));
    expect(log.requests.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15]);
    expect(log.skipped).toBe(2);
    expect(log.problems.map((p) => p.line)).toEqual([11, 17]);
    expect(log.problems[0]!.message).toMatch(/^not valid JSON \(/);
    expect(log.requests[0]).toEqual({
      line: 2,
      user: {
        name: 'system:serviceaccount:shop:default',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'],
      },
      request: { verb: 'get', apiGroup: '', resource: 'configmaps', name: 'cart-config', namespace: 'shop' },
      code: 200,
    });
  });

  it('turns an event without objectRef into a non-resource request on the path, query dropped', () => {
    const log = parseAuditLog(event({ objectRef: undefined, requestURI: '/metrics?format=prom' }));
    expect(log.requests[0]!.request).toEqual({ verb: 'get', path: '/metrics' });
  });

  it('drops the name of a create on a collection (it is in the body at authorization time) but keeps a subresource create’s', () => {
    const create = event({
      verb: 'create',
      objectRef: { resource: 'events', namespace: 'shop', name: 'web.17a' },
    });
    const exec = event({
      verb: 'create',
      objectRef: { resource: 'pods', namespace: 'shop', name: 'web', subresource: 'exec' },
    });
    const log = parseAuditLog(`${create}\n${exec}\n`);
    expect(log.requests.map((r) => r.request)).toEqual([
      { verb: 'create', apiGroup: '', resource: 'events', namespace: 'shop' },
      { verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec', name: 'web', namespace: 'shop' },
    ]);
  });

  it('judges an impersonated request as the impersonated user', () => {
    const log = parseAuditLog(
      event({ impersonatedUser: { username: 'system:serviceaccount:shop:web', groups: [] } }),
    );
    expect(log.requests[0]!.user).toEqual({ name: 'system:serviceaccount:shop:web', groups: [] });
  });

  it('counts refused (403) requests: they are what the identity needs', () => {
    const log = parseAuditLog(event({ responseStatus: { code: 403 } }));
    expect(log.requests).toHaveLength(1);
    expect(log.requests[0]!.code).toBe(403);
  });

  it('reads a JSON array and an EventList, reporting bad entries by index', () => {
    const array = parseAuditLog(fixture('alice-audit.json'));
    expect(array.requests.map((r) => r.request)).toEqual([
      { verb: 'get', apiGroup: 'apps', resource: 'deployments', name: 'frontend', namespace: 'shop' },
      {
        verb: 'create',
        apiGroup: '',
        resource: 'pods',
        subresource: 'exec',
        name: 'frontend-5c6b7-qz9vd',
        namespace: 'shop',
      },
    ]);
    expect(array.problems).toEqual([]);
    const list = parseAuditLog(
      JSON.stringify({
        kind: 'EventList',
        apiVersion: 'audit.k8s.io/v1',
        items: [JSON.parse(event({})), { kind: 'Pod' }],
      }),
    );
    expect(list.requests).toHaveLength(1);
    expect(list.problems).toEqual([{ line: 1, message: 'entry 1: kind is "Pod", not Event' }]);
  });

  it.each([
    [event({ stage: undefined }), 'event has no stage'],
    [event({ verb: '' }), 'event has no verb'],
    [event({ user: {} }), 'event has no user.username'],
    [event({ objectRef: { namespace: 'shop' } }), 'objectRef has no resource'],
    [
      event({ objectRef: undefined, requestURI: undefined }),
      'event has neither objectRef nor a requestURI path',
    ],
    [event({ apiVersion: 'v1' }), 'apiVersion is "v1", not audit.k8s.io/v1'],
    ['[1, 2 x]', undefined],
  ])('reports %s', (text, message) => {
    const log = parseAuditLog(`\n${text}\n`);
    expect(log.requests).toEqual([]);
    expect(log.problems).toHaveLength(1);
    expect(log.problems[0]!.line).toBe(2);
    if (message !== undefined) expect(log.problems[0]!.message).toBe(message);
  });
});
