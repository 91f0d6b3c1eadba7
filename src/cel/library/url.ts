// The Kubernetes URL library (k8s.io/apiserver/pkg/cel/library/urls.go). Like Go's url.ParseRequestURI,
// a URL is an absolute URI (scheme:…) or an absolute path; the accessors return what Go's net/url returns.
import { celFunc, celMethod, CelScalar } from '@bufbuild/cel';
import type { CelFunc, CelValue } from '@bufbuild/cel';
import { OPAQUE, Opaque, payloadOf } from './opaque.js';

interface ParsedUrl {
  scheme: string;
  host: string;
  path: string;
  rawQuery: string;
}

const TYPE = 'kubernetes.URL';
const uriPattern = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Parses as url.ParseRequestURI does, or returns undefined. */
export function parseUrl(text: string): ParsedUrl | undefined {
  // Go's url.Parse rejects ASCII control characters.
  if ([...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return undefined;
  if (text.startsWith('/')) {
    const [beforeQuery = '', rawQuery = ''] = text.split(/\?(.*)/s);
    const path = decode(beforeQuery);
    return path === undefined ? undefined : { scheme: '', host: '', path, rawQuery };
  }
  const match = uriPattern.exec(text);
  if (!match) return undefined;
  const [, scheme = '', authority, rawPath = '', rawQuery = ''] = match;
  if (authority === undefined && !rawPath.startsWith('/')) return undefined; // opaque URIs are not request URIs
  const host = authority === undefined ? '' : authority.slice(authority.lastIndexOf('@') + 1);
  if (!validHost(host)) return undefined;
  const path = decode(rawPath);
  if (path === undefined) return undefined;
  return { scheme, host, path, rawQuery };
}

function validHost(host: string): boolean {
  if (host.startsWith('[')) return /^\[[0-9a-fA-F:.%a-zA-Z]+\](?::\d*)?$/.test(host);
  const colon = host.indexOf(':');
  return colon < 0 || /^:\d*$/.test(host.slice(colon));
}

function splitHost(host: string): { hostname: string; port: string } {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    return { hostname: host.slice(1, close), port: host.slice(close + 2) };
  }
  const colon = host.indexOf(':');
  return colon < 0 ? { hostname: host, port: '' } : { hostname: host.slice(0, colon), port: host.slice(colon + 1) };
}

/** Go's url.URL.EscapedPath for a path without a RawPath: escape what is not valid in a path segment. */
function escapedPath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, (ch) =>
    [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** Go's url.ParseQuery: repeated keys collect values; '+' is a space; undecodable pairs are skipped. */
function query(rawQuery: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const key = decode((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = decode((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    if (key === undefined || value === undefined) continue;
    result.set(key, [...(result.get(key) ?? []), value]);
  }
  return result;
}

function urlOf(text: string): CelValue {
  const parsed = parseUrl(text);
  if (parsed === undefined) throw new Error(`URL parse error during conversion from string: ${text}`);
  return new Opaque(TYPE, text, parsed).cel();
}

const get = (value: unknown, method: string): ParsedUrl => payloadOf<ParsedUrl>(value, TYPE, method);

export const urlFunctions: CelFunc[] = [
  celFunc('url', [CelScalar.STRING], CelScalar.DYN, urlOf),
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, (text) => parseUrl(text) !== undefined),
  celMethod('getScheme', OPAQUE, [], CelScalar.STRING, function () {
    return get(this, 'getScheme').scheme;
  }),
  celMethod('getHost', OPAQUE, [], CelScalar.STRING, function () {
    return get(this, 'getHost').host;
  }),
  celMethod('getHostname', OPAQUE, [], CelScalar.STRING, function () {
    return splitHost(get(this, 'getHostname').host).hostname;
  }),
  celMethod('getPort', OPAQUE, [], CelScalar.STRING, function () {
    return splitHost(get(this, 'getPort').host).port;
  }),
  celMethod('getEscapedPath', OPAQUE, [], CelScalar.STRING, function () {
    return escapedPath(get(this, 'getEscapedPath').path);
  }),
  celMethod('getQuery', OPAQUE, [], CelScalar.DYN, function () {
    return query(get(this, 'getQuery').rawQuery);
  }),
];
