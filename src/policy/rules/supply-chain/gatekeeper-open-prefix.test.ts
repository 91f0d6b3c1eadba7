import { ruleTests } from '../../../../test/ruleTester.js';
import { gatekeeperOpenPrefix } from './gatekeeper-open-prefix.js';

const constraint = (repos: string, apiVersion = 'constraints.gatekeeper.sh/v1beta1') => `
apiVersion: ${apiVersion}
kind: K8sAllowedRepos
metadata: {name: repo-is-trusted}
spec:
  match:
    kinds: [{apiGroups: [""], kinds: [Pod]}]
  parameters:
    repos: ${repos}
`;

ruleTests(gatekeeperOpenPrefix, {
  valid: [
    {
      name: 'every entry ends at a boundary: "/", or ":" / "@" after a full repository name',
      yaml: constraint(
        '["docker.io/library/", "registry.example.com/", "ghcr.io/acme/", "docker.io/library/nginx:", "quay.io/org/app@"]',
      ),
    },
    {
      name: 'a kind of the same name outside Gatekeeper, and a constraint without parameters',
      yaml: `${constraint('["docker.io"]', 'example.com/v1')}---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sAllowedRepos
metadata: {name: empty}
spec: {}
`,
    },
    {
      name: 'a host and port ending in "/", and repos that are not a list (not read)',
      yaml: `${constraint('["localhost:5000/"]')}---
${constraint('"docker.io"').replace('repo-is-trusted', 'not-a-list')}`,
    },
  ],
  invalid: [
    {
      name: 'host-only entries and an empty entry; non-strings are ignored',
      yaml: constraint('["docker.io", "registry.example.com/", "", 7, "gcr.io"]'),
      findings: [
        {
          path: 'spec.parameters.repos[0]',
          message:
            'allowed repo "docker.io" has no "/": as a string prefix it also admits registries such as "docker.io.attacker.example/"',
        },
        {
          path: 'spec.parameters.repos[2]',
          message: 'allowed repo "" is a prefix of every image: the constraint admits everything',
        },
        {
          path: 'spec.parameters.repos[4]',
          message:
            'allowed repo "gcr.io" has no "/": as a string prefix it also admits registries such as "gcr.io.attacker.example/"',
        },
      ],
    },
    {
      name: 'the v1 API too, and a host with a port but no "/"',
      yaml: constraint('["localhost:5000"]', 'constraints.gatekeeper.sh/v1'),
      findings: [
        {
          path: 'spec.parameters.repos[0]',
          message:
            'allowed repo "localhost:5000" has no "/": as a string prefix it also admits the registry on another port, such as "localhost:50000/"',
        },
      ],
    },
    {
      name: 'an organisation or repository without its closing "/": names that share the prefix pass',
      yaml: constraint('["ghcr.io/acme", "docker.io/library/nginx", "ghcr.io/acme/"]'),
      findings: [
        {
          path: 'spec.parameters.repos[0]',
          message:
            'allowed repo "ghcr.io/acme" does not end with "/": as a string prefix it also admits repositories such as "ghcr.io/acme-evil/"',
        },
        {
          path: 'spec.parameters.repos[1]',
          message:
            'allowed repo "docker.io/library/nginx" does not end with "/": as a string prefix it also admits repositories such as "docker.io/library/nginx-evil/"',
        },
      ],
    },
  ],
});
