/**
 * The `yaml` library (positions, the configuration file), loaded on first use: a scan
 * needs it only for a document the line walk declines or a `.kubeward.yaml`, and
 * importing it costs about 45 ms of every start-up otherwise.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let lib: typeof Yaml | undefined;

export function yamlLib(): typeof Yaml {
  return (lib ??= require('yaml') as typeof Yaml);
}
