/**
 * Objects read from a cluster (live or from a snapshot) as the scan's loaded resources: each
 * with a source `cluster:<context>/<namespace>/<kind>/<name>` (`cluster:<context>/<kind>/<name>`
 * when cluster-scoped) in place of a file, so a finding says where the object lives. No text is
 * kept, so findings are located at the object (line 1), never at a line of a file.
 */
import { makeResource, type Resource, type SourceRef } from '../../k8s/resource.js';
import type { JsonRecord } from '../../k8s/shape.js';
import type { LoadResult } from '../files.js';
import type { InputError } from '../inputError.js';
import { SourceLocator } from '../locate.js';
import { describeNotVisible, type ClusterRead } from './read.js';

export const CLUSTER_SOURCE_PREFIX = 'cluster:';

/** `cluster:prod/shop/Deployment/web`, `cluster:prod/ClusterRole/admin`. */
export function clusterSourceFile(context: string, resource: Pick<Resource, 'ref'>): string {
  const { kind, namespace, name } = resource.ref;
  return `${CLUSTER_SOURCE_PREFIX}${context}/${namespace !== undefined ? `${namespace}/` : ''}${kind}/${name}`;
}

/** The resources of one cluster's objects, for `scanLoaded()` and the model builders. */
export function clusterLoadResult(
  context: string,
  objects: readonly JsonRecord[],
  errors: readonly InputError[] = [],
): LoadResult {
  const placeholder: SourceRef = { file: '', documentIndex: 0, line: 1 };
  const resources = objects.map((object) => {
    const r = makeResource(object, placeholder);
    return { ...r, source: { file: clusterSourceFile(context, r), documentIndex: 0, line: 1 } };
  });
  return {
    resources,
    errors: [...errors],
    locator: new SourceLocator(),
    sourcesRead: resources.length > 0 ? 1 : 0,
  };
}

/** One cluster's objects (read live or from a snapshot) as loaded input, and what could not be seen, as warnings. */
export function clusterInput(read: ClusterRead): { loaded: LoadResult; warnings: string[] } {
  return {
    loaded: clusterLoadResult(read.context, read.objects, read.errors),
    warnings: read.notVisible.map((n) => `cluster ${read.context}: not visible: ${describeNotVisible(n)}`),
  };
}
