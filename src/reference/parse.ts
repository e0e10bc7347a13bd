// Docker's distribution reference grammar (github.com/distribution/reference), normalized the way
// `docker pull` does it: `node` -> docker.io/library/node with the tag `latest` implied, not written.
import { ReferenceError, type ImageRef } from './types.js';
import { BoundedMap } from '../util/bounded-map.js';

const DOCKER_HUB = 'docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const NAME_TOTAL_MAX = 255;

// A path component: lower-case alphanumerics joined by `.`, `_`, `__` or runs of `-`.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const DOMAIN_NAME = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*$/;
const IPV6 = /^\[[a-fA-F0-9:]+\]$/;
const PORT = /^[0-9]+$/;

const cache = new BoundedMap<string, ImageRef>(50_000);
// Invalid references recur too (`$BASE_IMAGE`): rethrowing the first error skips building a new one.
const failures = new BoundedMap<string, ReferenceError>(50_000);

/** Parses and normalizes an image reference; throws ReferenceError with a one-line reason. */
export function parseReference(text: string): ImageRef {
  const hit = cache.get(text);
  if (hit) return hit;
  const failed = failures.get(text);
  if (failed) throw failed;
  let ref: ImageRef;
  try {
    ref = parseUncached(text);
  } catch (e) {
    if (e instanceof ReferenceError) {
      failures.set(text, e);
    }
    throw e;
  }
  cache.set(text, ref);
  return ref;
}

function parseUncached(text: string): ImageRef {
  const fail = (why: string): never => {
    throw new ReferenceError(`invalid reference "${text}": ${why}`, text);
  };
  if (text === '') fail('empty reference');
  if (/\s/.test(text)) fail('contains white space');

  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    validateDigest(digest, fail);
  }

  // The tag follows the last ':' that comes after the last '/' (a ':' before it is a port).
  let tag: string | null = null;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === '') fail('empty tag');
    if (!TAG.test(tag)) fail(`invalid tag "${tag}" (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-')`);
  }
  if (rest === '') fail('empty repository name');

  let registry = DOCKER_HUB;
  let path = rest;
  const firstSlash = rest.indexOf('/');
  if (firstSlash >= 0) {
    const first = rest.slice(0, firstSlash);
    if (looksLikeDomain(first)) {
      validateDomain(first, fail);
      registry = HUB_ALIASES.has(first.toLowerCase()) ? DOCKER_HUB : first;
      path = rest.slice(firstSlash + 1);
    }
  }
  if (path === '') fail('empty repository name');
  if (path.length > NAME_TOTAL_MAX) fail(`repository name longer than ${NAME_TOTAL_MAX} characters`);
  for (const component of path.split('/')) {
    if (component === '') fail('empty path component');
    if (!PATH_COMPONENT.test(component)) {
      if (component.toLowerCase() !== component && PATH_COMPONENT.test(component.toLowerCase())) {
        fail('repository name must be lowercase');
      }
      fail(`invalid path component "${component}"`);
    }
  }
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;

  const implicitTag = tag === null && digest === null;
  return { original: text, registry, repository: path, tag, implicitTag, digest };
}

function looksLikeDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[') || first.toLowerCase() !== first;
}

function validateDomain(domain: string, fail: (why: string) => never): void {
  let host = domain;
  let port: string | null = null;
  if (domain.startsWith('[')) {
    const close = domain.indexOf(']');
    host = domain.slice(0, close + 1);
    const after = domain.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) fail(`invalid registry "${domain}"`);
      port = after.slice(1);
    }
    if (!IPV6.test(host)) fail(`invalid IPv6 registry address "${domain}"`);
  } else {
    const c = domain.indexOf(':');
    if (c >= 0) {
      host = domain.slice(0, c);
      port = domain.slice(c + 1);
    }
    if (!DOMAIN_NAME.test(host)) fail(`invalid registry "${domain}"`);
  }
  if (port !== null && !PORT.test(port)) fail(`invalid port in registry "${domain}"`);
}

function validateDigest(digest: string, fail: (why: string) => never): void {
  if (!DIGEST.test(digest)) fail(`invalid digest "${digest}"`);
  const [algorithm, hex] = digest.split(':') as [string, string];
  const lengths: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  const want = lengths[algorithm];
  if (want === undefined) fail(`unsupported digest algorithm "${algorithm}"`);
  if (hex.length !== want || !/^[a-f0-9]+$/.test(hex)) fail(`invalid digest "${digest}": ${algorithm} needs ${want} lower-case hex characters`);
}

/** Full normalized form: `docker.io/library/node:22`, `ghcr.io/o/r@sha256:...`; no invented tag. */
export function formatReference(ref: ImageRef): string {
  let s = `${ref.registry}/${ref.repository}`;
  if (ref.tag !== null) s += `:${ref.tag}`;
  if (ref.digest !== null) s += `@${ref.digest}`;
  return s;
}

/** The repository without tag or digest in familiar form: `node`, `user/app`, `ghcr.io/o/r`. */
export function familiarName(ref: ImageRef): string {
  if (ref.registry === DOCKER_HUB) {
    return ref.repository.startsWith('library/') && ref.repository.indexOf('/', 8) < 0 ? ref.repository.slice(8) : ref.repository;
  }
  return `${ref.registry}/${ref.repository}`;
}

/** Docker's familiar form: `node:22`, `user/app`, `ghcr.io/o/r:tag@sha256:...`. */
export function familiarReference(ref: ImageRef): string {
  let s = familiarName(ref);
  if (ref.tag !== null) s += `:${ref.tag}`;
  if (ref.digest !== null) s += `@${ref.digest}`;
  return s;
}

/** The tag in effect: the written one, or `latest` when none and no digest was written. */
export function effectiveTag(ref: ImageRef): string | null {
  return ref.tag ?? (ref.digest === null ? 'latest' : null);
}

export function withTag(ref: ImageRef, tag: string): ImageRef {
  return { ...ref, original: familiarReference({ ...ref, tag, digest: null }), tag, implicitTag: false, digest: null };
}

export function withDigest(ref: ImageRef, digest: string): ImageRef {
  const next = { ...ref, digest, implicitTag: false };
  return { ...next, original: familiarReference(next) };
}

/** `registry/repository:tag` (`latest` when untagged): the one key for what a tag resolves to. */
export function tagKey(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`;
}

/** The reference, or null when the text is not a valid one (for checks that only ask "is it valid"). */
export function tryParseReference(text: string): ImageRef | null {
  try {
    return parseReference(text);
  } catch {
    return null;
  }
}

/** Why the text is not a valid reference, or null when it is. */
export function referenceProblem(text: string): ReferenceError | null {
  try {
    parseReference(text);
    return null;
  } catch (err) {
    if (err instanceof ReferenceError) return err;
    throw err;
  }
}
