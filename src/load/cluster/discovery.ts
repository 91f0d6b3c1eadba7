/**
 * Which of the kinds to read the server serves, at which version and under which resource name:
 * the legacy discovery documents (`/api/v1`, `/apis`, `/apis/<group>/<version>`), which every
 * server since v1.0 answers (the aggregated v2 form is an optimisation of the same data). A
 * group's versions are tried in the server's order, preferred first, so a kind is read at the
 * version the server prefers and a kind served only by an older version (Gateway API's
 * v1alpha2 TLSRoute) is still found.
 */
import type { ClusterConnection } from './connection.js';
import type { ReadKind } from './kinds.js';
import { getWithRetry, mapBounded, type RetryPolicy } from './requests.js';

/** A kind as this server serves it. */
export interface ServedKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Plural resource name in the URL. */
  readonly resource: string;
  readonly namespaced: boolean;
}

interface ApiResource {
  name?: unknown;
  kind?: unknown;
  namespaced?: unknown;
  verbs?: unknown;
}

const ACCEPT = 'application/json';

function resourcesOf(body: string): ApiResource[] {
  const parsed = JSON.parse(body) as { resources?: unknown };
  return Array.isArray(parsed.resources) ? (parsed.resources as ApiResource[]) : [];
}

/** `wanted` kinds the server serves, keyed `<group>/<kind>`; throws when discovery itself fails. */
export async function discoverKinds(
  conn: ClusterConnection,
  wanted: readonly ReadKind[],
  retry: RetryPolicy,
  counter: { requests: number },
  concurrency: number,
): Promise<Map<string, ServedKind>> {
  const byGroup = new Map<string, Set<string>>();
  for (const w of wanted) {
    const kinds = byGroup.get(w.group) ?? new Set();
    kinds.add(w.kind);
    byGroup.set(w.group, kinds);
  }
  const fetchJson = async (path: string): Promise<string> => {
    const res = await getWithRetry(conn, path, ACCEPT, retry, counter);
    if (res.status === 401)
      throw new Error(`the server refused the credentials (401 Unauthorized) on ${path}`);
    if (res.status !== 200) throw new Error(`discovery ${path} answered ${res.status}`);
    return res.body;
  };
  const groupVersions: [group: string, versions: string[]][] = [];
  if (byGroup.has('')) groupVersions.push(['', ['v1']]);
  const groups = JSON.parse(await fetchJson('/apis')) as {
    groups?: { name?: string; versions?: { version?: string }[] }[];
  };
  for (const g of groups.groups ?? []) {
    if (g.name === undefined || !byGroup.has(g.name)) continue;
    groupVersions.push([
      g.name,
      (g.versions ?? []).flatMap((v) => (v.version !== undefined ? [v.version] : [])),
    ]);
  }
  const served = new Map<string, ServedKind>();
  await mapBounded(groupVersions, concurrency, async ([group, versions]) => {
    const missing = new Set(byGroup.get(group));
    for (const version of versions) {
      if (missing.size === 0) break;
      const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
      for (const r of resourcesOf(await fetchJson(path))) {
        if (typeof r.name !== 'string' || r.name.includes('/') || typeof r.kind !== 'string') continue;
        if (!missing.has(r.kind)) continue;
        if (Array.isArray(r.verbs) && !r.verbs.includes('list')) continue;
        missing.delete(r.kind);
        served.set(`${group}/${r.kind}`, {
          group,
          version,
          kind: r.kind,
          resource: r.name,
          namespaced: r.namespaced === true,
        });
      }
    }
  });
  return served;
}
