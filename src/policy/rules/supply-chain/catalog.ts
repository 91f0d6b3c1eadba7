/** The supply-chain rules, in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';

export const supplyChainRules: readonly Rule[] = [];
