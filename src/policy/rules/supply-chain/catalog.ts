/** The supply-chain rules, in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';
import { gatekeeperOpenPrefix } from './gatekeeper-open-prefix.js';
import { imageLatestOrUntagged } from './image-latest-or-untagged.js';
import { imageNoDigest } from './image-no-digest.js';
import { legacyRiskyComponent } from './legacy-risky-component.js';
import { pullPolicyNotAlways } from './pull-policy-not-always.js';
import { registryNotAllowed } from './registry-not-allowed.js';

export const supplyChainRules: readonly Rule[] = [
  imageLatestOrUntagged,
  registryNotAllowed,
  legacyRiskyComponent,
  gatekeeperOpenPrefix,
  imageNoDigest,
  pullPolicyNotAlways,
];
