import { asString } from '../../../k8s/shape.js';
import { defineWorkloadRule, type Report } from '../../types.js';
import { containerImagesOf } from './containerImages.js';
import { defaultPullPolicy, isPinned } from '../../../k8s/imageRef.js';

export const pullPolicyNotAlways = defineWorkloadRule({
  id: 'pull-policy-not-always',
  title: 'imagePullPolicy is not Always',
  category: 'supply-chain',
  severity: 'low',
  description:
    'A container (init and ephemeral included) whose effective `imagePullPolicy` is not `Always`: set to `IfNotPresent` or `Never`, or ' +
    'unset on a tagged image other than `latest` (the API server then defaults it to `IfNotPresent`). Images pinned by digest are skipped: ' +
    'a cached copy of a digest is the same content. Opt-in: the registry round-trip on every start is a cost many teams do not want.',
  rationale:
    'With `IfNotPresent` the kubelet starts a cached image without asking the registry, so a pod can run a private image that was pulled ' +
    "to the node with someone else's pull secret — the reason for the AlwaysPullImages admission plugin (CIS 1.2.11) — and a node keeps " +
    'running a stale or tampered copy of a moved tag (T1525). Low: it needs pod-creation rights on a node that already holds the image.',
  remediation:
    'Set `imagePullPolicy: Always`, or better, pin the image by digest; cluster-wide, enable the AlwaysPullImages admission plugin.',
  references: {
    cis: ['1.2.11'],
    mitre: ['T1525'],
    links: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy'],
  },
  targets: ['workload'],
  optIn: true,
  *check({ workload }): Iterable<Report> {
    for (const img of containerImagesOf(workload)) {
      if (!img.parsed.ok || isPinned(img.parsed.image)) continue;
      const name = img.container.name;
      const path = [...img.container.path, 'imagePullPolicy'];
      const set = asString(img.container.container.imagePullPolicy);
      if (set === undefined) {
        if (defaultPullPolicy(img.parsed.image) === 'Always') continue;
        yield {
          message: `container "${name}" has no imagePullPolicy, so tagged image "${img.raw}" defaults to IfNotPresent: a cached copy starts without a registry check`,
          path,
          container: name,
        };
      } else if (set !== 'Always') {
        yield {
          message: `container "${name}" has imagePullPolicy ${set}: a cached copy of "${img.raw}" starts without a registry check`,
          path,
          container: name,
        };
      }
    }
  },
});
