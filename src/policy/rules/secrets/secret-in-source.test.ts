import { ruleTests } from '../../../../test/ruleTester.js';
import { secretInSource } from './secret-in-source.js';

const secret = (body: string, meta = ''): string => `
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop${meta}}
${body}`;

ruleTests(secretInSource, {
  valid: [
    { name: 'no data at all', yaml: secret('type: Opaque') },
    {
      name: 'service-account-token Secret without data',
      yaml: secret(
        'type: kubernetes.io/service-account-token',
        ', annotations: {kubernetes.io/service-account.name: app}',
      ),
    },
    { name: 'empty placeholder values', yaml: secret('data:\n  password: ""\nstringData:\n  token: ""') },
    {
      name: 'base64 of an empty string and of a placeholder',
      yaml: secret('data:\n  a: IA==\n  b: JHtEQl9QQVNTV09SRH0='),
    },
    {
      name: 'Helm-templated placeholders',
      yaml: secret('stringData:\n  password: "{{ .Values.db.password }}"\n  user: ${DB_USER}'),
    },
    {
      name: 'SOPS-encrypted document',
      yaml: secret(
        'stringData:\n  password: ENC[AES256_GCM,data:Tr7o1Q==,iv:1=,tag:2=,type:str]\nsops:\n  version: 3.8.1',
      ),
    },
    {
      name: 'SOPS values without metadata',
      yaml: secret('data:\n  password: ENC[AES256_GCM,data:Tr7o1Q==,type:str]'),
    },
    {
      name: 'read from a cluster (uid set)',
      yaml: secret('data:\n  password: aHVudGVyMg==', ', uid: 7f1c, resourceVersion: "12"'),
    },
    {
      name: 'SealedSecret is another kind',
      yaml: `
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: db, namespace: shop}
spec:
  encryptedData:
    password: AgBy8hCi8mVx`,
    },
    {
      name: 'ExternalSecret is another kind',
      yaml: `
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: db, namespace: shop}
spec:
  data:
  - secretKey: password
    remoteRef: {key: prod/db}`,
    },
  ],
  invalid: [
    {
      name: 'data and stringData with values; empty ones not named',
      yaml: secret(
        'data:\n  password: aHVudGVyMg==\n  empty: ""\nstringData:\n  api-key: s3cr3t\n  user: app',
      ),
      findings: [
        { path: 'data', message: 'Secret data has a value in the manifest (key "password")' },
        {
          path: 'stringData',
          message: 'Secret stringData has 2 values in the manifest (keys "api-key", "user")',
        },
      ],
    },
    {
      name: 'a TLS Secret with its private key',
      yaml: secret('type: kubernetes.io/tls\ndata:\n  tls.crt: Y2VydA==\n  tls.key: a2V5'),
      findings: [
        { path: 'data', message: 'Secret data has 2 values in the manifest (keys "tls.crt", "tls.key")' },
      ],
    },
    {
      name: 'a service-account-token Secret with a token written in',
      yaml: secret('type: kubernetes.io/service-account-token\ndata:\n  token: ZXlKaGJHY2lPaUpTVXpJMU5pSjk='),
      findings: [{ path: 'data', message: 'Secret data has a value in the manifest (key "token")' }],
    },
  ],
});
