// The OCI distribution client: HEAD for digests, GET for content, every body checked against its
// digest, mirrors tried before the upstream, credentials only for their own host.
import { pushAll } from '../util/push-all.js';
import { Readable, Transform } from 'node:stream';
import { createHash } from 'node:crypto';
import type { RegistryHost } from '../config/types.js';
import type { ImageRef } from '../reference/types.js';
import { Authorizer } from './auth.js';
import { DiskCache, defaultCacheDir, sha256 } from './cache.js';
import { CredentialStore } from './credentials.js';
import { RegistryError, isUnreachable } from './errors.js';
import { apiHost, endpointsFor, httpAllowed, type Endpoint } from './hosts.js';
import { BODY_LIMITS, Http, readBody } from './http.js';
import { MEDIA_TYPES, type FetchedManifest, type Registry } from './types.js';


/** The only digests plinth writes or trusts: sha256, 64 lower-case hex digits. */
const DIGEST = /^sha256:[0-9a-f]{64}$/;
export interface RegistryOptions {
  /** Registry hosts and their mirrors (the config's `registries:`). */
  registries?: Record<string, RegistryHost>;
  /** Mirrors from `--registry-mirror`: { 'docker.io': ['http://127.0.0.1:5000'] }. */
  mirrors?: Record<string, string[]>;
  cacheDir?: string;
  noCache?: boolean;
  /** How long a tag -> digest answer is reused from the cache (default 1 hour). */
  tagTtlMs?: number;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  retries?: number;
  maxRetryWaitMs?: number;
  retryBudgetMs?: number;
  concurrency?: number;
  fetch?: typeof fetch;
}

export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifestList, MEDIA_TYPES.dockerManifest].join(', ');

export interface RequestStats {
  token: number;
  head: number;
  get: number;
}

export class RegistryClient implements Registry {
  private readonly http: Http;
  private readonly auth: Authorizer;
  /** The cache folder, and one partition per credential identity (see cacheFor). */
  private readonly cacheRoot: string | null;
  private readonly tagTtlMs: number;
  private readonly caches = new Map<string, Promise<DiskCache>>();
  private readonly credentials: CredentialStore;
  private readonly hosts: Record<string, RegistryHost>;
  private readonly counts = { head: 0, get: 0 };

  constructor(options: RegistryOptions = {}) {
    const env = options.env ?? process.env;
    this.http = new Http({
      timeoutMs: options.timeoutMs ?? 30_000,
      retries: options.retries ?? 4,
      maxRetryWaitMs: options.maxRetryWaitMs ?? 10_000,
      retryBudgetMs: options.retryBudgetMs ?? 30_000,
      concurrency: options.concurrency ?? 8,
      fetch: options.fetch ?? fetch,
    });
    this.credentials = new CredentialStore(env);
    this.auth = new Authorizer(this.http, this.credentials, (url) => httpAllowed(url, this.hosts));
    this.cacheRoot = options.noCache ? null : options.cacheDir ?? defaultCacheDir(env);
    this.tagTtlMs = options.tagTtlMs ?? 3_600_000;
    this.hosts = { ...(options.registries ?? {}) };
    for (const [registry, urls] of Object.entries(options.mirrors ?? {})) {
      const existing = this.hosts[registry];
      this.hosts[registry] = { ...existing, mirrors: [...urls, ...(existing?.mirrors ?? [])] };
    }
  }

  /** Requests made so far, for benchmarks and tests. */
  stats(): RequestStats {
    return { token: this.auth.tokenRequests, head: this.counts.head, get: this.counts.get };
  }

  /** The last `RateLimit-Remaining` a host reported. */
  rateLimitRemaining(host: string): string | undefined {
    return this.http.rateLimitRemaining.get(host);
  }

  /**
   * The cache partition for a registry's answers: one per credential identity, so what was fetched
   * with credentials is never served to a run without them (or with others). Anonymous answers share
   * one partition.
   */
  private cacheFor(ref: ImageRef): Promise<DiskCache> | null {
    if (this.cacheRoot === null) return null;
    let cache = this.caches.get(ref.registry);
    if (!cache) {
      const root = this.cacheRoot;
      const host = apiHost(ref.registry);
      cache = this.credentials.get(host).then((cred) => {
        const identity = cred ? `id-${createHash('sha256').update(JSON.stringify([host, cred.username ?? '', cred.password ?? '', cred.identityToken ?? ''])).digest('hex').slice(0, 24)}` : 'anonymous';
        return new DiskCache(root, identity, this.tagTtlMs);
      });
      this.caches.set(ref.registry, cache);
    }
    return cache;
  }

