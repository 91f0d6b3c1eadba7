/** The secrets rules, in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';

export const secretsRules: readonly Rule[] = [];
