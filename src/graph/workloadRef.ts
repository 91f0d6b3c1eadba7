/**
 * Workloads, endpoints and assets as the command line names them: `ns/Kind/name`, `Kind/name`
 * for cluster-scoped assets (`Node/*`, `ClusterAdmin/cluster-admin`), or `ns/name` when exactly
 * one candidate has that namespace and name. Anything else is an error naming the candidates.
 */
import type { BuiltGraph } from './build.js';
import { assetText, type Vertex } from './types.js';

export type Resolved = { readonly vertex: number } | { readonly error: string };

export type RefScope = 'workload' | 'start' | 'asset';

function candidatesOf(built: BuiltGraph, scope: RefScope): Vertex[] {
  const { graph } = built;
  const endpoints = new Set(built.endpoints);
  return graph.vertices.filter((v) =>
    scope === 'workload' ? v.workload : scope === 'start' ? v.workload || endpoints.has(v.id) : v.isAsset,
  );
}

const WHAT: Readonly<Record<RefScope, string>> = {
  workload: 'workload',
  start: 'workload or entry point',
  asset: 'asset',
};

export function resolveRef(built: BuiltGraph, text: string, scope: RefScope): Resolved {
  const candidates = candidatesOf(built, scope);
  const parts = text.split('/');
  let found: Vertex[] = [];
  if (parts.length === 3) {
    const [ns, kind, name] = parts as [string, string, string];
    found = candidates.filter(
      (v) =>
        v.asset.namespace === ns &&
        v.asset.kind.toLowerCase() === kind.toLowerCase() &&
        v.asset.name === name,
    );
  } else if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    found = candidates.filter(
      (v) =>
        (v.asset.namespace === a && v.asset.name === b && (scope !== 'start' || v.workload)) ||
        (v.asset.namespace === '' && v.asset.kind.toLowerCase() === a.toLowerCase() && v.asset.name === b),
    );
  }
  if (found.length === 1) return { vertex: found[0]!.id };
  const name = parts[parts.length - 1];
  const similar = (found.length > 1 ? found : candidates.filter((v) => v.asset.name === name)).map((v) =>
    assetText(v.asset),
  );
  const listed = similar.length > 0 ? `; candidates: ${similar.sort().join(', ')}` : '';
  const form = `give ns/Kind/name or ns/name`;
  return {
    error:
      found.length > 1
        ? `"${text}" is ambiguous${listed}`
        : `no ${WHAT[scope]} "${text}" in the input (${form})${listed}`,
  };
}
