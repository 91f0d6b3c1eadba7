/** The secrets rules, in the order `kubeward rules` lists them (scanners.md §2.5). */
import type { Rule } from '../../types.js';
import { configmapSecret } from './configmap-secret.js';
import { credentialInField } from './credential-in-field.js';
import { duplicateEnv } from './duplicate-env.js';
import { lastAppliedSecretLeak } from './last-applied-secret-leak.js';
import { secretInSource } from './secret-in-source.js';
import { secretLiteralEnv } from './secret-literal-env.js';
import { secretViaEnvRef } from './secret-via-env-ref.js';
import { tlsVerifyDisabled } from './tls-verify-disabled.js';

export const secretsRules: readonly Rule[] = [
  secretLiteralEnv,
  secretViaEnvRef,
  configmapSecret,
  credentialInField,
  duplicateEnv,
  secretInSource,
  lastAppliedSecretLeak,
  tlsVerifyDisabled,
];
