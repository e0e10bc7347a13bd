// Faults injected by a proxy in front of a real registry: each case asserts what the client does.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, RegistryError } from '../../src/registry/index.js';
import { parseReference } from '../../src/reference/index.js';
import { PASSWORD, USER, pushImage, registryMissing, startFaultProxy, startRegistry, type FaultProxy, type TestRegistry } from '../helpers/registry.js';

describe('registry client under injected faults', { skip: registryMissing }, () => {
  let reg: TestRegistry;
  let proxy: FaultProxy;
  let pushedDigest: string;
  let configDigest: string;
  let dockerConfig: string;
  const image = () => parseReference(`${proxy.host}/faulty/app:1`);
  const client = (extra: Record<string, unknown> = {}) => createRegistry({ noCache: true, env: { DOCKER_CONFIG: dockerConfig }, maxRetryWaitMs: 2_000, ...extra });

  before(async () => {
    reg = await startRegistry({ auth: 'basic' });
    const pushed = await pushImage(reg, 'faulty/app:1', { layers: [[{ path: 'etc/data', content: 'x'.repeat(5000) }]] });
    pushedDigest = pushed.digest;
    proxy = await startFaultProxy(reg);
    dockerConfig = await mkdtemp(join(tmpdir(), 'plinth-faults-'));
    // Credentials are for the proxy's host, which is the registry as plinth sees it.
    await mkdir(dockerConfig, { recursive: true });
    const b64 = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    await import('node:fs/promises').then((fs) => fs.writeFile(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [proxy.host]: { auth: b64 } } })));
    const m = await client().manifest(image());
    configDigest = m.json.config!.digest;
  });
  after(async () => {
    await proxy?.stop();
    await reg?.stop();
    await rm(dockerConfig, { recursive: true, force: true });
  });

  test('429 with Retry-After is waited out and retried', async () => {
    proxy.setFaults([{ method: 'HEAD', fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' }, times: 1 } }]);
    proxy.resetCounts();
    const t0 = Date.now();
    assert.equal((await client().resolve(image())).digest, pushedDigest);
    assert.ok(Date.now() - t0 >= 900, 'waited for Retry-After');
    assert.ok(proxy.counts().head >= 2);
  });

  test('429 that never ends becomes a rate-limited error within the retry budget', async () => {
    proxy.setFaults([{ method: 'HEAD', fault: { kind: 'status', status: 429, headers: { 'retry-after': '0', 'ratelimit-remaining': '0;w=21600' } } }]);
    const c = client({ retries: 2 });
    await assert.rejects(c.resolve(image()), (e: unknown) => e instanceof RegistryError && e.reason === 'rate-limited' && /RateLimit-Remaining 0/.test(e.message));
    assert.equal(c.rateLimitRemaining(proxy.host), '0;w=21600');
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    proxy.setFaults([{ method: 'HEAD', fault: { kind: 'status', status: 503, headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() }, times: 1 } }]);
    const t0 = Date.now();
    assert.equal((await client().resolve(image())).digest, pushedDigest);
    assert.ok(Date.now() - t0 >= 900, `waited ${Date.now() - t0} ms`);
  });

  test('retries stop at the total budget: a registry that keeps failing is an error, not a hang', async () => {
    proxy.setFaults([{ method: 'HEAD', fault: { kind: 'status', status: 502, headers: { 'retry-after': '1' } } }]);
    proxy.resetCounts();
    const t0 = Date.now();
    await assert.rejects(client({ retries: 50, retryBudgetMs: 1500 }).resolve(image()), (e: unknown) => e instanceof RegistryError && e.reason === 'unreachable' && /HTTP 502/.test(e.message));
    assert.ok(Date.now() - t0 < 4000);
    assert.ok(proxy.counts().head <= 4, `${proxy.counts().head} HEADs`);
  });

  test('a HEAD without Docker-Content-Digest falls back to one GET, verified', async () => {
    proxy.setFaults([{ method: 'HEAD', fault: { kind: 'no-digest-header' } }]);
    const c = client();
    await c.manifest(image()); // learn the challenge first, so the counts below are the lookups alone
    proxy.resetCounts();
    const before = c.stats();
    assert.equal((await c.resolve(image())).digest, pushedDigest);
    assert.deepEqual([c.stats().head - before.head, c.stats().get - before.get], [1, 1]);
    proxy.setFaults([{ method: 'HEAD', fault: { kind: 'no-digest-header' } }, { method: 'GET', path: /manifests/, fault: { kind: 'corrupt-body' } }]);
    await assert.rejects(c.resolve(image()), (e: unknown) => e instanceof RegistryError && e.reason === 'digest-mismatch');
  });

  test('the concurrency limit per registry holds requests back', async () => {
    const slow = await startFaultProxy(reg, { latencyMs: 80 });
    try {
      const cfg = join(dockerConfig, 'slow');
      await mkdir(cfg, { recursive: true });
      const b64 = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
      await import('node:fs/promises').then((fs) => fs.writeFile(join(cfg, 'config.json'), JSON.stringify({ auths: { [slow.host]: { auth: b64 } } })));
      const ref = parseReference(`${slow.host}/faulty/app:1`);
      for (const [limit, expectAtMost] of [[2, 2], [8, 8]] as const) {
        const c = createRegistry({ noCache: true, env: { DOCKER_CONFIG: cfg }, concurrency: limit });
        await c.resolve(ref);
        slow.resetCounts();
        const blobs = await Promise.all(Array.from({ length: 8 }, () => c.blob(ref, configDigest)));
        assert.ok(blobs.every((b) => b.length > 0));
        assert.ok(slow.counts().maxInFlight <= expectAtMost, `at most ${expectAtMost} in flight, saw ${slow.counts().maxInFlight}`);
        if (limit === 8) assert.ok(slow.counts().maxInFlight > 2, 'without a tight limit the requests overlap');
      }
    } finally {
      await slow.stop();
    }
  });

  test('503 then success', async () => {
    proxy.setFaults([{ method: 'GET', path: /manifests/, fault: { kind: 'status', status: 503, times: 2 } }]);
    assert.equal((await client().manifest(image())).digest, pushedDigest);
  });

  test('a response slower than the timeout is a timeout error', async () => {
    proxy.setFaults([{ method: 'GET', path: /manifests/, fault: { kind: 'slow', delayMs: 1500 } }]);
    await assert.rejects(client({ timeoutMs: 300, retries: 0 }).manifest(image()), (e: unknown) => e instanceof RegistryError && e.reason === 'timeout');
  });

  test('a body dripped a byte at a time is cut off once it is slower than 16 kB/s past the timeout', async () => {
    // Never idle, so the idle timeout alone would wait for the whole manifest: minutes here,
    // days for a 4 MiB one. A registry named by a stranger's Dockerfile could hold CI that long.
    proxy.setFaults([{ method: 'GET', path: /manifests/, fault: { kind: 'drip', everyMs: 100 } }]);
    const started = Date.now();
    await assert.rejects(client({ timeoutMs: 500, retries: 0 }).manifest(image()), (e: unknown) => e instanceof RegistryError && e.reason === 'timeout' && /slower than 16 kB\/s/.test(e.message));
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  });

  test('a truncated body is an error, never a result', async () => {
    proxy.setFaults([{ method: 'GET', path: /blobs/, fault: { kind: 'truncate' } }]);
    await assert.rejects(client({ retries: 0 }).blob(image(), configDigest), (e: unknown) => e instanceof RegistryError);
    // The stream fails (or never starts): either way no bytes count as the blob.
    const c = client({ retries: 0 });
    await c.resolve(image()); // learns the challenge: the blob GET is answered 200, then cut
    await assert.rejects(async () => {
      const stream = await c.blobStream(image(), configDigest);
      for await (const _ of stream) void _;
    }, (e: unknown) => e instanceof RegistryError);
    proxy.setFaults([{ method: 'GET', path: /manifests/, fault: { kind: 'truncate' } }]);
    await assert.rejects(client({ retries: 0 }).manifest(image()), (e: unknown) => e instanceof RegistryError && !e.message.includes('\n'));
  });

  test('a Docker-Content-Digest that lies is a digest mismatch', async () => {
    proxy.setFaults([{ method: 'GET', path: /manifests/, fault: { kind: 'lie-digest' } }]);
    await assert.rejects(client().manifest(image()), (e: unknown) => e instanceof RegistryError && e.reason === 'digest-mismatch');
  });

  test('a HEAD whose Docker-Content-Digest lies: refused when verified (pin), and a header that is no digest never passes', async () => {
    // The header names a well-formed digest the body does not hash to: only the verifying GET can tell.
    proxy.setFaults([{ method: 'HEAD', path: /manifests/, fault: { kind: 'lie-digest' } }]);
    // (The registry has no manifest by that digest, or one that hashes otherwise: either way, refused.)
    await assert.rejects(client().resolve(image(), { verify: true }), (e: unknown) => e instanceof RegistryError && (e.reason === 'unknown-tag' || e.reason === 'digest-mismatch'));
    // A header shaped to rewrite a FROM line when written into it.
    const injection = 'sha256:abc AS pwned --platform=linux/evil #';
    proxy.setFaults([{ method: 'HEAD', path: /manifests/, fault: { kind: 'lie-digest', value: injection } }]);
    await assert.rejects(client().resolve(image()), (e: unknown) => e instanceof RegistryError && e.reason === 'protocol' && /is not a sha256 digest/.test(e.message));
    proxy.setFaults([]);
    assert.equal((await client().resolve(image(), { verify: true })).digest, pushedDigest);
  });

  test('a body that does not hash to its digest is a digest mismatch, for whole blobs and streams', async () => {
    proxy.setFaults([{ method: 'GET', path: /blobs/, fault: { kind: 'corrupt-body' } }]);
    await assert.rejects(client().blob(image(), configDigest), (e: unknown) => e instanceof RegistryError && e.reason === 'digest-mismatch');
    const stream = await client().blobStream(image(), configDigest);
    await assert.rejects(async () => {
      for await (const _ of stream) void _;
    }, (e: unknown) => e instanceof RegistryError && e.reason === 'digest-mismatch');
    proxy.setFaults([{ method: 'GET', path: /manifests\/sha256/, fault: { kind: 'corrupt-body' } }]);
    await assert.rejects(client().manifest(image(), pushedDigest), (e: unknown) => e instanceof RegistryError && e.reason === 'digest-mismatch');
  });

  test('a redirect to another host (blob storage) carries no Authorization', async () => {
    const seen: (string | undefined)[] = [];
    const storage: Server = createServer(async (req, res) => {
      seen.push(req.headers.authorization);
      const up = await fetch(`${reg.url}${req.url}`, { headers: { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` } });
      res.writeHead(up.status).end(Buffer.from(await up.arrayBuffer()));
    });
    await new Promise<void>((r) => storage.listen(0, '127.0.0.1', r));
    // `localhost` is another host than the proxy's 127.0.0.1:PORT.
    const storageUrl = `http://localhost:${(storage.address() as AddressInfo).port}`;
    try {
      const c = client();
      await c.manifest(image()); // learns the Basic challenge, so the blob request carries credentials
      proxy.setFaults([{ method: 'GET', path: /blobs/, fault: { kind: 'redirect', to: `${storageUrl}/v2/faulty/app/blobs/${configDigest}` } }]);
      proxy.resetCounts();
      const bytes = await c.blob(image(), configDigest);
      assert.ok(bytes.length > 0);
      assert.equal(proxy.counts().authorized, 1, 'the registry host got the credentials');
      assert.deepEqual(seen, [undefined], 'the storage host got none');
    } finally {
      await new Promise<void>((r) => storage.close(() => r()));
    }
  });

  test('credentials stay behind once a redirect has left the host, even when a later hop comes back', async () => {
    const seen: (string | undefined)[] = [];
    const bounce: Server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(307, { location: `${proxy.url}/v2/faulty/app/blobs/${configDigest}` }).end();
    });
    await new Promise<void>((r) => bounce.listen(0, '127.0.0.1', r));
    try {
      const c = client();
      await c.manifest(image());
      proxy.setFaults([{ method: 'GET', path: /blobs/, fault: { kind: 'redirect', to: `http://localhost:${(bounce.address() as AddressInfo).port}/bounce`, times: 1 } }]);
      proxy.resetCounts();
      // The registry wants credentials that never come back: an error, and no Authorization on the way back.
      await assert.rejects(c.blob(image(), configDigest), (e: unknown) => e instanceof RegistryError && e.reason === 'denied');
      assert.deepEqual(seen, [undefined]);
      assert.equal(proxy.counts().authorized, 1, 'only the first request to the registry host carried credentials');
      assert.ok(proxy.counts().get >= 2);
    } finally {
      await new Promise<void>((r) => bounce.close(() => r()));
    }
  });

  test('an unreachable registry is a one-line unreachable error', async () => {
    proxy.setFaults([]);
    const dead = parseReference('127.0.0.1:1/x/y:1');
    await assert.rejects(client({ retries: 0 }).resolve(dead), (e: unknown) => e instanceof RegistryError && e.reason === 'unreachable' && !e.message.includes('\n'));
  });
});
