/** The attack-path rules, read from the attack graph (src/graph), in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';
import { graphEntryToCritical } from './graph-entry-to-critical.js';
import { graphSecretFromEntry } from './graph-secret-from-entry.js';
import { graphWorkloadToNode } from './graph-workload-to-node.js';

export const graphRules: readonly Rule[] = [graphEntryToCritical, graphWorkloadToNode, graphSecretFromEntry];
