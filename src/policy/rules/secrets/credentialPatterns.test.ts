import { describe, expect, it } from 'vitest';
import {
  credentialInValue,
  genericCredential,
  isInertValue,
  looksRandom,
  maskedLength,
  secretNameWord,
  shannonEntropy,
} from './credentialPatterns.js';

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

describe('credentialInValue: the formats after gitleaks, each with a near-miss', () => {
  const hex64 = 'a1b2c3d4'.repeat(8);
  it.each([
    ['AWS key id, ABIA prefix', 'ABIAIOSFODNN7EXAMPLE', 'an AWS access key id', 'ABIA****'],
    ['GitLab runner token', 'glrt-' + 'Zx_9'.repeat(6), 'a GitLab token', 'glrt-****'],
    [
      'Slack webhook',
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'a Slack webhook URL',
      'https://hooks.slack.com/****',
    ],
    ['npm token', 'npm_' + 'a1B2'.repeat(9), 'an npm token', 'npm_****'],
    ['SendGrid key', 'SG.' + 'a'.repeat(22) + '.' + 'b'.repeat(43), 'a SendGrid API key', 'SG.****'],
    ['DigitalOcean token', 'dop_v1_' + hex64, 'a DigitalOcean token', 'dop_v1_****'],
    ['Anthropic key', 'sk-ant-api03-' + 'x'.repeat(93) + 'AA', 'an Anthropic API key', 'sk-ant-api03-****'],
    [
      'OpenAI key',
      'sk-proj-' + 'a'.repeat(20) + 'T3BlbkFJ' + 'b'.repeat(20),
      'an OpenAI API key',
      'sk-proj-****',
    ],
    ['Vault token', 'hvs.' + 'C'.repeat(95), 'a HashiCorp Vault token', 'hvs.****'],
    ['Shopify token', 'shpat_' + 'f'.repeat(32), 'a Shopify token', 'shpat_****'],
    [
      'Azure storage key',
      'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=' + 'A'.repeat(86) + '==;',
      'an Azure storage account key',
      'AccountKey=****',
    ],
    [
      'Basic auth header',
      'Authorization: Basic dXNlcjpwYXNzd29yZA==',
      'an HTTP Authorization header',
      'Basic ****',
    ],
    [
      'ADO.NET connection string',
      'Server=tcp:db,1433;Database=shop;User Id=sa;Password=Tr0ub4dor&3;',
      'a connection string with a password',
      'Password=****',
    ],
  ])('%s', (_n, value, kind, hint) => {
    expect(credentialInValue(value)).toEqual({ kind, hint });
  });

  it.each([
    ['a UUID', '3f2a1c9e-8b7d-4e6f-a5c4-1b2d3e4f5a6b'],
    ['a sha256 digest', 'sha256:' + hex64],
    [
      'a base64 image digest',
      'ghcr.io/acme/web@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    ],
    ['AWS id with a lower-case letter', 'AKIAIOSFODNN7EXAMPLe'],
    ['AWS id with digits outside base32', 'AKIA0000111188889999'],
    ['GitLab prefix alone', 'glrt-short'],
    ['Slack URL without a hook', 'https://hooks.slack.com/'],
    ['npm_ too short', 'npm_abc'],
    ['SG. in a sentence', 'SG. means Singapore'],
    ['DigitalOcean prefix with too few hex digits', 'dop_v1_abc'],
    ['sk- in a name', 'sk-learn-0.24'],
    ['Vault token too short', 'hvs.abc'],
    ['Shopify prefix with non-hex', 'shpat_' + 'z'.repeat(32)],
    ['AccountKey placeholder', 'AccountKey=<key>'],
    ['Authorization header placeholder', 'Authorization: Bearer $TOKEN'],
    ['connection string with a placeholder password', 'Server=db;User Id=sa;Password=${DB_PASSWORD};'],
    ['password= outside a connection string', 'password=hunter2'],
    ['ldap URL without password', 'ldap://ldap.example.com:389/dc=example'],
  ])('not a credential: %s', (_n, value) => {
    expect(credentialInValue(value)).toBeUndefined();
  });
});

describe('genericCredential: a secret name with a random-looking value', () => {
  it.each([
    ['password', 'Xk9#mQ2vL7pR', 'value masked, 12 characters'],
    ['apiKey', 'Zr8fK2qW9xLm4TbV', 'value masked, 16 characters'],
  ])('%s', (name, value, hint) => {
    expect(genericCredential(name, value)?.hint).toBe(hint);
  });
  it.each([
    ['password', 'hunter2', 'too short'],
    ['password', 'my-app-password', 'an object name'],
    ['registryCredentialHelpers', 'default,google,amazon', 'a list of names'],
    ['token', 'a1b2c3d4e5f6a7b8c9d0', 'a hex digest'],
    ['password', '{{ .Values.password }}', 'a template'],
    ['password', 'aaaaaaaaaaaaAAAA', 'low entropy'],
    ['description', 'Xk9#mQ2vL7pR', 'not a secret name'],
  ])('%s=%s is not one (%s)', (name, value) => {
    expect(genericCredential(name, value)).toBeUndefined();
  });
  it('looksRandom and shannonEntropy agree on the extremes', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(looksRandom('Zr8fK2qW9xLm4TbV')).toBe(true);
    expect(looksRandom('zzzzzzzzzz')).toBe(false);
  });
});

describe('no catastrophic backtracking', () => {
  const MiB = 1 << 20;
  // Each string aims at one pattern's worst case: long runs after a prefix, many prefixes, no terminator.
  it.each([
    ['letters before ://', 'a'.repeat(MiB) + '://'],
    ['many :// with long user parts', ('x://' + 'u'.repeat(600)).repeat(MiB / 604)],
    ['many eyJ without dots', 'eyJ'.repeat(MiB / 3)],
    ['sk- repeated', 'sk-'.repeat(MiB / 3)],
    ['PEM header words without the end', '-----BEGIN ' + 'A '.repeat(MiB / 2)],
    ['connection-string separators', ';password='.repeat(MiB / 10)],
    ['Authorization: Basic without a value', 'Authorization: Basic ;'.repeat(MiB / 22)],
    ['ghp_ prefixes', 'ghp_'.repeat(MiB / 4)],
  ])('%s (1 MiB) finishes and matches nothing', (_n, value) => {
    expect(credentialInValue(value)).toBeUndefined();
    expect(genericCredential('password', value)).toBeUndefined();
  });
});
