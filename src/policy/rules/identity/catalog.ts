/** The identity rules, in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';

export const identityRules: readonly Rule[] = [];
