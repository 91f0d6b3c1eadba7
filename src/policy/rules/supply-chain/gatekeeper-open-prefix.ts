import { asArray, getIn } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';

export const gatekeeperOpenPrefix = defineRule({
  id: 'gatekeeper-open-prefix',
  title: 'Gatekeeper K8sAllowedRepos entry is an open prefix',
  category: 'supply-chain',
  severity: 'high',
  description:
    'A Gatekeeper `K8sAllowedRepos` constraint (`constraints.gatekeeper.sh`) whose `spec.parameters.repos` has an entry without `/`, ' +
    'or an empty entry. The library template admits an image when it starts with an entry (`startswith(image, repo)`), so `docker.io` ' +
    'also admits `docker.io.attacker.example/app`, and `""` admits every image.',
  rationale:
    'The constraint exists to keep images from untrusted registries out; an entry that ends at a host name lets anyone who registers a ' +
    'domain with that prefix (or a registry hostname sharing it) pass the allow-list and run their image (T1525, T1195.002). The cluster ' +
    'looks protected while it is not, hence high.',
  remediation:
    'End every entry with `/` at a host or organisation boundary: `docker.io/library/`, `registry.example.com/`, `ghcr.io/acme/`.',
  references: {
    mitre: ['T1525', 'T1195.002'],
    links: ['https://open-policy-agent.github.io/gatekeeper-library/website/validation/allowedrepos/'],
  },
  targets: ['K8sAllowedRepos'],
  *check({ resource }): Iterable<Report> {
    if (!resource.ref.apiVersion.startsWith('constraints.gatekeeper.sh/')) return;
    const repos = asArray(getIn(resource.object, ['spec', 'parameters', 'repos']));
    for (const [i, repo] of repos.entries()) {
      if (typeof repo !== 'string' || repo.includes('/')) continue;
      yield {
        message:
          repo === ''
            ? 'allowed repo "" is a prefix of every image: the constraint admits everything'
            : `allowed repo "${repo}" has no "/": as a string prefix it also admits registries such as "${repo}.attacker.example/"`,
        path: ['spec', 'parameters', 'repos', i],
      };
    }
  },
});