  async resolve(ref: ImageRef, options: { verify?: boolean } = {}): Promise<{ digest: string; mediaType: string; size: number }> {
    const cache = await this.cacheFor(ref);
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const key = `${ref.registry}/${ref.repository}:${reference}`;
    if (!ref.digest && cache && !options.verify) {
      const hit = await cache.getTag(key);
      if (hit && DIGEST.test(hit.digest)) return hit;
    }
    const res = await this.request(ref, 'HEAD', `manifests/${reference}`, { accept: MANIFEST_ACCEPT });
    let digest = res.headers.get('docker-content-digest');
    // A header is only a claim: it must at least look like a digest before anything uses it.
    if (digest !== null && !DIGEST.test(digest)) throw new RegistryError('protocol', `${key}: Docker-Content-Digest '${digest.slice(0, 80)}' is not a sha256 digest`);
    // Verified: the manifest fetched by that digest hashes to it (manifest() checks), or the answer is refused.
    if (digest !== null && options.verify) await this.manifest(ref, digest);
    let mediaType = baseType(res.headers.get('content-type'));
    let size = Number(res.headers.get('content-length') ?? 0);
    if (!digest) {
      const m = await this.manifest(ref, reference);
      ({ digest, mediaType } = m);
      size = m.bytes.length;
    }
    if (ref.digest && digest !== ref.digest) throw new RegistryError('digest-mismatch', `${key} answered with digest ${digest}`);
    const entry = { digest, mediaType, size, at: Date.now() };
    if (!ref.digest) await cache?.putTag(key, entry);
    return { digest, mediaType, size };
  }

  async manifest(ref: ImageRef, reference: string = ref.digest ?? ref.tag ?? 'latest'): Promise<FetchedManifest> {
    if (reference.includes(':') && !DIGEST.test(reference)) throw new RegistryError('protocol', `${name(ref)}: '${reference.slice(0, 80)}' is not a sha256 digest`);
    const cache = await this.cacheFor(ref);
    const byDigest = reference.startsWith('sha256:');
    const tagKey = `${ref.registry}/${ref.repository}:${reference}`;
    // By tag, a fresh tag -> digest answer plus the content by digest saves the GET (Docker Hub counts GETs).
    const known = byDigest ? reference : (await cache?.getTag(tagKey))?.digest;
    if (known) {
      const cached = await cache?.getContent(known);
      if (cached) return toManifest(known, cached, null);
    }
    const res = await this.request(ref, 'GET', `manifests/${reference}`, { accept: MANIFEST_ACCEPT });
    const bytes = await readBody(res, `manifest ${name(ref)}:${reference}`, BODY_LIMITS.manifest);
    const digest = sha256(bytes);
    const header = res.headers.get('docker-content-digest');
    if (header && header !== digest) throw new RegistryError('digest-mismatch', `manifest ${name(ref)}:${reference}: Docker-Content-Digest ${header} does not match the body's ${digest}`);
    if (byDigest && digest !== reference) throw new RegistryError('digest-mismatch', `manifest ${name(ref)}@${reference}: the body hashes to ${digest}`);
    const manifest = toManifest(digest, bytes, baseType(res.headers.get('content-type')));
    await cache?.putContent(digest, bytes);
    if (!byDigest) await cache?.putTag(tagKey, { digest, mediaType: manifest.mediaType, size: bytes.length, at: Date.now() });
    return manifest;
  }

  async blob(ref: ImageRef, digest: string): Promise<Uint8Array> {
    const cache = await this.cacheFor(ref);
    const cached = await cache?.getContent(digest);
    if (cached) return cached;
    const res = await this.request(ref, 'GET', `blobs/${digest}`, {});
    const bytes = await readBody(res, `blob ${digest}`, BODY_LIMITS.config);
    if (sha256(bytes) !== digest) throw new RegistryError('digest-mismatch', `blob ${name(ref)}@${digest}: the body hashes to ${sha256(bytes)}`);
    await cache?.putContent(digest, bytes);
    return bytes;
  }

