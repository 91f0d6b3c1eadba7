import { ruleTests } from '../../../../test/ruleTester.js';
import { registryNotAllowed } from './registry-not-allowed.js';

const pod = (...images: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
${images.map((img, i) => `  - {name: c${i}, image: "${img}"}`).join('\n')}
`;
const TRUSTED = { trustedRegistries: ['registry.example.com', 'ghcr.io/acme/', 'docker.io/library/'] };

ruleTests(registryNotAllowed, {
  valid: [
    {
      name: 'no trustedRegistries: any registry but the frozen one passes, invalid references too',
      yaml: pod('nginx:1.27', 'quay.io/x/y:1', 'registry.k8s.io/pause:3.9', 'Nope'),
    },
    {
      name: 'images under trusted prefixes, after Docker Hub normalisation',
      yaml: pod(
        'nginx:1.27',
        'index.docker.io/library/redis:7',
        'registry.example.com/team/app:1',
        'REGISTRY.EXAMPLE.COM/app:1',
        'ghcr.io/acme/tools/cli:2',
      ),
      settings: TRUSTED,
    },
  ],
  invalid: [
    {
      name: 'k8s.gcr.io is reported even without a trusted list',
      yaml: pod('k8s.gcr.io/pause:3.2', 'registry.k8s.io/pause:3.9'),
      findings: [
        {
          path: 'spec.containers[0].image',
          message:
            'container "c0" image "k8s.gcr.io/pause:3.2" comes from k8s.gcr.io, which is frozen and gets no updates: use registry.k8s.io',
          container: 'c0',
        },
      ],
    },
    {
      name: 'look-alike hosts, sibling organisations, Docker Hub user images, invalid references',
      yaml: pod(
        'registry.example.com.evil.io/app:1',
        'ghcr.io/acme-evil/app:1',
        'bitnami/redis:7',
        'ghcr.io/acme/app:1',
        'Bad/Image',
      ),
      settings: TRUSTED,
      findings: [
        {
          path: 'spec.containers[0].image',
          message:
            'container "c0" image "registry.example.com.evil.io/app:1" (registry.example.com.evil.io/app) is not from a trusted registry (trustedRegistries: registry.example.com, ghcr.io/acme/, docker.io/library/)',
          container: 'c0',
        },
        {
          path: 'spec.containers[1].image',
          message:
            'container "c1" image "ghcr.io/acme-evil/app:1" (ghcr.io/acme-evil/app) is not from a trusted registry (trustedRegistries: registry.example.com, ghcr.io/acme/, docker.io/library/)',
          container: 'c1',
        },
        {
          path: 'spec.containers[2].image',
          message:
            'container "c2" image "bitnami/redis:7" (docker.io/bitnami/redis) is not from a trusted registry (trustedRegistries: registry.example.com, ghcr.io/acme/, docker.io/library/)',
          container: 'c2',
        },
        {
          path: 'spec.containers[4].image',
          message:
            'container "c4" image "Bad/Image" is not a valid image reference (repository name must be lowercase), so its registry cannot be verified',
          container: 'c4',
        },
      ],
    },
  ],
});
