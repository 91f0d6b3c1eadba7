// Kind → resource for built-in kinds, as API discovery names them (`Deployment` → `deployments`,
// `NetworkPolicy` → `networkpolicies`). The names are checked against the built-in resource table of
// rbac/builtinResources.ts, so a kind whose plural is irregular and unknown there is not guessed silently.
import { apiResources } from '../rbac/builtinResources.js';

const irregular: Record<string, string> = { Endpoints: 'endpoints', EndpointSlice: 'endpointslices' };

function regularPlural(kind: string): string {
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

let known: Set<string> | undefined;

/** The group and resource of an apiVersion + kind; `known` is false when discovery lists no such resource. */
export function resourceOf(apiVersion: string, kind: string): { group: string; version: string; resource: string; known: boolean } {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const resource = irregular[kind] ?? regularPlural(kind);
  known ??= new Set(apiResources('1.34').map((r) => `${r.group}/${r.resource}`));
  return { group, version, resource, known: known.has(`${group}/${resource}`) };
}