  async blobStream(ref: ImageRef, digest: string): Promise<NodeJS.ReadableStream> {
    const res = await this.request(ref, 'GET', `blobs/${digest}`, {});
    if (!res.body) throw new RegistryError('protocol', `blob ${digest} has no body`);
    const hash = createHash('sha256');
    const verify = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        cb(null, chunk);
      },
      flush(cb) {
        const got = `sha256:${hash.digest('hex')}`;
        cb(got === digest ? null : new RegistryError('digest-mismatch', `blob ${name(ref)}@${digest}: the body hashes to ${got}`));
      },
    });
    const source = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
    source.on('error', (err) => verify.destroy(err));
    return source.pipe(verify);
  }

  async tags(ref: ImageRef): Promise<string[]> {
    const out: string[] = [];
    let path: string | null = 'tags/list?n=1000';
    for (let page = 0; path && page < 1000; page++) {
      const res = await this.request(ref, 'GET', path, { accept: 'application/json' });
      const body = JSON.parse(new TextDecoder().decode(await readBody(res, `tag list of ${name(ref)}`, BODY_LIMITS.manifest))) as { tags?: string[] | null };
      pushAll(out, body.tags ?? []);
      path = nextPage(res.headers.get('link'), ref.repository);
    }
    return out;
  }

  /** One request against the registry's endpoints in order: mirrors first, then the registry itself. */
  private async request(ref: ImageRef, method: 'GET' | 'HEAD', path: string, headers: Record<string, string>): Promise<Response> {
    const endpoints = endpointsFor(ref.registry, this.hosts);
    let lastError: unknown = null;
    let mirrorMiss: Response | null = null;
    for (const [i, endpoint] of endpoints.entries()) {
      const last = i === endpoints.length - 1;
      try {
        const res = await this.requestAt(endpoint, ref, method, path, headers);
        // A mirror that lacks the content is skipped, as containerd does.
        if (!last && endpoint.mirror && res.status === 404) {
          mirrorMiss = res;
          continue;
        }
        return await checkStatus(res, ref, path);
      } catch (err) {
        lastError = err;
        // The upstream could not be asked: the mirror's "not found" is the better answer.
        if (last && mirrorMiss && isUnreachable(err)) return await checkStatus(mirrorMiss, ref, path);
        if (last || !(isUnreachable(err) || (err instanceof RegistryError && err.reason === 'denied'))) throw err;
      }
    }
    throw lastError;
  }

  private async requestAt(endpoint: Endpoint, ref: ImageRef, method: 'GET' | 'HEAD', path: string, headers: Record<string, string>): Promise<Response> {
    if (!httpAllowed(endpoint.base, this.hosts)) throw new RegistryError('insecure', `refusing plain HTTP to ${endpoint.host}: mark it insecure in the config to allow it`);
    const url = path.startsWith('/') ? `${endpoint.base}${path}` : `${endpoint.base}/v2/${ref.repository}/${path}`;
    const scope = `repository:${ref.repository}:pull`;
    let authorization = await this.auth.header(endpoint.host, scope);
    for (let attempt = 0; ; attempt++) {
      if (method === 'HEAD') this.counts.head++;
      else this.counts.get++;
      const res = await this.http.send({ method, url, headers, ...(authorization ? { authorization } : {}) });
      if (res.status !== 401 || attempt > 0) return res;
      await res.body?.cancel().catch(() => {});
      authorization = await this.auth.challenge(endpoint.host, scope, res.headers.get('www-authenticate'), authorization);
    }
  }
}

async function checkStatus(res: Response, ref: ImageRef, path: string): Promise<Response> {
  if (res.ok) return res;
  let code = '';
  if (res.body) {
    const text = new TextDecoder().decode(await readBody(res, `error from ${name(ref)}`, BODY_LIMITS.small).catch(() => new Uint8Array(0)));
    code = /"code"\s*:\s*"([A-Z_]+)"/.exec(text)?.[1] ?? '';
  }
  const what = name(ref);
  const reference = path.startsWith('manifests/') ? path.slice('manifests/'.length) : null;
  if (res.status === 404 || code === 'MANIFEST_UNKNOWN' || code === 'NAME_UNKNOWN') {
    if (code === 'NAME_UNKNOWN' || (!reference && !path.startsWith('blobs/'))) throw new RegistryError('unknown-repository', `repository ${what} not found`, 404);
    if (reference) throw new RegistryError('unknown-tag', `${what}:${reference} not found (unknown tag or digest)`, 404);
    throw new RegistryError('unknown-repository', `${what}: ${path} not found`, 404);
  }
  if (res.status === 401 || res.status === 403) throw new RegistryError('denied', `access to ${what} denied (HTTP ${res.status})`, res.status);
  throw new RegistryError('protocol', `${what}: HTTP ${res.status} for ${path}`, res.status);
}

function toManifest(digest: string, bytes: Uint8Array, mediaType: string | null): FetchedManifest {
  let json: FetchedManifest['json'];
  try {
    json = JSON.parse(new TextDecoder().decode(bytes)) as FetchedManifest['json'];
  } catch {
    throw new RegistryError('protocol', `manifest ${digest} is not JSON`);
  }
  return { digest, bytes, json, mediaType: json.mediaType ?? mediaType ?? (json.manifests ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.ociManifest) };
}

function baseType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim();
}

function name(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The next page from a `Link: </v2/x/tags/list?n=2&last=b>; rel="next"` header. */
export function nextPage(link: string | null, repository: string): string | null {
  if (!link) return null;
  const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  if (!m) return null;
  const url = new URL(m[1]!, 'http://x');
  const prefix = `/v2/${repository}/`;
  return url.pathname.startsWith(prefix) ? `${url.pathname.slice(prefix.length)}${url.search}` : `${url.pathname}${url.search}`;
}
