/**
 * The images of a workload's containers, parsed once per rule call. A container
 * without `image` (allowed in workload templates, for config tools to fill in) has none.
 */
import type { FieldPath } from '../../../k8s/fieldPath.js';
import type { Workload } from '../../../k8s/inventory.js';
import { podContainers } from '../../../k8s/podContainers.js';
import type { ContainerRef } from '../../../k8s/podSpec.js';
import { asString } from '../../../k8s/shape.js';
import { parseImageReference, type ParsedImage } from '../../../k8s/imageRef.js';

export interface ContainerImage {
  readonly container: ContainerRef;
  /** The image as written. */
  readonly raw: string;
  readonly parsed: ParsedImage;
  /** Absolute path of the container's `image` field. */
  readonly path: FieldPath;
}

export function containerImagesOf(workload: Workload): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const { ref: c } of podContainers(workload)) {
    const raw = asString(c.container.image);
    if (raw === undefined || raw === '') continue;
    out.push({ container: c, raw, parsed: parseImageReference(raw), path: [...c.path, 'image'] });
  }
  return out;
}
