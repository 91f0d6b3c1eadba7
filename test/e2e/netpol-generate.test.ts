/**
 * `kubeward netpol generate` round trips: intents (an intent file, a flow file, Hubble
 * flows, or inference from configuration) → policies → YAML → loaded again with the
 * manifests → the connectivity list of the generated namespaces is exactly the intent,
 * plus DNS to the cluster DNS pods. Apps: examples/insecure-shop and the Online Boutique
 * bundle of ../shared/corpus. And the failures a user must see: a flow with a hostNetwork
 * peer, an unknown peer, and a workload the generated selectors cannot tell apart.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNetpolGenerate, runNetpolMatrix } from '../../src/cli/commands/netpol.js';
import type { CliIo } from '../../src/cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-netpol-generate-'));
writeFileSync(join(dir, '.kubeward.yaml'), '{}\n');
const SHOP = resolve('examples/insecure-shop');
const BOUTIQUE = resolve('../shared/corpus/microservices-demo-kubernetes-manifests.yaml');

function io(): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: () => out.join(''),
    err: () => err.join(''),
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: () => Promise.resolve(''),
    cwd: dir,
    color: false,
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
}

/** A cluster DNS Deployment, so that the recomputed matrix shows DNS too. */
const COREDNS = join(dir, 'coredns.yaml');
writeFileSync(
  COREDNS,
  `apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      containers:
        - name: coredns
          image: coredns
          ports: [{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53}]
`,
);

let files = 0;
function file(text: string, ext = 'txt'): string {
  const path = join(dir, `input-${files++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

/** Generates, checks exit code 0 and no verification error, and returns the matrix of the manifests plus the policies. */
async function roundTrip(paths: string[], flags: { intent?: string; flows?: string }): Promise<string[]> {
  const output = join(dir, `policies-${files++}.yaml`);
  const g = io();
  const code = await runNetpolGenerate(paths, { ...flags, output }, g);
  expect(g.err()).not.toContain('error:');
  expect(code).toBe(0);
  const m = io();
  await runNetpolMatrix([...paths, output], { format: 'txt' }, m);
  return m.out().trimEnd().split('\n');
}

const dns = (ns: string, name: string) => `${ns}/${name} => kube-system/coredns[Deployment] : TCP 53,UDP 53`;

describe('generate from an intent file', () => {
  it('insecure-shop: exactly the intended connections and DNS', async () => {
    const intent = file(`# the shop, by name, labels and CIDR
allow: 0.0.0.0/0 -> frontend:8080/TCP
allow: frontend -> cart:8080/TCP
allow: shop/frontend -> payments:8443
allow:
  - app=cart -> shop/redis:6379/TCP
`);
    const lines = await roundTrip([SHOP, COREDNS], { intent });
    const shop = lines.filter((l) => l.includes('shop/') && !l.includes('log-agent'));
    expect(shop).toEqual([
      '0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : TCP 8080',
      'shop/cart[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53',
      'shop/cart[Deployment] => shop/redis[StatefulSet] : TCP 6379',
      dns('shop', 'db-backup[CronJob]'),
      dns('shop', 'frontend[Deployment]'),
      'shop/frontend[Deployment] => shop/cart[Deployment] : TCP 8080',
      'shop/frontend[Deployment] => shop/payments[Deployment] : TCP 8443',
      dns('shop', 'payments[Deployment]'),
      dns('shop', 'redis[StatefulSet]'),
    ]);
  });

  it('reports lines it cannot read, unknown and hostNetwork peers, and goes on', async () => {
    const intent = file(`allow: frontend -> cart:8080/TCP
allow: cart -> nope:80
allow: frontend -> log-agent:9000
allow: frontend -> cart:99999
garbage line
`);
    const o = io();
    expect(await runNetpolGenerate([SHOP], { intent }, o)).toBe(0);
    expect(o.err().split('\n')).toEqual([
      `error: ${intent}:4: "99999" is not a port (1-65535, optionally /TCP, /UDP or /SCTP)`,
      `error: ${intent}:5: expected "allow: SRC -> DST:PORT[/PROTOCOL]", not "garbage line"`,
      `warning: ${intent}:2: cart -> nope:80/TCP left out: no workload nope in the input`,
      `warning: ${intent}:3: frontend -> log-agent:9000/TCP left out: shop/log-agent[DaemonSet] runs with hostNetwork; most network plugins treat its traffic as node traffic, which no pod rule selects`,
      'warning: shop/db-backup[CronJob] has no pod labels: its policy selects every pod of shop',
      'warning: shop/log-agent[DaemonSet] runs with hostNetwork: no policy generated for it and its connections are not verified (most network plugins treat its traffic as node traffic)',
      '',
    ]);
    expect(o.out()).toContain('# 1 intended connection(s), 6 policies; verified:');
  });

  it('is an error naming each connection the policies allow beyond the intent', async () => {
    // db-backup's pods carry no label: its policy selects every pod of the namespace.
    const intent = file('allow: db-backup -> redis:6379/TCP\n');
    const o = io();
    expect(await runNetpolGenerate([SHOP], { intent }, o)).toBe(1);
    expect(
      o
        .err()
        .split('\n')
        .filter((l) => l.startsWith('error:')),
    ).toEqual([
      'error: verification: allowed but not intended: shop/cart[Deployment] => shop/redis[StatefulSet] : TCP 6379',
      'error: verification: allowed but not intended: shop/frontend[Deployment] => shop/redis[StatefulSet] : TCP 6379',
      'error: verification: allowed but not intended: shop/payments[Deployment] => shop/redis[StatefulSet] : TCP 6379',
    ]);
    expect(o.out()).toContain('NOT VERIFIED: 3 difference(s) from the intent');
  });

  it('is an error when a policy of the input allows more than the intent', async () => {
    const allowAll = file(
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all, namespace: shop}
spec:
  podSelector: {matchLabels: {app: cart}}
  ingress: [{}]
`,
      'yaml',
    );
    const o = io();
    expect(
      await runNetpolGenerate([SHOP, allowAll], { intent: file('allow: frontend -> cart:8080\n') }, o),
    ).toBe(1);
    expect(o.err()).toContain(
      'error: verification: allowed but not intended: 0.0.0.0-255.255.255.255[External] => shop/cart[Deployment] : All Connections\n',
    );
  });
});

