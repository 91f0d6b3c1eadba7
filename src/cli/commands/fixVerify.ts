/**
 * The check every `kubeward fix` plan passes before it is shown or written: the planned texts
 * are scanned again, in memory, with the same options, and compared with the scan the plan came
 * from. A file whose new text would bring a finding the old one did not have is left out (its
 * fixes declined, naming the findings): fix never trades one finding for another.
 */
import { qualifiedName, type Resource } from '../../k8s/resource.js';
import type { LoadResult } from '../../load/files.js';
import { SourceLocator } from '../../load/locate.js';
import { parseManifestText } from '../../load/parse.js';
import type { Finding } from '../../policy/types.js';
import { scanLoaded, type ScanOptions } from '../../scan.js';

export interface ChangedText {
  readonly file: string;
  readonly after: string;
}

/** `rule-id Kind/ns/name path`: a finding as the comparison knows it (document indexes may move). */
export function findingKey(f: Finding, defaultNamespace: string): string {
  return `${f.ruleId} ${qualifiedName(f.resource, defaultNamespace)} ${f.path}`;
}

export interface Verification {
  /** Findings of the new texts that the scan did not have, per file of the change that brings them. */
  readonly added: ReadonlyMap<string, readonly string[]>;
  /** The keys of the findings left after the changes. */
  readonly remaining: ReadonlySet<string>;
}

/** Scans `loaded` with `changes` laid over it and says what is new, by changed file. */
export function verifyChanges(
  loaded: LoadResult,
  before: readonly Finding[],
  changes: readonly ChangedText[],
  options: ScanOptions,
  defaultNamespace: string,
): Verification {
  const changed = new Set(changes.map((c) => c.file));
  const resources: Resource[] = loaded.resources.filter((r) => !changed.has(r.source.file));
  const locator = new SourceLocator();
  for (const c of changes) {
    const parsed = parseManifestText(c.after, c.file);
    locator.addFile(c.file, c.after, parsed.documents);
    resources.push(...parsed.resources);
  }
  const result = scanLoaded(
    { resources, errors: [], locator, sourcesRead: loaded.sourcesRead },
    { ...options, locate: false },
  );
  const had = new Set(before.map((f) => findingKey(f, defaultNamespace)));
  const added = new Map<string, string[]>();
  const remaining = new Set<string>();
  for (const f of result.findings) {
    const key = findingKey(f, defaultNamespace);
    remaining.add(key);
    if (had.has(key)) continue;
    const list = added.get(f.source.file) ?? [];
    list.push(key);
    added.set(f.source.file, list);
  }
  return { added, remaining };
}
