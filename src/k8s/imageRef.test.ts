import { describe, expect, it } from 'vitest';
import {
  defaultPullPolicy,
  effectiveTag,
  imageMatchesPrefix,
  isPinned,
  parseImageReference,
  type ImageReference,
} from './imageRef.js';

const SHA = 'sha256:' + 'a'.repeat(64);

function parsed(raw: string): ImageReference {
  const r = parseImageReference(raw);
  if (!r.ok) throw new Error(`${raw}: ${r.error}`);
  return r.image;
}

describe('parseImageReference: normalisation as the kubelet does it', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined],
    ['bitnami/redis:7.2', 'docker.io', 'bitnami/redis', '7.2', undefined],
    ['docker.io/nginx', 'docker.io', 'library/nginx', undefined, undefined],
    ['index.docker.io/library/nginx:1', 'docker.io', 'library/nginx', '1', undefined],
    ['localhost:5000/app', 'localhost:5000', 'app', undefined, undefined],
    ['localhost/app:v1', 'localhost', 'app', 'v1', undefined],
    ['registry.example.com:8443/team/app:2.0', 'registry.example.com:8443', 'team/app', '2.0', undefined],
    ['ghcr.io/acme/tools/cli:v1.2.3-rc.1', 'ghcr.io', 'acme/tools/cli', 'v1.2.3-rc.1', undefined],
    [`nginx@${SHA}`, 'docker.io', 'library/nginx', undefined, SHA],
    [`nginx:latest@${SHA}`, 'docker.io', 'library/nginx', 'latest', SHA],
    [`[::1]:5000/app:1`, '[::1]:5000', 'app', '1', undefined],
    ['Registry/app', 'Registry', 'app', undefined, undefined],
    ['my_org/my__app-x.y', 'docker.io', 'my_org/my__app-x.y', undefined, undefined],
  ])('%s → %s / %s tag %s digest %s', (raw, domain, path, tag, digest) => {
    const image = parsed(raw);
    expect(image.domain).toBe(domain);
    expect(image.path).toBe(path);
    expect(image.name).toBe(`${domain}/${path}`);
    expect(image.tag).toBe(tag);
    expect(image.digest).toBe(digest);
  });

  it.each([
    ['', 'empty image reference'],
    ['nginx:', 'invalid tag ""'],
    ['nginx:-1', 'invalid tag "-1"'],
    ['nginx@sha256:abc', 'invalid digest "sha256:abc"'],
    [`nginx@sha256:${'A'.repeat(64)}`, `invalid digest "sha256:${'A'.repeat(64)}"`],
    [`nginx@md5:${'a'.repeat(32)}`, `invalid digest "md5:${'a'.repeat(32)}"`],
    ['Nginx', 'repository name must be lowercase'],
    ['acme/App', 'repository name must be lowercase'],
    ['acme//app', 'invalid repository name component ""'],
    ['acme/-app', 'invalid repository name component "-app"'],
    ['{{ .Values.image }}', 'repository name must be lowercase'],
    ['my image', 'invalid repository name component "my image"'],
    ['bad_host.io/app', 'invalid registry "bad_host.io"'],
    ['registry.io/', 'missing repository name'],
    ['a'.repeat(64), 'a 64-character hex image ID is not a reference'],
    [`${'a'.repeat(256)}:1`, 'repository name longer than 255 characters'],
  ])('%j is invalid: %s', (raw, error) => {
    expect(parseImageReference(raw)).toEqual({ ok: false, error });
  });
});

describe('pinning and pull-policy defaults (SetDefaults_Container)', () => {
  it.each([
    ['nginx', false, 'latest', 'Always'],
    ['nginx:latest', false, 'latest', 'Always'],
    ['nginx:1.27', false, '1.27', 'IfNotPresent'],
    ['nginx:LATEST', false, 'LATEST', 'IfNotPresent'],
    [`nginx@${SHA}`, true, undefined, 'IfNotPresent'],
    [`nginx:latest@${SHA}`, true, 'latest', 'Always'],
    ['localhost:5000/app', false, 'latest', 'Always'],
  ])('%s: pinned %s, tag %s, default policy %s', (raw, pinned, tag, policy) => {
    const image = parsed(raw);
    expect(isPinned(image)).toBe(pinned);
    expect(effectiveTag(image)).toBe(tag);
    expect(defaultPullPolicy(image)).toBe(policy);
  });
});

describe('imageMatchesPrefix', () => {
  it.each([
    ['registry.example.com/app:1', 'registry.example.com/', true],
    ['registry.example.com/app:1', 'registry.example.com', true],
    ['registry.example.com.evil.io/app:1', 'registry.example.com', false],
    ['REGISTRY.example.com/app', 'registry.example.com/', true],
    ['ghcr.io/acme/app', 'ghcr.io/acme/', true],
    ['ghcr.io/acme/app', 'ghcr.io/acme', true],
    ['ghcr.io/acme-evil/app', 'ghcr.io/acme', false],
    ['ghcr.io/acme', 'ghcr.io/acme', true],
    ['nginx:1.27', 'docker.io/', true],
    ['nginx:1.27', 'docker.io/library/', true],
    ['nginx:1.27', 'index.docker.io/library', true],
    ['nginx:1.27', 'docker.io/library/nginx', true],
    ['acme/app', 'acme/', true],
    ['acme/app', 'docker.io/acme', true],
    ['quay.io/acme/app', 'acme/', false],
    ['localhost:5000/app', 'localhost:5000', true],
    ['localhost:5001/app', 'localhost:5000', false],
    ['nginx', '', false],
    ['nginx', '/', false],
  ])('%s under %j: %s', (raw, prefix, want) => {
    expect(imageMatchesPrefix(parsed(raw), prefix)).toBe(want);
  });
});