describe('generate from flows', () => {
  it('JSON lines and CSV give the same policies', async () => {
    const jsonl = file(
      [
        '{"src": "shop/frontend", "dst": "shop/cart", "port": 8080, "protocol": "TCP"}',
        '{"src": "shop/cart", "dst": "shop/redis", "port": 6379}',
      ].join('\n'),
      'jsonl',
    );
    const csv = file(
      'src,dst,port,protocol\nshop/frontend,shop/cart,8080,TCP\nshop/cart,shop/redis,6379,\n',
      'csv',
    );
    const a = await roundTrip([SHOP, COREDNS], { flows: jsonl });
    const b = await roundTrip([SHOP, COREDNS], { flows: csv });
    expect(a).toEqual(b);
    expect(a.filter((l) => l.startsWith('shop/cart') || l.includes('=> shop/cart'))).toEqual([
      dns('shop', 'cart[Deployment]'),
      'shop/cart[Deployment] => shop/redis[StatefulSet] : TCP 6379',
      'shop/frontend[Deployment] => shop/cart[Deployment] : TCP 8080',
    ]);
  });

  it('Hubble flows: owners, pod names and labels; replies, drops, nodes, hostNetwork and unknown peers reported', async () => {
    const flow = (f: Record<string, unknown>) => JSON.stringify({ flow: { verdict: 'FORWARDED', ...f } });
    const hubble = file(
      [
        flow({
          traffic_direction: 'EGRESS',
          l4: { TCP: { source_port: 40000, destination_port: 8080 } },
          source: {
            namespace: 'shop',
            pod_name: 'frontend-7d9c8-abcde',
            workloads: [{ name: 'frontend', kind: 'Deployment' }],
          },
          destination: {
            namespace: 'shop',
            pod_name: 'cart-55f6d-xyz12',
            labels: ['k8s:app=cart', 'k8s:io.kubernetes.pod.namespace=shop'],
          },
        }),
        flow({
          traffic_direction: 'INGRESS',
          l4: { TCP: { destination_port: 8080 } },
          source: { namespace: 'shop', pod_name: 'frontend-7d9c8-abcde' },
          destination: { namespace: 'shop', labels: ['k8s:app=cart', 'k8s:tier=backend'] },
        }),
        flow({
          is_reply: true,
          l4: { TCP: { destination_port: 40000 } },
          source: { namespace: 'shop', pod_name: 'cart-55f6d-xyz12' },
          destination: { namespace: 'shop', pod_name: 'frontend-7d9c8-abcde' },
        }),
        flow({
          verdict: 'DROPPED',
          l4: { TCP: { destination_port: 22 } },
          source: { namespace: 'shop', pod_name: 'frontend-7d9c8-abcde' },
          destination: { namespace: 'shop', pod_name: 'redis-0' },
        }),
        flow({
          l4: { TCP: { destination_port: 6379 } },
          source: { namespace: 'shop', pod_name: 'cart-55f6d-xyz12' },
          destination: { namespace: 'shop', pod_name: 'redis-0' },
        }),
        flow({
          IP: { source: '10.0.0.5', destination: '10.1.2.3' },
          l4: { TCP: { destination_port: 10250 } },
          source: { labels: ['reserved:host'] },
          destination: { namespace: 'shop', pod_name: 'cart-55f6d-xyz12' },
        }),
        flow({
          l4: { TCP: { destination_port: 24224 } },
          source: { namespace: 'shop', pod_name: 'frontend-7d9c8-abcde' },
          destination: { namespace: 'shop', pod_name: 'log-agent-x7k2p' },
        }),
        flow({
          l4: { TCP: { destination_port: 8080 } },
          source: { namespace: 'shop', pod_name: 'checkout-6f7-abc' },
          destination: { namespace: 'shop', pod_name: 'cart-55f6d-xyz12' },
        }),
        flow({
          l4: { ICMPv4: { type: 8 } },
          source: { namespace: 'shop' },
          destination: { namespace: 'shop' },
        }),
      ].join('\n'),
      'json',
    );
    const o = io();
    expect(await runNetpolGenerate([SHOP], { flows: hubble }, o)).toBe(0);
    expect(
      o
        .err()
        .split('\n')
        .filter((l) => !l.includes('db-backup') && !l.includes('runs with hostNetwork: no policy')),
    ).toEqual([
      `error: ${hubble}:9: not a TCP, UDP or SCTP flow with a destination port (NetworkPolicy covers layer 4 only)`,
      'note: 2 flow records skipped (replies, or verdicts other than FORWARDED/AUDIT)',
      `warning: ${hubble}:6: node (reserved:host 10.0.0.5) -> shop/cart-55f6d-xyz12 (pod):10250/TCP left out: node (reserved:host 10.0.0.5) is node traffic: NetworkPolicy cannot select nodes (traffic from a pod's own node is always allowed; use an ipBlock for others)`,
      `warning: ${hubble}:7: shop/frontend-7d9c8-abcde (pod) -> shop/log-agent-x7k2p (pod):24224/TCP left out: shop/log-agent[DaemonSet] runs with hostNetwork; most network plugins treat its traffic as node traffic, which no pod rule selects`,
      `warning: ${hubble}:8: shop/checkout-6f7-abc (pod) -> shop/cart-55f6d-xyz12 (pod):8080/TCP left out: no workload shop/checkout-6f7-abc (pod) in the input`,
      '',
    ]);
    expect(o.out()).toContain('# 3 intended connection(s), 6 policies; verified:');
    const m = io();
    const policies = file(o.out(), 'yaml');
    await runNetpolMatrix([SHOP, COREDNS, policies], { format: 'txt' }, m);
    expect(
      m
        .out()
        .split('\n')
        .filter((l) => /^shop\/\w+\[\w+\] => shop/.test(l) && !l.includes('log-agent')),
    ).toEqual([
      'shop/cart[Deployment] => shop/redis[StatefulSet] : TCP 6379',
      'shop/frontend[Deployment] => shop/cart[Deployment] : TCP 8080',
    ]);
  });
});

