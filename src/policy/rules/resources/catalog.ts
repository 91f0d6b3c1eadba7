/** The resources rules, in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';
import { limitsMissing } from './limits-missing.js';
import { requestsMissing } from './requests-missing.js';

export const resourcesRules: readonly Rule[] = [limitsMissing, requestsMissing];
