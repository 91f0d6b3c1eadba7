/** The network rules, in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';
import { egressToMetadata } from './egress-to-metadata.js';
import { namespaceNoNetpol } from './namespace-no-netpol.js';
import { netpolDangling } from './netpol-dangling.js';
import { netpolHostNetworkSelected } from './netpol-host-network-selected.js';
import { netpolIpblockPodCidr } from './netpol-ipblock-pod-cidr.js';
import { netpolNamedPortUndefined } from './netpol-named-port-undefined.js';
import { netpolSensitivePortOpen } from './netpol-sensitive-port-open.js';
import { noDefaultDeny } from './no-default-deny.js';
import { podNotIsolated } from './pod-not-isolated.js';

export const networkRules: readonly Rule[] = [
  podNotIsolated,
  namespaceNoNetpol,
  noDefaultDeny,
  egressToMetadata,
  netpolDangling,
  netpolSensitivePortOpen,
  netpolNamedPortUndefined,
  netpolHostNetworkSelected,
  netpolIpblockPodCidr,
];
