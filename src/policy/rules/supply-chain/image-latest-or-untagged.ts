import { defineWorkloadRule, type Report } from '../../types.js';
import { containerImagesOf } from './containerImages.js';
import { isPinned } from '../../../k8s/imageRef.js';

export const imageLatestOrUntagged = defineWorkloadRule({
  id: 'image-latest-or-untagged',
  title: 'Image uses :latest or no tag',
  category: 'supply-chain',
  severity: 'medium',
  description:
    'A container (init and ephemeral included) whose `image` has no tag, or the tag `latest`, and no `@sha256:` digest. References are parsed ' +
    'as the kubelet parses them: `localhost:5000/app` is registry `localhost:5000` with no tag, `nginx:latest@sha256:…` is pinned by its ' +
    'digest. Tags are case-sensitive (`LATEST` is an ordinary tag). A reference the kubelet cannot parse is reported too, since nothing ' +
    'can be said about what would run. A container without `image` is skipped.',
  rationale:
    'A mutable tag means the code that runs is whatever the registry serves when a node pulls: whoever can push to the repository — or ' +
    'hijack it — gets their image started on the next reschedule without any change in Git (T1525 implant internal image, supply-chain ' +
    'compromise), and different nodes may run different code. It also makes rollbacks and vulnerability triage guesswork. Medium: it ' +
    'needs write access to the registry or repository, which is a separate compromise.',
  remediation:
    'Pin the image by digest (`registry.example.com/app:1.4.2@sha256:…`), or at least by an immutable version tag (`nginx:1.27.3`) in a ' +
    'registry with tag immutability enabled.',
  references: {
    nsa: ['Kubernetes Pod security: Building secure container images'],
    mitre: ['T1525', 'T1195.002'],
    links: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  },
  targets: ['workload'],
  *check({ workload }): Iterable<Report> {
    for (const img of containerImagesOf(workload)) {
      const name = img.container.name;
      if (!img.parsed.ok) {
        yield {
          message: `container "${name}" image "${img.raw}" is not a valid image reference (${img.parsed.error})`,
          path: img.path,
          container: name,
        };
        continue;
      }
      const image = img.parsed.image;
      if (isPinned(image)) continue;
      if (image.tag === undefined) {
        yield {
          message: `container "${name}" image "${img.raw}" has no tag: it pulls :latest, whatever that is at pull time`,
          path: img.path,
          container: name,
        };
      } else if (image.tag === 'latest') {
        yield {
          message: `container "${name}" image "${img.raw}" uses the mutable tag :latest`,
          path: img.path,
          container: name,
        };
      }
    }
  },
});
