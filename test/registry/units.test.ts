// The registry client's pure parts: platforms, challenges, Link pages, hosts and mirrors, cache
// location, and which config.json entry serves which host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir, endpointsFor, parseChallenge, parsePlatform, parseRegistryMirror, parseRegistryMirrors, selectPlatform, type Descriptor } from '../../src/registry/index.js';
import { nextPage } from '../../src/registry/client.js';
import { httpAllowed } from '../../src/registry/hosts.js';
import { CredentialStore } from '../../src/registry/credentials.js';

const d = (digest: string, platform?: Descriptor['platform']): Descriptor => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 1, ...(platform ? { platform } : {}) });
const index = [
  d('sha256:amd64', { os: 'linux', architecture: 'amd64' }),
  d('sha256:armv6', { os: 'linux', architecture: 'arm', variant: 'v6' }),
  d('sha256:armv7', { os: 'linux', architecture: 'arm', variant: 'v7' }),
  d('sha256:arm64', { os: 'linux', architecture: 'arm64' }),
  d('sha256:attest', { os: 'unknown', architecture: 'unknown' }),
  d('sha256:win', { os: 'windows', architecture: 'amd64' }),
];

test('parsePlatform reads os/arch[/variant] and rejects anything else', () => {
  assert.deepEqual(parsePlatform('linux/arm64/v8'), { os: 'linux', architecture: 'arm64', variant: 'v8' });
  assert.deepEqual(parsePlatform('linux/amd64'), { os: 'linux', architecture: 'amd64' });
  assert.throws(() => parsePlatform('linux'), /invalid platform 'linux'/);
});

test('selectPlatform: default linux/amd64, variants, arm64 is v8, attestations never chosen', () => {
  assert.equal(selectPlatform({ manifests: index })?.digest, 'sha256:amd64');
  assert.equal(selectPlatform(index, 'linux/arm/v7')?.digest, 'sha256:armv7');
  assert.equal(selectPlatform(index, 'linux/arm/v6')?.digest, 'sha256:armv6');
  assert.equal(selectPlatform(index, 'linux/arm64/v8')?.digest, 'sha256:arm64');
  assert.equal(selectPlatform(index, 'windows/amd64')?.digest, 'sha256:win');
  assert.equal(selectPlatform(index, 'unknown/unknown')?.digest, 'sha256:attest');
  assert.equal(selectPlatform(index.slice(4, 5), 'linux/amd64'), null);
  assert.equal(selectPlatform(index, 'linux/s390x'), null);
});

test('parseChallenge reads Bearer parameters with quoted commas, and Basic', () => {
  const c = parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull,push"');
  assert.deepEqual(c, { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/node:pull,push' } });
  assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
  assert.equal(parseChallenge('Negotiate abc'), null);
});

test('nextPage follows relative and absolute Link headers, and stops without rel=next', () => {
  assert.equal(nextPage('</v2/library/node/tags/list?n=2&last=b>; rel="next"', 'library/node'), 'tags/list?n=2&last=b');
  assert.equal(nextPage('<https://ghcr.io/v2/o/r/tags/list?last=x&n=100>; rel="next"', 'o/r'), 'tags/list?last=x&n=100');
  assert.equal(nextPage('</v2/x/tags/list?last=b>; rel="prev"', 'x'), null);
  assert.equal(nextPage(null, 'x'), null);
});

test('endpoints: Docker Hub API host, mirrors first, plain HTTP only for loopback or insecure hosts', () => {
  assert.deepEqual(endpointsFor('docker.io', {}), [{ base: 'https://registry-1.docker.io', host: 'registry-1.docker.io', mirror: false }]);
  assert.deepEqual(endpointsFor('docker.io', { 'docker.io': { mirrors: ['http://127.0.0.1:5000', 'https://mirror.example'] } }).map((e) => e.base),
    ['http://127.0.0.1:5000', 'https://mirror.example', 'https://registry-1.docker.io']);
  assert.equal(endpointsFor('localhost:5000', {})[0]!.base, 'http://localhost:5000');
  assert.equal(endpointsFor('[::1]:5000', {})[0]!.base, 'http://[::1]:5000');
  assert.equal(endpointsFor('reg.lan:5000', {})[0]!.base, 'https://reg.lan:5000');
  assert.equal(endpointsFor('reg.lan:5000', { 'reg.lan:5000': { mirrors: [], insecure: true } })[0]!.base, 'http://reg.lan:5000');
  assert.equal(httpAllowed('http://reg.lan:5000', {}), false);
  assert.equal(httpAllowed('http://reg.lan:5000', { 'reg.lan:5000': { mirrors: [], insecure: true } }), true);
  assert.equal(httpAllowed('http://mirror.lan', { 'docker.io': { mirrors: ['http://mirror.lan'] } }), false);
});

test('--registry-mirror values: REGISTRY=URL, grouped in order, Hub aliases folded, bad values refused', () => {
  assert.deepEqual(parseRegistryMirror('docker.io=http://127.0.0.1:5000/'), { registry: 'docker.io', url: 'http://127.0.0.1:5000' });
  assert.deepEqual(parseRegistryMirrors(['index.docker.io=http://a:1', 'ghcr.io=https://b', 'docker.io=http://c:2']), { 'docker.io': ['http://a:1', 'http://c:2'], 'ghcr.io': ['https://b'] });
  assert.throws(() => parseRegistryMirror('docker.io'), /REGISTRY=URL/);
  assert.throws(() => parseRegistryMirror('docker.io=ftp://x'), /not an http/);
  assert.throws(() => parseRegistryMirror('docker.io=::'), /not a URL/);
});

test('cache location: $XDG_CACHE_HOME/plinth, else ~/.cache/plinth', () => {
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }), '/x/cache/plinth');
  assert.equal(defaultCacheDir({ HOME: '/home/u' }), '/home/u/.cache/plinth');
});

