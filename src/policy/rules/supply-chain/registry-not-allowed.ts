import { defineWorkloadRule, type Report } from '../../types.js';
import { containerImagesOf } from './containerImages.js';
import { imageMatchesPrefix } from '../../../k8s/imageRef.js';

/** Frozen on 2023-04-03; the Kubernetes project publishes only to registry.k8s.io since. */
const DEPRECATED_REGISTRIES: Readonly<Record<string, string>> = { 'k8s.gcr.io': 'registry.k8s.io' };

export const registryNotAllowed = defineWorkloadRule({
  id: 'registry-not-allowed',
  title: 'Image from an untrusted or deprecated registry',
  category: 'supply-chain',
  severity: 'medium',
  description:
    'A container (init and ephemeral included) whose image is not under any prefix of the `trustedRegistries` setting (no check when the ' +
    'list is empty). Images are normalised first (`nginx` is `docker.io/library/nginx`, `index.docker.io` is `docker.io`), and prefixes ' +
    'match at path-segment boundaries: `registry.example.com` does not admit `registry.example.com.evil.io/app`, and `ghcr.io/acme` does ' +
    'not admit `ghcr.io/acme-evil/app`. With a non-empty list, an image reference that does not parse is reported as unverifiable. ' +
    'Independently of the list, images from the frozen `k8s.gcr.io` registry are always reported.',
  rationale:
    'An image from a registry the organisation does not control runs code that no internal scanning, signing or provenance check has seen: ' +
    'a typo-squatted or hijacked public repository is a direct way into the cluster (T1525, T1195.002 supply-chain compromise). k8s.gcr.io ' +
    'has been frozen since April 2023, so its images receive no security fixes. Medium: exploitation needs a compromised or malicious ' +
    'upstream image.',
  remediation:
    'Mirror the image into a trusted registry and reference it there, or add the registry to `trustedRegistries` in `.kubeward.yaml` if it ' +
    'is trusted; replace `k8s.gcr.io/` with `registry.k8s.io/`. Enforce the same list at admission (kubeward serve, Gatekeeper ' +
    'K8sAllowedRepos, Kyverno).',
  references: {
    nsa: ['Kubernetes Pod security: Building secure container images'],
    mitre: ['T1525', 'T1195.002'],
    links: ['https://kubernetes.io/blog/2023/03/10/image-registry-redirect/'],
  },
  targets: ['workload'],
  *check({ workload, settings }): Iterable<Report> {
    const trusted = settings.trustedRegistries;
    for (const img of containerImagesOf(workload)) {
      const name = img.container.name;
      if (!img.parsed.ok) {
        if (trusted.length > 0) {
          yield {
            message: `container "${name}" image "${img.raw}" is not a valid image reference (${img.parsed.error}), so its registry cannot be verified`,
            path: img.path,
            container: name,
          };
        }
        continue;
      }
      const image = img.parsed.image;
      const successor = DEPRECATED_REGISTRIES[image.domain.toLowerCase()];
      if (successor !== undefined) {
        yield {
          message: `container "${name}" image "${img.raw}" comes from ${image.domain}, which is frozen and gets no updates: use ${successor}`,
          path: img.path,
          container: name,
        };
        continue;
      }
      if (trusted.length === 0 || trusted.some((prefix) => imageMatchesPrefix(image, prefix))) continue;
      yield {
        message: `container "${name}" image "${img.raw}" (${image.name}) is not from a trusted registry (trustedRegistries: ${trusted.join(', ')})`,
        path: img.path,
        container: name,
      };
    }
  },
});
