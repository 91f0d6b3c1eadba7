import { describe, expect, it } from 'vitest';
import { credentialInValue, isInertValue, maskedLength, secretNameWord } from './credentialPatterns.js';

describe('credentialInValue: well-known credential shapes', () => {
  it.each([
    [
      'PEM RSA key',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow…',
      'a PEM private key',
      '-----BEGIN RSA PRIVATE KEY----- ****',
    ],
    [
      'PEM PKCS#8 key',
      '-----BEGIN PRIVATE KEY-----',
      'a PEM private key',
      '-----BEGIN PRIVATE KEY----- ****',
    ],
    [
      'PEM OpenSSH key',
      'x -----BEGIN OPENSSH PRIVATE KEY----- y',
      'a PEM private key',
      '-----BEGIN OPENSSH PRIVATE KEY----- ****',
    ],
    [
      'PGP private key block',
      '-----BEGIN PGP PRIVATE KEY BLOCK-----',
      'a PEM private key',
      '-----BEGIN PGP PRIVATE KEY BLOCK----- ****',
    ],
    ['AWS access key id', 'AKIAIOSFODNN7EXAMPLE', 'an AWS access key id', 'AKIA****'],
    ['AWS temporary key id', 'id=ASIAY34FZKBOKMUTVV7A;', 'an AWS access key id', 'ASIA****'],
    ['GitHub classic token', 'ghp_' + 'a'.repeat(36), 'a GitHub token', 'ghp_****'],
    ['GitHub fine-grained token', 'github_pat_' + 'A1_'.repeat(10), 'a GitHub token', 'github_pat_****'],
    ['GitLab token', 'glpat-' + 'x'.repeat(20), 'a GitLab token', 'glpat-****'],
    ['Slack bot token', 'xoxb-1234567890-abcdefghij', 'a Slack token', 'xoxb-****'],
    ['Stripe live key', 'sk_live_' + '0'.repeat(24), 'a Stripe live key', 'sk_live_****'],
    ['Google API key', 'AIza' + 'B'.repeat(35), 'a Google API key', 'AIza****'],
    [
      'JWT',
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl',
      'a JSON Web Token',
      'eyJ****',
    ],
    [
      'URL with password',
      'postgres://app:hunter2@db:5432/shop',
      'a URL with an embedded password',
      'postgres://****:****@…',
    ],
  ])('%s', (_n, value, kind, hint) => {
    const m = credentialInValue(value);
    expect(m).toEqual({ kind, hint });
    // The hint never contains the secret part.
    expect(hint).not.toContain('hunter2');
  });

  it.each([
    ['PEM certificate (public)', '-----BEGIN CERTIFICATE-----\nMIIC…'],
    ['PEM public key', '-----BEGIN PUBLIC KEY-----'],
    ['AKIA inside a longer word', 'XAKIAIOSFODNN7EXAMPLEX'],
    ['too-short ghp_', 'ghp_abc'],
    ['URL without credentials', 'https://example.com/path'],
    ['URL with a user only', 'https://user@example.com'],
    ['URL with a placeholder password', 'postgres://app:$(DB_PASSWORD)@db/shop'],
    ['URL with a masked password', 'postgres://app:****@db/shop'],
    ['one JWT-like segment', 'eyJhbGciOiJIUzI1NiJ9'],
    ['sk_test key', 'sk_test_' + '0'.repeat(24)],
    ['ordinary text', 'hello world'],
  ])('not a credential: %s', (_n, value) => {
    expect(credentialInValue(value)).toBeUndefined();
  });
});

describe('secretNameWord: names that hold a secret', () => {
  it.each([
    ['DB_PASSWORD', 'PASSWORD'],
    ['dbPassword', 'PASSWORD'],
    ['DBPASSWORD', 'PASSWORD'],
    ['client-secret', 'SECRET'],
    ['clientsecret', 'SECRET'],
    ['AWS_SECRET_ACCESS_KEY', 'SECRET'],
    ['AWS_ACCESS_KEY_ID', undefined],
    ['API_KEY', 'API_KEY'],
    ['apiKey', 'API_KEY'],
    ['STRIPE_APIKEY', 'APIKEY'],
    ['AZURE_STORAGE_KEY', 'STORAGE_KEY'],
    ['client-key-data', 'CLIENT_KEY'],
    ['GITHUB_TOKEN', 'TOKEN'],
    ['githubToken', 'TOKEN'],
    ['SMTP_PASS', 'PASS'],
    ['DB_PWD', 'PWD'],
    ['BASIC_AUTH', 'AUTH'],
    ['GOOGLE_APPLICATION_CREDENTIALS', 'CREDENTIALS'],
    ['spring.datasource.password', 'PASSWORD'],
  ])('%s → %s', (name, word) => {
    expect(secretNameWord(name)).toBe(word);
  });

  it.each([
    'PWD',
    'PASS_THROUGH',
    'AUTH_URL',
    'TOKEN_TTL',
    'SECRET_NAME',
    'PASSWORD_FILE',
    'DB_PASSWORD_PATH',
    'TOKEN_ENDPOINT',
    'PASSWORD_MIN_LENGTH',
    'CACHE_KEY',
    'KEY_PREFIX',
    'TOKENIZER_MODEL',
    'SECRET_KEY_REF',
    'HOSTNAME',
    'LOG_LEVEL',
  ])('%s is not a secret name', (name) => {
    expect(secretNameWord(name)).toBeUndefined();
  });
});

describe('isInertValue', () => {
  it.each([
    '',
    '  ',
    'true',
    'No',
    'null',
    '3600',
    '30s',
    '1.5',
    '/var/run/secrets/token',
    './creds.json',
    'file:///etc/x',
    '$(DB_PASSWORD)',
    '${DB_PASSWORD}',
    '$DB_PASSWORD',
    '{{ .Values.password }}',
    '<password>',
    '%(password)s',
    '********',
    'https://auth.example.com/token',
    '|',
  ])('%j is inert', (v) => {
    expect(isInertValue(v)).toBe(true);
  });
  it.each(['hunter2', 'changeme', 'P@ssw0rd!', 'abc', 'user:pass', '12ab34'])('%j may be a secret', (v) => {
    expect(isInertValue(v)).toBe(false);
  });
});

it('maskedLength counts characters, not bytes', () => {
  expect(maskedLength('pässwörd')).toBe('value masked, 8 characters');
  expect(maskedLength('x')).toBe('value masked, 1 character');
});
