import { asArray, getIn } from '../../../k8s/shape.js';
import { defineRule, type Report } from '../../types.js';

/**
 * Why `repo`, used as a string prefix of image references, admits more than it names; undefined
 * when it ends at a boundary: `/` (a host or a path segment), `:` (a tag follows a full name) or
 * `@` (a digest follows).
 */
function openPrefix(repo: string): string | undefined {
  if (repo === '') return 'allowed repo "" is a prefix of every image: the constraint admits everything';
  if (/[/:@]$/.test(repo)) return undefined;
  if (!repo.includes('/')) {
    // a host with a port: the prefix admits every port that starts with the same digits
    if (/:\d+$/.test(repo))
      return `allowed repo "${repo}" has no "/": as a string prefix it also admits the registry on another port, such as "${repo}0/"`;
    return `allowed repo "${repo}" has no "/": as a string prefix it also admits registries such as "${repo}.attacker.example/"`;
  }
  return `allowed repo "${repo}" does not end with "/": as a string prefix it also admits repositories such as "${repo}-evil/"`;
}

export const gatekeeperOpenPrefix = defineRule({
  id: 'gatekeeper-open-prefix',
  title: 'Gatekeeper K8sAllowedRepos entry is an open prefix',
  category: 'supply-chain',
  severity: 'high',
  description:
    'A Gatekeeper `K8sAllowedRepos` constraint (`constraints.gatekeeper.sh`) whose `spec.parameters.repos` has an entry that does not ' +
    'end at a boundary of an image reference (`/`, or `:` / `@` after a full repository name), or an empty entry. The library template ' +
    'admits an image when it starts with an entry (`startswith(image, repo)`), so `docker.io` also admits `docker.io.attacker.example/app`, ' +
    '`ghcr.io/acme` also admits `ghcr.io/acme-evil/app`, `localhost:5000` also admits the registry on port 50000, and `""` admits every image.',
  rationale:
    'The constraint exists to keep images from untrusted registries out; an entry that ends at a host name lets anyone who registers a ' +
    'domain with that prefix (or a registry hostname sharing it) pass the allow-list and run their image (T1525, T1195.002). The cluster ' +
    'looks protected while it is not, hence high.',
  remediation:
    'End every entry with `/` at a host or organisation boundary: `docker.io/library/`, `registry.example.com/`, `ghcr.io/acme/`; to allow one repository only, end it with `:` or `@` (`docker.io/library/nginx:`).',
  references: {
    mitre: ['T1525', 'T1195.002'],
    links: ['https://open-policy-agent.github.io/gatekeeper-library/website/validation/allowedrepos/'],
  },
  targets: ['K8sAllowedRepos'],
  *check({ resource }): Iterable<Report> {
    if (!resource.ref.apiVersion.startsWith('constraints.gatekeeper.sh/')) return;
    const repos = asArray(getIn(resource.object, ['spec', 'parameters', 'repos']));
    for (const [i, repo] of repos.entries()) {
      if (typeof repo !== 'string') continue;
      const message = openPrefix(repo);
      if (message !== undefined) yield { message, path: ['spec', 'parameters', 'repos', i] };
    }
  },
});
