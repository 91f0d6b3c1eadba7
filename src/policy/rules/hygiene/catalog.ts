/** The hygiene rules, in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';
import { defaultNamespace } from './default-namespace.js';
import { kubeSystemUserWorkload } from './kube-system-user-workload.js';
import { nsNoPssLabel } from './ns-no-pss-label.js';

export const hygieneRules: readonly Rule[] = [nsNoPssLabel, kubeSystemUserWorkload, defaultNamespace];