test('credentials: Docker Hub aliases share https://index.docker.io/v1/, helpers get the host on stdin, other hosts get nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'plinth-creds-'));
  try {
    const helper = join(dir, 'docker-credential-unitstore');
    await writeFile(helper, `#!/bin/sh\nread host\necho "$host" >> ${join(dir, 'asked')}\nif [ "$host" = "ghcr.io" ]; then echo '{"Username":"<token>","Secret":"idt"}'; else exit 1; fi\n`);
    await chmod(helper, 0o755);
    await writeFile(join(dir, 'config.json'), JSON.stringify({
      auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw:with:colons').toString('base64') }, 'quay.io': { username: 'q', password: 'p' } },
      credHelpers: { 'ghcr.io': 'unitstore' },
    }));
    const store = new CredentialStore({ DOCKER_CONFIG: dir, PATH: `${dir}:${process.env.PATH}` });
    for (const host of ['docker.io', 'index.docker.io', 'registry-1.docker.io']) assert.deepEqual(await store.get(host), { username: 'hub', password: 'pw:with:colons' });
    assert.deepEqual(await store.get('quay.io'), { username: 'q', password: 'p' });
    assert.deepEqual(await store.get('ghcr.io'), { identityToken: 'idt' });
    assert.equal(await store.get('example.com'), null);
    assert.deepEqual((await readFile(join(dir, 'asked'), 'utf8')).trim().split('\n'), ['ghcr.io']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a TLS failure is its own one-line error kind', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'plinth-tls-'));
  const { spawnSync } = await import('node:child_process');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k'), '-out', join(dir, 'c'), '-days', '1', '-subj', '/CN=localhost']);
  if (made.status !== 0) {
    t.skip('openssl is not installed (apt-get install openssl)');
    return void (await rm(dir, { recursive: true, force: true }));
  }
  const { createServer } = await import('node:https');
  const server = createServer({ key: await readFile(join(dir, 'k')), cert: await readFile(join(dir, 'c')) }, (_req, res) => res.end('{}'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { Http } = await import('../../src/registry/http.js');
    const http = new Http({ timeoutMs: 5000, retries: 0, maxRetryWaitMs: 0, retryBudgetMs: 0, concurrency: 1, fetch });
    const port = (server.address() as { port: number }).port;
    await assert.rejects(http.send({ method: 'GET', url: `https://127.0.0.1:${port}/v2/` }), (e: unknown) => (e as { reason?: string }).reason === 'tls' && /TLS failure talking to 127\.0\.0\.1:\d+/.test((e as Error).message) && !(e as Error).message.includes('\n'));
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  }
});

/** A fetch that answers from a table and records what each request carried (the Http class's own seam). */
function recordingFetch(answers: Record<string, Response | (() => Response)>) {
  const seen: { url: string; authorization: string | null }[] = [];
  const f = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    seen.push({ url, authorization: headers.get('authorization') });
    const a = answers[url];
    if (!a) return new Response('no', { status: 404 });
    return typeof a === 'function' ? a() : a;
  }) as typeof fetch;
  return { f, seen };
}

