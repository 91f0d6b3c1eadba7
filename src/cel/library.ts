// Every function kubeward's CEL environment declares beyond @bufbuild/cel's standard library: the
// strings extension and the Kubernetes libraries of https://kubernetes.io/docs/reference/using-api/cel/
// (authorizer and semver excepted: the first needs a live authorizer, the second no rule uses yet).
import { strings } from '@bufbuild/cel/ext';
import type { CelFunc } from '@bufbuild/cel';
import { tickFunction } from './budget.js';
import { formatFunctions } from './library/format.js';
import { ipFunctions } from './library/ip.js';
import { listFunctions } from './library/lists.js';
import { optionalFunctions } from './library/optional.js';
import { quantityFunctions } from './library/quantity.js';
import { regexFunctions } from './library/regex.js';
import { urlFunctions } from './library/url.js';

export const celLibrary: CelFunc[] = [
  ...strings,
  ...listFunctions,
  ...regexFunctions,
  ...urlFunctions,
  ...quantityFunctions,
  ...ipFunctions,
  ...formatFunctions,
  ...optionalFunctions,
  tickFunction,
];