describe('generate inferred from configuration', () => {
  it('insecure-shop: the Services named in env values, labelled inferred', async () => {
    const o = io();
    expect(await runNetpolGenerate([SHOP], {}, o)).toBe(0);
    const yaml = o.out();
    expect(yaml.split('\n')[0]).toBe(
      "# Generated by kubeward netpol generate from INFERRED connections: the Services named in the workloads' configuration, and LoadBalancer/NodePort Services as entry points; review them.",
    );
    expect(yaml).toContain(
      '    # shop/frontend[Deployment] -> shop/cart[Deployment] 8080/TCP (inferred from shop/frontend[Deployment] container web env CART_URL=http://cart.shop.svc:8080)\n',
    );
    const lines = await roundTrip([SHOP, COREDNS], {});
    expect(
      lines.filter((l) => l.includes('shop/') && !l.includes('coredns') && !l.includes('log-agent')),
    ).toEqual([
      '0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : TCP 8080', // frontend's Service is a LoadBalancer
      'shop/cart[Deployment] => shop/redis[StatefulSet] : TCP 6379',
      'shop/frontend[Deployment] => shop/cart[Deployment] : TCP 8080',
      'shop/frontend[Deployment] => shop/payments[Deployment] : TCP 8443',
    ]);
  });

  it('Online Boutique: every service edge of the app, the LoadBalancer entry point, and DNS for all', async () => {
    const lines = await roundTrip([BOUTIQUE, COREDNS], {});
    const app = lines.filter((l) => !l.includes('coredns'));
    expect(app).toEqual([
      '0.0.0.0-255.255.255.255[External] => default/frontend[Deployment] : TCP 8080',
      'default/cartservice[Deployment] => default/redis-cart[Deployment] : TCP 6379',
      'default/checkoutservice[Deployment] => default/cartservice[Deployment] : TCP 7070',
      'default/checkoutservice[Deployment] => default/currencyservice[Deployment] : TCP 7000',
      'default/checkoutservice[Deployment] => default/emailservice[Deployment] : TCP 8080',
      'default/checkoutservice[Deployment] => default/paymentservice[Deployment] : TCP 50051',
      'default/checkoutservice[Deployment] => default/productcatalogservice[Deployment] : TCP 3550',
      'default/checkoutservice[Deployment] => default/shippingservice[Deployment] : TCP 50051',
      'default/frontend[Deployment] => default/adservice[Deployment] : TCP 9555',
      'default/frontend[Deployment] => default/cartservice[Deployment] : TCP 7070',
      'default/frontend[Deployment] => default/checkoutservice[Deployment] : TCP 5050',
      'default/frontend[Deployment] => default/currencyservice[Deployment] : TCP 7000',
      'default/frontend[Deployment] => default/productcatalogservice[Deployment] : TCP 3550',
      'default/frontend[Deployment] => default/recommendationservice[Deployment] : TCP 8080',
      'default/frontend[Deployment] => default/shippingservice[Deployment] : TCP 50051',
      'default/loadgenerator[Deployment] => default/frontend[Deployment] : TCP 8080',
      'default/recommendationservice[Deployment] => default/productcatalogservice[Deployment] : TCP 3550',
    ]);
    // DNS still reachable from every one of the 12 workloads.
    expect(lines.filter((l) => l.endsWith('=> kube-system/coredns[Deployment] : TCP 53,UDP 53')).length).toBe(
      12,
    );
  });
});
