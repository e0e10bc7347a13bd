// A real OCI registry for tests: Debian's docker-registry on 127.0.0.1 (open, htpasswd Basic, or
// Bearer tokens from a small token service here), a fault-injecting proxy in front of it, and an
// image builder that pushes real tar layers through the distribution API.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, createSign, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';

export const REGISTRY_BIN = '/usr/bin/docker-registry';

/** Why registry tests cannot run here, or false when they can. */
export const registryMissing: string | false = (() => {
  if (spawnSync('sh', ['-c', `test -x ${REGISTRY_BIN}`]).status !== 0) return 'docker-registry is not installed (apt-get install docker-registry)';
  return false;
})();
export const skopeoMissing: string | false = spawnSync('sh', ['-c', 'command -v skopeo']).status === 0 ? false : 'skopeo is not installed (apt-get install skopeo)';

export const USER = 'plinth';
export const PASSWORD = 'secret-pw';
/** The OAuth2 refresh token (config.json `identitytoken`) the test token service accepts. */
export const IDENTITY_TOKEN = 'plinth-identity-token';

export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  host: string;
  /** `http://127.0.0.1:PORT` */
  url: string;
  auth: 'none' | 'basic' | 'token';
  /** skopeo flags to read from it: `--tls-verify=false` and credentials when needed. */
  skopeoAuth: string[];
  /** Token requests the token service answered (token auth only). */
  tokenRequests(): number;
  /** How each token request authenticated, in order (token auth only). */
  tokenGrants(): ('anonymous' | 'basic' | 'refresh')[];
  /** `127.0.0.1:PORT` of the token service (token auth only): another host than the registry. */
  tokenRealmHost?: string;
  /** Writes a Docker config.json with this registry's credentials into `dir`. */
  writeDockerConfig(dir: string): Promise<void>;
  /** An Authorization header with push rights (for the image builder). */
  pushAuthorization(repository: string): string | undefined;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface RegistryStartOptions {
  auth?: 'none' | 'basic' | 'token';
  /** The `expires_in` the token service reports (default 300 s); the JWTs stay valid 300 s regardless. */
  tokenExpiresIn?: number;
  /** The token service answers with `access_token` only (as OAuth2 servers do), not `token`. */
  accessTokenOnly?: boolean;
}

