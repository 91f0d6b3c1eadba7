/**
 * Container image references, parsed and normalised exactly as the kubelet does it
 * (`parsers.ParseImageName` → `github.com/distribution/reference.ParseNormalizedNamed`):
 *
 *   reference := name [":" tag] ["@" digest]
 *   name      := [domain "/"] path          path := component ("/" component)*
 *   component := [a-z0-9]+ (separator [a-z0-9]+)*   separator := [_.] | "__" | "-"+
 *   domain    := host [":" port]            tag := [\w][\w.-]{0,127}
 *   digest    := algorithm ":" hex          (go-digest accepts sha256, sha384, sha512 with
 *                                           64, 96, 128 lower-case hex digits)
 *
 * The first path segment is the registry only if it contains "." or ":", is
 * `localhost`, or has upper-case letters; otherwise the image is on Docker Hub
 * (`docker.io`, alias `index.docker.io`), where a one-segment path gets `library/`
 * (`nginx` = `docker.io/library/nginx`). So `localhost:5000/app` is registry
 * `localhost:5000` with no tag, and `nginx:latest@sha256:…` is pinned by its digest.
 */

export const DOCKER_HUB = 'docker.io';
const LEGACY_DOCKER_HUB = 'index.docker.io';

export interface ImageReference {
  /** The text as written. */
  readonly raw: string;
  /** Registry host (and port), normalised: `docker.io` for Docker Hub. */
  readonly domain: string;
  /** Repository path in the registry: `library/nginx`, `acme/app`. */
  readonly path: string;
  /** `domain/path`: `docker.io/library/nginx`. */
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

export type ParsedImage =
  { readonly ok: true; readonly image: ImageReference } | { readonly ok: false; readonly error: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`,
);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;
const MAX_NAME_LENGTH = 255;

function looksLikeDomain(segment: string): boolean {
  return /[.:]/.test(segment) || segment === 'localhost' || segment.toLowerCase() !== segment;
}

/**
 * `parseImageReference`, remembered for the last few thousand references: every rule on images
 * asks about the same containers, and a cluster runs few distinct images. The results are frozen.
 */
export function parseImageReference(raw: string): ParsedImage {
  let parsed = parsedImages.get(raw);
  if (parsed === undefined) {
    if (parsedImages.size >= 4096) parsedImages.clear();
    parsed = Object.freeze(parseImage(raw));
    parsedImages.set(raw, parsed);
  }
  return parsed;
}

const parsedImages = new Map<string, ParsedImage>();

function parseImage(raw: string): ParsedImage {
  const fail = (error: string): ParsedImage => ({ ok: false, error });
  if (raw === '') return fail('empty image reference');
  // ParseNormalizedNamed refuses a bare image ID, which `docker run` would accept.
  if (/^[a-f0-9]{64}$/.test(raw)) return fail('a 64-character hex image ID is not a reference');
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return fail(`invalid digest "${digest}"`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return fail(`invalid tag "${tag}"`);
  }
  if (rest.length > MAX_NAME_LENGTH) return fail(`repository name longer than ${MAX_NAME_LENGTH} characters`);
  const slash = rest.indexOf('/');
  let domain = DOCKER_HUB;
  let path = rest;
  if (slash !== -1 && looksLikeDomain(rest.slice(0, slash))) {
    domain = rest.slice(0, slash);
    path = rest.slice(slash + 1);
    if (!DOMAIN.test(domain)) return fail(`invalid registry "${domain}"`);
  }
  if (domain === LEGACY_DOCKER_HUB) domain = DOCKER_HUB;
  if (path === '') return fail('missing repository name');
  if (path.toLowerCase() !== path) return fail('repository name must be lowercase');
  for (const component of path.split('/')) {
    if (!COMPONENT.test(component)) return fail(`invalid repository name component "${component}"`);
  }
  if (domain === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  return {
    ok: true,
    image: {
      raw,
      domain,
      path,
      name: `${domain}/${path}`,
      ...(tag !== undefined ? { tag } : {}),
      ...(digest !== undefined ? { digest } : {}),
    },
  };
}

/** True when the image is pinned by a content digest (whatever tag it also names). */
export function isPinned(image: ImageReference): boolean {
  return image.digest !== undefined;
}

/** The tag the kubelet pulls: the written one, else `latest` when there is no digest either. */
export function effectiveTag(image: ImageReference): string | undefined {
  return image.tag ?? (image.digest === undefined ? 'latest' : undefined);
}

/** The `imagePullPolicy` the API server fills in when none is set (`SetDefaults_Container`). */
export function defaultPullPolicy(image: ImageReference): 'Always' | 'IfNotPresent' {
  return effectiveTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

/**
 * True when the image's normalised name starts with `prefix` at a path-segment
 * boundary: `registry.example.com/` and `registry.example.com` admit
 * `registry.example.com/app` but not `registry.example.com.evil.io/app`;
 * `ghcr.io/acme/` admits `ghcr.io/acme/app` but not `ghcr.io/acme-evil/app`. A prefix
 * whose first segment is no registry host is on Docker Hub (`acme/` = `docker.io/acme/`);
 * official Docker Hub images are `docker.io/library/…`. Hosts compare case-insensitively.
 */
export function imageMatchesPrefix(image: ImageReference, prefix: string): boolean {
  const trimmed = prefix.trim().replace(/\/+$/, '');
  if (trimmed === '') return false;
  const slash = trimmed.indexOf('/');
  const first = slash === -1 ? trimmed : trimmed.slice(0, slash);
  let domain: string;
  let path: string;
  if (looksLikeDomain(first)) {
    domain = first.toLowerCase();
    path = slash === -1 ? '' : trimmed.slice(slash + 1);
  } else {
    domain = DOCKER_HUB;
    path = trimmed;
  }
  if (domain === LEGACY_DOCKER_HUB) domain = DOCKER_HUB;
  if (image.domain.toLowerCase() !== domain) return false;
  return path === '' || image.path === path || image.path.startsWith(`${path}/`);
}
