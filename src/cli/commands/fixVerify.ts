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
import type { DocumentFix } from '../../fix/filePlan.js';

export interface ChangedText {
  readonly file: string;
  readonly after: string;
}

/** `rule-id Kind/ns/name path`: a finding as the comparison knows it (document indexes may move). */
export function findingKey(f: Finding, defaultNamespace: string): string {
  return `${f.ruleId} ${qualifiedName(f.resource, defaultNamespace)} ${f.path}`;
}

/** A finding of the new texts that the scan did not have. */
export interface AddedFinding {
  readonly key: string;
  /** `Kind/ns/name` of the object it is on (what a fix's target or new document is named by). */
  readonly resource: string;
  readonly file: string;
}

export interface Verification {
  readonly added: readonly AddedFinding[];
  /** The keys of the findings left after the changes. */
  readonly remaining: ReadonlySet<string>;
}

/**
 * Scans `loaded` with `changes` laid over it, in input order (a changed file's objects where
 * its old ones were: rules that report on "the first workload of a namespace" must see the
 * same first one), new files last, and says what is new.
 */
export function verifyChanges(
  loaded: LoadResult,
  before: readonly Finding[],
  changes: readonly ChangedText[],
  options: ScanOptions,
  defaultNamespace: string,
): Verification {
  const locator = new SourceLocator();
  const reparsed = new Map<string, Resource[]>();
  for (const c of changes) {
    const parsed = parseManifestText(c.after, c.file);
    locator.addFile(c.file, c.after, parsed.documents);
    reparsed.set(c.file, parsed.resources);
  }
  const resources: Resource[] = [];
  for (const r of loaded.resources) {
    const instead = reparsed.get(r.source.file);
    if (instead === undefined) resources.push(r);
    else if (instead.length > 0 || !resources.some((x) => x.source.file === r.source.file)) {
      resources.push(...instead);
      reparsed.set(r.source.file, []);
    }
  }
  for (const rest of reparsed.values()) resources.push(...rest);
  const result = scanLoaded(
    { resources, errors: [], locator, sourcesRead: loaded.sourcesRead },
    { ...options, locate: false },
  );
  const had = new Set(before.map((f) => findingKey(f, defaultNamespace)));
  const added: AddedFinding[] = [];
  const remaining = new Set<string>();
  for (const f of result.findings) {
    const key = findingKey(f, defaultNamespace);
    remaining.add(key);
    if (!had.has(key))
      added.push({ key, resource: qualifiedName(f.resource, defaultNamespace), file: f.source.file });
  }
  return { added, remaining };
}

export function addedReason(added: readonly AddedFinding[]): string {
  const keys = added.map((a) => a.key);
  return `it would add ${keys.length} finding${keys.length === 1 ? '' : 's'} (${keys.slice(0, 3).join('; ')}${keys.length > 3 ? '; …' : ''})`;
}

/**
 * What to leave out for the findings a plan would add: the fixes of the object a finding is on
 * (or that create it), else every fix of the file it is in; a NetworkPolicy file that brings one.
 */
export function leaveOut(
  added: readonly AddedFinding[],
  perFile: ReadonlyMap<
    string,
    {
      readonly fixes: readonly DocumentFix[];
      readonly entries: readonly number[];
      readonly targets: readonly string[];
    }
  >,
  created: ReadonlyMap<string, string>,
  excluded: Map<number, string>,
  dropped: Map<string, string>,
): void {
  for (const finding of added) {
    const reason = addedReason(added.filter((a) => a.resource === finding.resource));
    if (created.has(finding.file)) {
      dropped.set(finding.file, reason);
      continue;
    }
    let culprits = 0;
    for (const planned of perFile.values()) {
      planned.entries.forEach((at, i) => {
        const fix = planned.fixes[i]!;
        const makes = (fix.newDocuments ?? []).some((d) => d.key === finding.resource);
        if (!excluded.has(at) && (planned.targets[i] === finding.resource || makes)) {
          excluded.set(at, reason);
          culprits++;
        }
      });
    }
    const inFile = perFile.get(finding.file);
    if (culprits === 0 && inFile !== undefined)
      for (const at of inFile.entries)
        if (!excluded.has(at)) excluded.set(at, addedReason(added.filter((a) => a.file === finding.file)));
  }
}
