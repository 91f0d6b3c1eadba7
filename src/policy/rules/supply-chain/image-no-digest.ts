import { defineWorkloadRule, type Report } from '../../types.js';
import { containerImagesOf } from './containerImages.js';
import { isPinned } from '../../../k8s/imageRef.js';

export const imageNoDigest = defineWorkloadRule({
  id: 'image-no-digest',
  title: 'Image is not pinned by digest',
  category: 'supply-chain',
  severity: 'low',
  description:
    'A container (init and ephemeral included) whose `image` has no `@sha256:` (or sha384/sha512) digest, whatever its tag. Opt-in: ' +
    'pinning every image by digest needs tooling (Renovate, kustomize `images`, Flux image automation) that not every team runs. ' +
    'Invalid references are left to image-latest-or-untagged.',
  rationale:
    'Every tag is mutable unless the registry enforces immutability: whoever can push to the repository can replace `app:1.4.2` with ' +
    'other content, which nodes then run on their next pull (T1525, T1195.002). A digest names the content itself, so a moved tag cannot ' +
    'change what runs, and admission-time signature checks can verify exactly that content. Low: version tags already limit accidental ' +
    'drift, and exploiting this needs push access to the registry.',
  remediation:
    'Reference images as `name:tag@sha256:<digest>` (`crane digest IMAGE` or `docker buildx imagetools inspect IMAGE` prints it), and let ' +
    'an update bot bump the digest.',
  references: {
    nsa: ['Kubernetes Pod security: Building secure container images'],
    mitre: ['T1525', 'T1195.002'],
    links: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  },
  targets: ['workload'],
  optIn: true,
  *check({ workload }): Iterable<Report> {
    for (const img of containerImagesOf(workload)) {
      if (!img.parsed.ok || isPinned(img.parsed.image)) continue;
      yield {
        message: `container "${img.container.name}" image "${img.raw}" is not pinned by digest: the tag can be moved to other content`,
        path: img.path,
        container: img.container.name,
      };
    }
  },
});