test('credentials never follow a redirect from HTTPS to plain HTTP, even on the same host', async () => {
  const { Http } = await import('../../src/registry/http.js');
  const { f, seen } = recordingFetch({
    'https://registry.example.com/v2/x/manifests/1': () => new Response(null, { status: 307, headers: { location: 'http://registry.example.com/v2/x/manifests/1' } }),
    'http://registry.example.com/v2/x/manifests/1': () => new Response('{}', { status: 200 }),
  });
  const http = new Http({ timeoutMs: 5000, retries: 0, maxRetryWaitMs: 0, retryBudgetMs: 0, concurrency: 1, fetch: f });
  const res = await http.send({ method: 'GET', url: 'https://registry.example.com/v2/x/manifests/1', authorization: 'Basic c2VjcmV0OnNlY3JldA==' });
  assert.equal(res.status, 200);
  assert.deepEqual(seen.map((s) => [new URL(s.url).protocol, s.authorization]), [['https:', 'Basic c2VjcmV0OnNlY3JldA=='], ['http:', null]]);
});

test('a token realm on plain HTTP gets no credentials (only loopback and insecure hosts may)', async () => {
  const { Http } = await import('../../src/registry/http.js');
  const { Authorizer } = await import('../../src/registry/auth.js');
  const dir = await mkdtemp(join(tmpdir(), 'plinth-realm-'));
  try {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { 'registry.example.com': { auth: Buffer.from('me:hunter2').toString('base64') } } }));
    const { f, seen } = recordingFetch({});
    const http = new Http({ timeoutMs: 5000, retries: 0, maxRetryWaitMs: 0, retryBudgetMs: 0, concurrency: 1, fetch: f });
    const auth = new Authorizer(http, new CredentialStore({ DOCKER_CONFIG: dir }));
    await assert.rejects(
      auth.challenge('registry.example.com', 'repository:x:pull', 'Bearer realm="http://registry.example.com/token",service="registry.example.com"', undefined),
      (e: unknown) => (e as { reason?: string }).reason === 'insecure' && /plain HTTP .*credentials are not sent/.test((e as Error).message),
    );
    assert.deepEqual(seen, [], 'nothing was sent');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the request timeout is an idle timeout: a steady slow body passes, a stalled one times out; answers are bounded', async () => {
  const { Http, readBody, BODY_LIMITS } = await import('../../src/registry/http.js');
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    if (req.url === '/steady' || req.url === '/stall') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let n = 0;
      const tick = setInterval(() => {
        res.write(Buffer.alloc(1000, 1));
        if (++n === (req.url === '/steady' ? 8 : 2)) {
          clearInterval(tick);
          // The stalled body goes quiet for longer than the timeout before it ends.
          if (req.url === '/steady') res.end();
          else setTimeout(() => res.end(), 1200);
        }
      }, 100);
    } else if (req.url === '/huge') {
      res.writeHead(200, { 'content-length': String(BODY_LIMITS.manifest + 1) });
      res.end();
    } else {
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let i = 0; i < 20; i++) res.write(chunk);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const http = new Http({ timeoutMs: 400, retries: 0, maxRetryWaitMs: 0, retryBudgetMs: 0, concurrency: 2, fetch });
    // 8 chunks over about 800 ms, twice the timeout in all, never 400 ms without a byte.
    assert.equal((await readBody(await http.send({ method: 'GET', url: `${base}/steady` }), 'steady', 1e6)).length, 8000);
    await assert.rejects(readBody(await http.send({ method: 'GET', url: `${base}/stall` }), 'stall', 1e6), (e: unknown) => e instanceof Error && /timed out|timeout|connection failed/i.test(e.message) && !e.message.includes('\n'));
    await assert.rejects(readBody(await http.send({ method: 'GET', url: `${base}/huge` }), 'manifest', BODY_LIMITS.manifest), /more than the 4194304 a registry's answer may have/);
    // No length said: counted as it arrives and cut at the limit.
    await assert.rejects(readBody(await http.send({ method: 'GET', url: `${base}/chunked` }), 'token', BODY_LIMITS.small), /more than the 1048576 bytes/);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
