/**
 * A CA and a serving certificate for the webhook, made with node:crypto alone. Node 20
 * parses X.509 (`X509Certificate`) but cannot issue it, so the few DER structures of an
 * RFC 5280 v3 certificate are written here (ECDSA P-256 with SHA-256; basicConstraints,
 * keyUsage, extKeyUsage serverAuth and subjectAltName DNS names — Go, and so the API server,
 * ignores the CN and needs the SAN). About a hundred lines instead of a dependency
 * (node-forge is 1.7 MB; @peculiar/x509 brings five packages) for two certificates; the
 * tests check the result with `X509Certificate.verify` and a real TLS handshake.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c);
const set = (...c: Buffer[]): Buffer => tlv(0x31, ...c);
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bits = (b: Buffer, unused = 0): Buffer => tlv(0x03, Buffer.from([unused]), b);
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));

function oid(text: string): Buffer {
  const arcs = text.split('.').map(Number);
  const out = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const group: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) group.unshift(0x80 | (v & 0x7f));
    out.push(...group);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const name = (cn: string): Buffer => seq(set(seq(oid('2.5.4.3'), utf8(cn))));
const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

function keyId(key: KeyObject): Buffer {
  // RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits (the SPKI's trailing BIT STRING).
  const spki = key.export({ type: 'spki', format: 'der' });
  return createHash('sha1')
    .update(spki.subarray(spki.length - 65))
    .digest();
}

interface Issue {
  readonly subject: string;
  readonly issuer: string;
  readonly publicKey: KeyObject;
  readonly signingKey: KeyObject;
  readonly issuerKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly ca: boolean;
  readonly dnsNames: readonly string[];
}

function issue(o: Issue): string {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive, and no leading zero byte
  const extensions = [
    extension('2.5.29.19', true, o.ca ? seq(bool(true)) : seq()),
    // keyUsage: CA keyCertSign + cRLSign + digitalSignature; leaf digitalSignature
    extension('2.5.29.15', true, o.ca ? bits(Buffer.from([0x86]), 1) : bits(Buffer.from([0x80]), 7)),
    extension('2.5.29.14', false, octets(keyId(o.publicKey))),
    extension('2.5.29.35', false, seq(tlv(0x80, keyId(o.issuerKey)))),
    ...(o.ca
      ? []
      : [
          extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
          extension('2.5.29.17', false, seq(...o.dnsNames.map((n) => tlv(0x82, Buffer.from(n, 'ascii'))))),
        ]),
  ];
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    ECDSA_SHA256,
    name(o.issuer),
    seq(time(o.notBefore), time(o.notAfter)),
    name(o.subject),
    o.publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(...extensions)),
  );
  const der = seq(tbs, ECDSA_SHA256, bits(sign('sha256', tbs, o.signingKey)));
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

export interface WebhookCertificates {
  /** PEM */
  readonly caCert: string;
  readonly cert: string;
  /** PKCS#8 PEM */
  readonly key: string;
}

export interface CertificateOptions {
  /** DNS names of the serving certificate; the first is its CN. */
  readonly dnsNames: readonly string[];
  readonly now?: Date;
  /** @default 3650 */
  readonly caDays?: number;
  /** @default 730 */
  readonly days?: number;
}

/** A fresh CA (its key is discarded: nothing else is ever signed with it) and a serving certificate it signed. */
export function generateWebhookCertificates(options: CertificateOptions): WebhookCertificates {
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - 60_000); // tolerate a little clock skew
  const day = 86_400_000;
  const ca = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const leaf = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const caName = 'kubeward webhook CA';
  const caCert = issue({
    subject: caName,
    issuer: caName,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    issuerKey: ca.publicKey,
    notBefore,
    notAfter: new Date(now.getTime() + (options.caDays ?? 3650) * day),
    ca: true,
    dnsNames: [],
  });
  const cert = issue({
    subject: options.dnsNames[0] ?? 'kubeward',
    issuer: caName,
    publicKey: leaf.publicKey,
    signingKey: ca.privateKey,
    issuerKey: ca.publicKey,
    notBefore,
    notAfter: new Date(now.getTime() + (options.days ?? 730) * day),
    ca: false,
    dnsNames: options.dnsNames,
  });
  return { caCert, cert, key: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