export async function startRegistry(options: RegistryStartOptions = {}): Promise<TestRegistry> {
  if (registryMissing) throw new Error(registryMissing);
  const auth = options.auth ?? 'none';
  const dir = await mkdtemp(join(tmpdir(), 'plinth-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  let authYaml = '';
  let tokens: TokenService | null = null;
  if (auth === 'basic') {
    const r = spawnSync('htpasswd', ['-Bbn', USER, PASSWORD], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`htpasswd failed (apt-get install apache2-utils): ${r.stderr}`);
    await writeFile(join(dir, 'htpasswd'), r.stdout);
    authYaml = `auth:\n  htpasswd:\n    realm: plinth-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (auth === 'token') {
    tokens = await startTokenService(dir, options);
    authYaml = `auth:\n  token:\n    realm: ${tokens.url}/token\n    service: plinth-registry\n    issuer: plinth-test-issuer\n    rootcertbundle: ${tokens.certPath}\n`;
  }
  const config = `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${join(dir, 'data')}
  delete:
    enabled: true
http:
  addr: ${host}
${authYaml}`;
  await writeFile(join(dir, 'config.yml'), config);
  const child = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  await waitUntilUp(`http://${host}/v2/`, child, () => stderr);
  const reg: TestRegistry = {
    host,
    url: `http://${host}`,
    auth,
    skopeoAuth: ['--tls-verify=false', ...(auth === 'none' ? [] : ['--creds', `${USER}:${PASSWORD}`])],
    tokenRequests: () => tokens?.count() ?? 0,
    tokenGrants: () => tokens?.grants() ?? [],
    ...(tokens ? { tokenRealmHost: new URL(tokens.url).host } : {}),
    writeDockerConfig: async (configDir) => {
      const b64 = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
      await writeFile(join(configDir, 'config.json'), JSON.stringify({ auths: { [host]: { auth: b64 } } }));
    },
    pushAuthorization: (repository) => {
      if (auth === 'basic') return `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
      if (auth === 'token') return `Bearer ${tokens!.mint(repository, ['pull', 'push'])}`;
      return undefined;
    },
    stop: async () => {
      await stopChild(child);
      await tokens?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return reg;
}

async function waitUntilUp(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${stderr().trim().split('\n').pop()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`docker-registry did not start: ${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((r) => {
    child.once('exit', () => r());
    // No graceful drain: tests hold keep-alive connections that would keep it waiting.
    child.kill('SIGKILL');
  });
}

interface TokenService {
  url: string;
  certPath: string;
  count(): number;
  grants(): ('anonymous' | 'basic' | 'refresh')[];
  mint(repository: string, actions: string[]): string;
  stop(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Docker's token protocol: GET /token?service=&scope= with Basic credentials; JWTs signed with a key the registry trusts via x5c. */
async function startTokenService(dir: string, options: RegistryStartOptions): Promise<TokenService> {
  const keyPath = join(dir, 'token.key');
  const certPath = join(dir, 'token.crt');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=plinth-token'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  const key = await readFile(keyPath, 'utf8');
  const der = Buffer.from((await readFile(certPath, 'utf8')).replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  let count = 0;
  const mint = (repository: string, actions: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', x5c: [der.toString('base64')] };
    const claims = {
      iss: 'plinth-test-issuer', sub: USER, aud: 'plinth-registry', exp: now + 300, nbf: now - 10, iat: now,
      jti: randomBytes(8).toString('hex'), access: repository ? [{ type: 'repository', name: repository, actions }] : [],
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(createSign('RSA-SHA256').update(input).sign(key))}`;
  };
  const grants: ('anonymous' | 'basic' | 'refresh')[] = [];
  const answer = (res: ServerResponse, scope: string, authenticated: boolean) => {
    // Anyone may pull, except repositories under private/, which need credentials.
    const [, name = ''] = /^repository:([^:]+):/.exec(scope) ?? [];
    const actions = authenticated ? ['pull', 'push'] : name.startsWith('private/') ? [] : ['pull'];
    const token = mint(actions.length ? name : '', actions);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...(options.accessTokenOnly ? {} : { token }), access_token: token, expires_in: options.tokenExpiresIn ?? 300, issued_at: new Date().toISOString() }));
  };
  const server = createServer((req, res) => {
    count++;
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST') {
      // OAuth2 refresh-token grant, as Docker Hub accepts for an `identitytoken`.
      let body = '';
      req.on('data', (c) => (body += String(c)));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        grants.push('refresh');
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== IDENTITY_TOKEN) {
          res.writeHead(401).end();
          return;
        }
        answer(res, form.get('scope') ?? '', true);
      });
      return;
    }
    const authz = req.headers.authorization ?? '';
    grants.push(authz ? 'basic' : 'anonymous');
    if (authz && authz !== `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`) {
      res.writeHead(401).end();
      return;
    }
    answer(res, url.searchParams.get('scope') ?? '', authz !== '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    certPath,
    count: () => count,
    grants: () => [...grants],
    mint,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// ---- the fault-injecting proxy ----

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; times?: number }
  | { kind: 'slow'; delayMs: number; times?: number }
  | { kind: 'truncate'; times?: number }
  | { kind: 'lie-digest'; times?: number }
  /** Drops Docker-Content-Digest, as some registries and proxies do. */
  | { kind: 'no-digest-header'; times?: number }
  | { kind: 'corrupt-body'; times?: number }
  | { kind: 'redirect'; to: string; times?: number }
  /** Serves tag lists in pages of `pageSize` with `Link` headers, as Docker Hub and GHCR do (docker-registry 2.8 does not paginate). */
  | { kind: 'paginate-tags'; pageSize: number; times?: number };

export interface FaultRule {
  method?: string;
  path?: RegExp;
  fault: Fault;
}

export interface Counts {
  token: number;
  head: number;
  get: number;
  total: number;
  byPath: Record<string, number>;
  /** Requests that carried an Authorization header. */
  authorized: number;
  /** Most requests in flight at once. */
  maxInFlight: number;
}

export interface FaultProxy {
  url: string;
  host: string;
  counts(): Counts;
  resetCounts(): void;
  /** Replaces the fault rules (each rule applies `times` times, default forever). */
  setFaults(rules: FaultRule[]): void;
  stop(): Promise<void>;
}

export async function startFaultProxy(target: TestRegistry | string, options: { latencyMs?: number; faults?: FaultRule[] } = {}): Promise<FaultProxy> {
  const targetUrl = new URL(typeof target === 'string' ? target : target.url);
  let rules: (FaultRule & { left: number })[] = [];
  const setFaults = (r: FaultRule[]) => (rules = r.map((x) => ({ ...x, left: x.fault.times ?? Infinity })));
  setFaults(options.faults ?? []);
  let counts = { head: 0, get: 0, total: 0, authorized: 0, maxInFlight: 0, byPath: {} as Record<string, number> };
  let inFlight = 0;
  let tokenBase = typeof target === 'string' ? 0 : target.tokenRequests();

  const server: Server = createServer((req, res) => {
    counts.maxInFlight = Math.max(counts.maxInFlight, ++inFlight);
    res.on('close', () => inFlight--);
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counts.total++;
    if (req.headers.authorization) counts.authorized++;
    if (req.method === 'HEAD') counts.head++;
    else if (req.method === 'GET') counts.get++;
    const key = `${req.method} ${req.url}`;
    counts.byPath[key] = (counts.byPath[key] ?? 0) + 1;
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const rule = rules.find((r) => r.left > 0 && (!r.method || r.method === req.method) && (!r.path || r.path.test(req.url ?? '')));
    if (rule) rule.left--;
    const fault = rule?.fault;
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, fault.headers ?? {}).end();
      return;
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(307, { location: fault.to }).end();
      return;
    }
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.kind === 'paginate-tags') {
      const url = new URL(req.url ?? '/', 'http://x');
      const all = (await (await fetch(`${targetUrl.origin}${url.pathname}`, { headers: req.headers.authorization ? { authorization: req.headers.authorization } : {} })).json()) as { name: string; tags: string[] };
      const sorted = [...all.tags].sort();
      const last = url.searchParams.get('last');
      const page = sorted.filter((t) => last === null || t > last).slice(0, fault.pageSize);
      const more = page.length > 0 && sorted.indexOf(page[page.length - 1]!) < sorted.length - 1;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (more) headers.link = `<${url.pathname}?n=${fault.pageSize}&last=${page[page.length - 1]}>; rel="next"`;
      res.writeHead(200, headers).end(JSON.stringify({ name: all.name, tags: page }));
      return;
    }
    const upstream = httpRequest(
      { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: { ...req.headers, host: targetUrl.host } },
      (up) => {
        const headers = { ...up.headers };
        if (fault?.kind === 'lie-digest') headers['docker-content-digest'] = `sha256:${'0'.repeat(64)}`;
        if (fault?.kind === 'no-digest-header') delete headers['docker-content-digest'];
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          let body = Buffer.concat(chunks);
          if (fault?.kind === 'corrupt-body' && body.length > 0) {
            body = Buffer.from(body);
            body[body.length - 1] = body[body.length - 1]! ^ 0xff;
          }
          if (fault?.kind === 'truncate' && body.length > 1) {
            // Promise the whole length, send half, then cut the connection.
            res.writeHead(up.statusCode ?? 502, headers);
            res.write(body.subarray(0, Math.floor(body.length / 2)));
            res.socket?.destroy();
            return;
          }
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(req.method === 'HEAD' ? undefined : body);
        });
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    counts: () => ({ ...counts, token: (typeof target === 'string' ? 0 : target.tokenRequests()) - tokenBase }),
    resetCounts: () => {
      counts = { head: 0, get: 0, total: 0, authorized: 0, maxInFlight: 0, byPath: {} };
      tokenBase = typeof target === 'string' ? 0 : target.tokenRequests();
    },
    setFaults,
    stop: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

// ---- the image builder ----

export type LayerFile = { path: string; content: string | Buffer } | { path: string; symlink: string };

export interface PushOptions {
  /** Makes the content (and so the digests) unique and reproducible. */
  seed?: string;
  /** `linux/amd64` etc.; more than one pushes an index. Default one platform, no index. */
  platforms?: string[];
  /** Force an index even for one platform. */
  index?: boolean;
  mediaTypes?: 'docker' | 'oci';
  /** Layers as files; default one layer with a file derived from the seed. */
  layers?: LayerFile[][];
  labels?: Record<string, string>;
  created?: string;
  /** Extra incompressible bytes per layer, for size tests. */
  fillerBytes?: number;
  /** Blob upload: one PUT (default) or PATCH chunks then PUT. */
  upload?: 'monolithic' | 'chunked';
}

export interface PushedImage {
  /** The digest the tag points to: the index digest when there is one. */
  digest: string;
  mediaType: string;
  platforms: { platform: string; digest: string; compressedBytes: number; layers: number; created: string }[];
}

const MT = {
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
} as const;

const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export async function tarLayer(files: LayerFile[]): Promise<Buffer> {
  const p = tarPack();
  const chunks: Buffer[] = [];
  p.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((res, rej) => {
    p.on('end', () => res());
    p.on('error', rej);
  });
  for (const f of files) {
    if ('symlink' in f) p.entry({ name: f.path, type: 'symlink', linkname: f.symlink, mtime: new Date(0) });
    else p.entry({ name: f.path, mode: 0o644, mtime: new Date(0) }, Buffer.from(f.content));
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** An image built in memory: every blob, the per-platform manifests and the top manifest (or index). */
export interface BuiltImage extends PushedImage {
  blobs: Map<string, Buffer>;
  manifests: { digest: string; mediaType: string; bytes: Buffer }[];
  top: { digest: string; mediaType: string; bytes: Buffer };
}

/** Builds an image's real gzip tar layers, config blobs, manifests and (multi-platform) index. */
export async function buildImage(nameTag: string, options: PushOptions = {}): Promise<BuiltImage> {
  const mt = MT[options.mediaTypes ?? 'docker'];
  const platforms = options.platforms ?? ['linux/amd64'];
  const seed = options.seed ?? nameTag;
  const created = options.created ?? '2026-01-02T03:04:05Z';
  const blobs = new Map<string, Buffer>();
  const manifests: BuiltImage['manifests'] = [];
  const pushed: PushedImage['platforms'] = [];
  const descriptors: { mediaType: string; digest: string; size: number; platform: Record<string, string> }[] = [];
  for (const platform of platforms) {
    const [os, architecture, variant] = platform.split('/') as [string, string, string | undefined];
    const layerFiles = options.layers ?? [[{ path: 'etc/plinth-seed', content: `${seed} ${platform}\n` }]];
    const layers: { digest: string; size: number; diffId: string }[] = [];
    for (const [i, files] of layerFiles.entries()) {
      const extra: LayerFile[] = options.fillerBytes ? [{ path: `filler-${i}`, content: randomish(`${seed}${platform}${i}`, options.fillerBytes) }] : [];
      const tar = await tarLayer([...files, ...extra, { path: `etc/plinth-platform-${i}`, content: `${seed} ${platform}` }]);
      const gz = gzipSync(tar);
      blobs.set(digestOf(gz), gz);
      layers.push({ digest: digestOf(gz), size: gz.length, diffId: digestOf(tar) });
    }
    const config = Buffer.from(JSON.stringify({
      architecture, os, ...(variant ? { variant } : {}), created,
      config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Labels: options.labels ?? { 'org.opencontainers.image.title': seed } },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    }));
    blobs.set(digestOf(config), config);
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: mt.manifest,
      config: { mediaType: mt.config, digest: digestOf(config), size: config.length },
      layers: layers.map((l) => ({ mediaType: mt.layer, digest: l.digest, size: l.size })),
    }));
    manifests.push({ digest: digestOf(manifest), mediaType: mt.manifest, bytes: manifest });
    pushed.push({ platform, digest: digestOf(manifest), compressedBytes: config.length + layers.reduce((a, l) => a + l.size, 0), layers: layers.length, created });
    descriptors.push({ mediaType: mt.manifest, digest: digestOf(manifest), size: manifest.length, platform: { os, architecture, ...(variant ? { variant } : {}) } });
  }
  if (platforms.length === 1 && !options.index) {
    const top = manifests[0]!;
    return { digest: top.digest, mediaType: top.mediaType, platforms: pushed, blobs, manifests: [], top };
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: mt.index, manifests: descriptors }));
  return { digest: digestOf(index), mediaType: mt.index, platforms: pushed, blobs, manifests, top: { digest: digestOf(index), mediaType: mt.index, bytes: index } };
}

/** Pushes an image as `repository:tag` (e.g. `library/node:22`) to the registry. */
export async function pushImage(reg: TestRegistry | string, nameTag: string, options: PushOptions = {}): Promise<PushedImage> {
  const base = typeof reg === 'string' ? reg : reg.url;
  const [repository, tag] = splitNameTag(nameTag);
  const authorization = typeof reg === 'string' ? undefined : reg.pushAuthorization(repository);
  const image = await buildImage(nameTag, options);
  for (const bytes of image.blobs.values()) await putBlob(base, repository, bytes, options.upload ?? 'monolithic', authorization);
  for (const m of image.manifests) await putManifest(base, repository, m.digest, m.bytes, m.mediaType, authorization);
  await putManifest(base, repository, tag, image.top.bytes, image.top.mediaType, authorization);
  return { digest: image.digest, mediaType: image.mediaType, platforms: image.platforms };
}

/** Writes the same image as an OCI image layout in `dir` (tag in `org.opencontainers.image.ref.name`). */
export async function writeOciLayout(dir: string, nameTag: string, options: PushOptions = {}): Promise<BuiltImage> {
  const image = await buildImage(nameTag, options);
  const [, tag] = splitNameTag(nameTag);
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const all = [...image.blobs.entries(), ...image.manifests.map((m) => [m.digest, m.bytes] as const), [image.top.digest, image.top.bytes] as const];
  for (const [digest, bytes] of all) await writeFile(join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes);
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(join(dir, 'index.json'), JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: image.top.mediaType, digest: image.top.digest, size: image.top.bytes.length, annotations: { 'org.opencontainers.image.ref.name': tag } }],
  }));
  return image;
}

/**
 * `skopeo copy --all oci:DIR:TAG docker://HOST/NAME:TAG` into a test registry, digests preserved.
 * skopeo 1.9 (Debian 12) only finds OCI media types in a layout's index.json: build it with `mediaTypes: 'oci'`.
 */
export async function skopeoCopy(layoutDir: string, tag: string, reg: TestRegistry, nameTag: string): Promise<void> {
  const creds = reg.auth === 'none' ? [] : ['--dest-creds', `${USER}:${PASSWORD}`];
  const r = await run('skopeo', ['copy', '--quiet', '--all', '--preserve-digests', '--dest-tls-verify=false', ...creds, `oci:${layoutDir}:${tag}`, `docker://${reg.host}/${nameTag}`]);
  if (r.code !== 0) throw new Error(`skopeo copy to ${reg.host}/${nameTag}: ${r.stderr.trim()}`);
}

function splitNameTag(nameTag: string): [string, string] {
  const colon = nameTag.lastIndexOf(':');
  return colon > nameTag.lastIndexOf('/') ? [nameTag.slice(0, colon), nameTag.slice(colon + 1)] : [nameTag, 'latest'];
}

function randomish(seed: string, n: number): Buffer {
  const out = Buffer.alloc(n);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < n; i += 32) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

async function putBlob(base: string, repository: string, bytes: Buffer, mode: 'monolithic' | 'chunked', authorization?: string): Promise<void> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const start = await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers });
  await start.arrayBuffer();
  if (start.status !== 202) throw new Error(`blob upload start for ${repository}: HTTP ${start.status}`);
  let location = new URL(start.headers.get('location')!, base);
  let body = bytes;
  if (mode === 'chunked') {
    // PATCH the blob in chunks, then PUT an empty body with the digest.
    const size = Math.max(1, Math.ceil(bytes.length / 3));
    for (let at = 0; at < bytes.length; at += size) {
      const chunk = bytes.subarray(at, at + size);
      const patch = await fetch(location, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/octet-stream', 'content-range': `${at}-${at + chunk.length - 1}`, 'content-length': String(chunk.length) },
        body: new Uint8Array(chunk),
      });
      await patch.arrayBuffer();
      if (patch.status !== 202) throw new Error(`blob chunk upload for ${repository}: HTTP ${patch.status}`);
      location = new URL(patch.headers.get('location')!, base);
    }
    body = Buffer.alloc(0);
  }
  location.searchParams.set('digest', digestOf(bytes));
  const put = await fetch(location, { method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: new Uint8Array(body) });
  await put.arrayBuffer();
  if (put.status !== 201) throw new Error(`blob upload for ${repository}: HTTP ${put.status}`);
}

async function putManifest(base: string, repository: string, reference: string, bytes: Buffer, mediaType: string, authorization?: string): Promise<void> {
  const res = await fetch(`${base}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT', headers: { 'content-type': mediaType, ...(authorization ? { authorization } : {}) }, body: new Uint8Array(bytes),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`manifest put ${repository}:${reference}: HTTP ${res.status} ${text}`);
}

/** Runs a command without blocking the event loop (the token service answers from this process). */
export function run(cmd: string, args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c) => (err += String(c)));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err }));
  });
}

/** `skopeo inspect --raw` of a reference on a test registry, hashed: the digest skopeo sees. */
export async function skopeoRawDigest(reg: TestRegistry, reference: string): Promise<string> {
  const r = await run('skopeo', ['inspect', '--raw', ...reg.skopeoAuth, `docker://${reg.host}/${reference}`]);
  if (r.code !== 0) throw new Error(`skopeo inspect --raw ${reference}: ${r.stderr}`);
  return digestOf(r.stdout);
}

/** `skopeo inspect` JSON (platform-resolved) of a reference on a test registry. */
export async function skopeoInspect(reg: TestRegistry, reference: string, platform = 'linux/amd64'): Promise<{ Digest: string; Layers: string[] }> {
  const [os, arch] = platform.split('/');
  const r = await run('skopeo', ['inspect', '--override-os', os!, '--override-arch', arch!, ...reg.skopeoAuth, `docker://${reg.host}/${reference}`]);
  if (r.code !== 0) throw new Error(`skopeo inspect ${reference}: ${r.stderr}`);
  return JSON.parse(r.stdout.toString('utf8')) as { Digest: string; Layers: string[] };
}
