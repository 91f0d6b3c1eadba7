/**
 * Builds the admission handler `serve` and `review` share from the files a user names:
 * the server configuration, the scan configuration it points at (`policy:`), and a file of
 * Namespace objects for the namespace labels.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { readNamedFile } from '../load/errno.js';
import { formatInputError } from '../load/inputError.js';
import { DEFAULT_CONFIG, parseConfig } from '../policy/config.js';
import { customRulesOf } from '../policy/customRules.js';
import { BUILTIN_RULE_IDS } from '../policy/registry.js';
import { AdmissionDecider } from './decide.js';
import { AdmissionHandler } from './handler.js';
import { namespacesFromText, StaticNamespaceCache, type NamespaceCache } from './namespaceCache.js';
import { DEFAULT_SERVER_CONFIG, parseServerConfig } from './serverConfig.js';

export interface AdmissionSetupOptions {
  /** The server configuration file. */
  readonly config?: string;
  /** A YAML or JSON file of Namespace objects. */
  readonly namespaces?: string;
  /** A namespace cache of the caller's own (the cluster watch); wins over `namespaces`. */
  readonly namespaceCache?: NamespaceCache;
  readonly cwd?: string;
}

export async function loadAdmission(
  options: AdmissionSetupOptions,
): Promise<{ handler: AdmissionHandler; namespaces: NamespaceCache }> {
  const cwd = options.cwd ?? process.cwd();
  const config =
    options.config !== undefined
      ? parseServerConfig(
          await readNamedFile(options.config, 'configuration', cwd),
          resolve(cwd, options.config),
        )
      : DEFAULT_SERVER_CONFIG;
  const policy =
    config.policy !== undefined
      ? parseConfig(await readNamedFile(config.policy, 'configuration', cwd), config.policy, BUILTIN_RULE_IDS)
      : DEFAULT_CONFIG;
  const uncompiled = customRulesOf(policy).errors;
  if (uncompiled.length > 0) throw new ConfigError(uncompiled.map(formatInputError).join('; '));
  let namespaces: NamespaceCache = options.namespaceCache ?? new StaticNamespaceCache();
  if (options.namespaceCache === undefined && options.namespaces !== undefined) {
    const file = resolve(cwd, options.namespaces);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new ConfigError(
        `cannot read the namespaces file: ${e instanceof Error ? e.message : String(e)}`,
        options.namespaces,
      );
    }
    const loaded = namespacesFromText(text, options.namespaces);
    if (loaded.errors.length > 0) throw new ConfigError(loaded.errors.map(formatInputError).join('; '));
    namespaces = loaded.cache;
  }
  return { handler: new AdmissionHandler(new AdmissionDecider({ config, policy, namespaces })), namespaces };
}
