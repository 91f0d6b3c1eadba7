import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateWebhookCertificates } from './certificates.js';

describe('generateWebhookCertificates', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  const pki = generateWebhookCertificates({
    dnsNames: ['kubeward.kubeward.svc', 'kubeward.kubeward.svc.cluster.local'],
    now,
  });
  const ca = new X509Certificate(pki.caCert);
  const cert = new X509Certificate(pki.cert);

  it('issues a CA and a serving certificate it signed, for the service DNS names', () => {
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:kubeward.kubeward.svc, DNS:kubeward.kubeward.svc.cluster.local');
    expect(cert.checkHost('kubeward.kubeward.svc')).toBe('kubeward.kubeward.svc');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(cert.checkPrivateKey(createPrivateKey(pki.key))).toBe(true);
    expect(cert.validFrom).toBe('Dec  3 11:59:00 2026 GMT');
    expect(cert.validTo).toBe('Dec  2 12:00:00 2028 GMT');
    expect(ca.validTo).toBe('Nov 30 12:00:00 2036 GMT');
  });

  it('openssl verifies the chain for TLS server use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-pki-'));
    writeFileSync(join(dir, 'ca.pem'), pki.caCert);
    writeFileSync(join(dir, 'cert.pem'), pki.cert);
    const out = execFileSync('openssl', [
      'verify',
      '-purpose',
      'sslserver',
      '-attime',
      String(now.getTime() / 1000),
      '-CAfile',
      join(dir, 'ca.pem'),
      join(dir, 'cert.pem'),
    ]).toString();
    expect(out.trim()).toBe(`${join(dir, 'cert.pem')}: OK`);
  });
});
