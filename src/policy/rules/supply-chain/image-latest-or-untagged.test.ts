import { ruleTests } from '../../../../test/ruleTester.js';
import { imageLatestOrUntagged } from './image-latest-or-untagged.js';

const SHA = 'sha256:' + '0123456789abcdef'.repeat(4);
const pod = (...images: string[]) => `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
${images.map((img, i) => `  - {name: c${i}, image: "${img}"}`).join('\n')}
`;

ruleTests(imageLatestOrUntagged, {
  valid: [
    {
      name: 'version tags, digests (even with :latest), registry ports, a capitalised tag',
      yaml: pod(
        'nginx:1.27',
        `nginx@${SHA}`,
        `nginx:latest@${SHA}`,
        'localhost:5000/app:v2',
        'registry.example.com:8443/team/app:2.0',
        'nginx:LATEST',
      ),
    },
    {
      name: 'a container without image is left to config tools',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      containers: [{name: app}]
`,
    },
  ],
  invalid: [
    {
      name: 'untagged, :latest, and a registry port that is no tag',
      yaml: pod('nginx', 'ghcr.io/acme/app:latest', 'localhost:5000/app', 'docker.io/library/redis'),
      findings: [
        {
          path: 'spec.containers[0].image',
          message: 'container "c0" image "nginx" has no tag: it pulls :latest, whatever that is at pull time',
          container: 'c0',
        },
        {
          path: 'spec.containers[1].image',
          message: 'container "c1" image "ghcr.io/acme/app:latest" uses the mutable tag :latest',
          container: 'c1',
        },
        {
          path: 'spec.containers[2].image',
          message:
            'container "c2" image "localhost:5000/app" has no tag: it pulls :latest, whatever that is at pull time',
          container: 'c2',
        },
        {
          path: 'spec.containers[3].image',
          message:
            'container "c3" image "docker.io/library/redis" has no tag: it pulls :latest, whatever that is at pull time',
          container: 'c3',
        },
      ],
    },
    {
      name: 'init and ephemeral containers of a CronJob',
      yaml: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: init, image: busybox}]
          containers: [{name: app, image: "app:1.0"}]
          ephemeralContainers: [{name: debug, image: "busybox:latest"}]
`,
      findings: [
        {
          path: 'spec.jobTemplate.spec.template.spec.initContainers[0].image',
          message:
            'container "init" image "busybox" has no tag: it pulls :latest, whatever that is at pull time',
          container: 'init',
        },
        {
          path: 'spec.jobTemplate.spec.template.spec.ephemeralContainers[0].image',
          message: 'container "debug" image "busybox:latest" uses the mutable tag :latest',
          container: 'debug',
        },
      ],
    },
    {
      name: 'an unrendered template and a short digest are no valid references',
      yaml: pod('{{ .Values.image }}', 'nginx@sha256:abc'),
      findings: [
        {
          path: 'spec.containers[0].image',
          message:
            'container "c0" image "{{ .Values.image }}" is not a valid image reference (repository name must be lowercase)',
          container: 'c0',
        },
        {
          path: 'spec.containers[1].image',
          message:
            'container "c1" image "nginx@sha256:abc" is not a valid image reference (invalid digest "sha256:abc")',
          container: 'c1',
        },
      ],
    },
  ],
});
