/** The exposure rules, in the order `kubeward rules` lists them. */
import type { Rule } from '../../types.js';
import { danglingBackend } from './dangling-backend.js';
import { gatewayExposure } from './gateway-exposure.js';
import { ingressNoTls } from './ingress-no-tls.js';
import { lbNoSourceRanges } from './lb-no-source-ranges.js';
import { nginxAnnotationInjection } from './nginx-annotation-injection.js';
import { nginxSnippet } from './nginx-snippet.js';
import { sensitiveUiExposed } from './sensitive-ui-exposed.js';
import { serviceExposed } from './service-exposed.js';
import { serviceExternalIps } from './service-external-ips.js';

export const exposureRules: readonly Rule[] = [
  nginxAnnotationInjection,
  sensitiveUiExposed,
  serviceExternalIps,
  nginxSnippet,
  serviceExposed,
  lbNoSourceRanges,
  ingressNoTls,
  gatewayExposure,
  danglingBackend,
];
