import { ruleTests } from '../../../../test/ruleTester.js';
import { imageNoDigest } from './image-no-digest.js';

const SHA = 'sha256:' + '0123456789abcdef'.repeat(4);

ruleTests(imageNoDigest, {
  valid: [
    {
      name: 'every container pinned by digest, with or without tag',
      yaml: `
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers: [{name: init, image: "busybox@${SHA}"}]
      containers: [{name: app, image: "ghcr.io/acme/app:1.2@${SHA}"}]
`,
    },
    {
      name: 'sha384 and sha512 digests pin too',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: a, image: "nginx@sha384:${'0'.repeat(96)}"}
  - {name: b, image: "nginx:1.27@sha512:${'a'.repeat(128)}"}
`,
    },
  ],
  invalid: [
    {
      name: "a version tag is not a digest; invalid references are image-latest-or-untagged's",
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: app, image: "nginx:1.27"}
  - {name: side, image: "localhost:5000/app"}
  - {name: bad, image: "Nope"}
  - {name: ok, image: "nginx@${SHA}"}
`,
      findings: [
        {
          path: 'spec.containers[0].image',
          message:
            'container "app" image "nginx:1.27" is not pinned by digest: the tag can be moved to other content',
          container: 'app',
        },
        {
          path: 'spec.containers[1].image',
          message:
            'container "side" image "localhost:5000/app" is not pinned by digest: the tag can be moved to other content',
          container: 'side',
        },
      ],
    },
    {
      name: 'a tag that looks like a digest is still a tag (cosign signature tags)',
      yaml: `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - {name: app, image: "nginx:sha256-${'0123456789abcdef'.repeat(4)}.sig"}
`,
      findings: [
        {
          path: 'spec.containers[0].image',
          message: `container "app" image "nginx:sha256-${'0123456789abcdef'.repeat(4)}.sig" is not pinned by digest: the tag can be moved to other content`,
          container: 'app',
        },
      ],
    },
  ],
});
