/** The pod-security rules, in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';
import { privilegedContainer } from './privileged-container.js';

export const podSecurityRules: readonly Rule[] = [privilegedContainer];
