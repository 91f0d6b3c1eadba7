/** The resources rules, in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';

export const resourcesRules: readonly Rule[] = [];
