/** The identity rules, in the order `kubeward rules` lists them (scanners.md §2.2). */
import type { Rule } from '../../types.js';
import { defaultSaAutomount } from './default-sa-automount.js';
import { defaultSaBound } from './default-sa-bound.js';
import { defaultSaUsed } from './default-sa-used.js';
import { saDeprecatedField } from './sa-deprecated-field.js';
import { saMissing } from './sa-missing.js';
import { saTokenAutomount } from './sa-token-automount.js';
import { workloadAdminSa } from './workload-admin-sa.js';
import { workloadTakeoverSa } from './workload-takeover-sa.js';

export const identityRules: readonly Rule[] = [
  saTokenAutomount,
  defaultSaUsed,
  defaultSaAutomount,
  defaultSaBound,
  saMissing,
  saDeprecatedField,
  workloadAdminSa,
  workloadTakeoverSa,
];
