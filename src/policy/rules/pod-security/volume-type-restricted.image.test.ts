import { describe, expect, it } from 'vitest';
import { runRule } from '../../../../test/ruleTester.js';
import { evaluatePodSecurity } from '../../../pss/evaluate.js';
import { volumeTypeRestricted } from './volume-type-restricted.js';

// Image volumes (KEP-4639) are among the sources Pod Security Admission's restricted level
// allows (check_restrictedVolumes.go); the rule reads the same list (pss/checks/restrictedVolumes.ts).
const pod = `
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - {name: models, image: {reference: "registry.example.com/models:1"}}
  - {name: shared, nfs: {server: 10.0.0.5, path: /exports}}
  - {name: both, nfs: {server: 10.0.0.5, path: /x}, configMap: {name: c}}
  containers: [{name: app, image: nginx:1.27}]
`;

describe('volume-type-restricted and the PSS restricted level agree on volume types', () => {
  it('an image volume passes, an nfs volume is reported, and a volume naming an allowed source too passes, as in PSA', () => {
    const result = runRule(volumeTypeRestricted, pod);
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => `${f.path}: ${f.message}`)).toEqual([
      'spec.volumes[1].nfs: volume "shared" uses volume type nfs, outside the restricted set',
    ]);
  });

  it('the PSS evaluator names the same volume, and only it', () => {
    const spec = {
      volumes: [
        { name: 'models', image: { reference: 'registry.example.com/models:1' } },
        { name: 'shared', nfs: { server: '10.0.0.5', path: '/exports' } },
        { name: 'both', nfs: { server: '10.0.0.5', path: '/x' }, configMap: { name: 'c' } },
      ],
      containers: [{ name: 'app', image: 'nginx:1.27' }],
    };
    const result = evaluatePodSecurity({}, spec, {
      level: 'restricted',
      version: 'latest',
      specPath: ['spec'],
      metadataPath: ['metadata'],
    });
    const volumes = result.violations.filter((v) => v.checkId === 'restrictedVolumes');
    expect(volumes.map((v) => v.detail)).toEqual(['volume "shared" uses restricted volume type "nfs"']);
  });
});
