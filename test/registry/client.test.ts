// The client against a real docker-registry on 127.0.0.1: open, Basic and token auth, digests
// cross-checked with skopeo, media types, platforms, pagination, credentials and the disk cache.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, RegistryError, selectPlatform, parsePlatform } from '../../src/registry/index.js';
import { parseReference } from '../../src/reference/index.js';
import { pushImage, registryMissing, skopeoMissing, skopeoRawDigest, skopeoInspect, startFaultProxy, startRegistry, type TestRegistry } from '../helpers/registry.js';

const skip = registryMissing || skopeoMissing;
const ref = (reg: TestRegistry, name: string) => parseReference(`${reg.host}/${name}`);

describe('registry client: open registry', { skip }, () => {
  let reg: TestRegistry;
  let dir: string;
  before(async () => {
    reg = await startRegistry();
    dir = await mkdtemp(join(tmpdir(), 'plinth-client-'));
  });
  after(async () => {
    await reg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  for (const mediaTypes of ['docker', 'oci'] as const) {
    test(`resolves a multi-platform ${mediaTypes} index to the digest skopeo sees`, async () => {
      const pushed = await pushImage(reg, `multi/${mediaTypes}:1`, { platforms: ['linux/amd64', 'linux/arm64/v8'], mediaTypes });
      const client = createRegistry({ noCache: true, env: {} });
      const r = await client.resolve(ref(reg, `multi/${mediaTypes}:1`));
      assert.equal(r.digest, pushed.digest);
      assert.equal(r.digest, await skopeoRawDigest(reg, `multi/${mediaTypes}:1`));
      assert.equal(r.mediaType, mediaTypes === 'oci' ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.docker.distribution.manifest.list.v2+json');
      const index = await client.manifest(ref(reg, `multi/${mediaTypes}:1`));
      const arm = selectPlatform(index.json.manifests!, parsePlatform('linux/arm64'));
      assert.equal(arm?.digest, pushed.platforms[1]!.digest);
      // HEAD for the digest, one GET for the content.
      assert.deepEqual(client.stats(), { token: 0, head: 1, get: 1 });
      // The platform skopeo picks has the layers plinth finds behind the amd64 entry.
      const inspected = await skopeoInspect(reg, `multi/${mediaTypes}:1`, 'linux/amd64');
      const amd64 = await client.manifest(ref(reg, `multi/${mediaTypes}`), selectPlatform(index.json.manifests!, parsePlatform('linux/amd64'))!.digest);
      assert.deepEqual(amd64.json.layers!.map((l) => l.digest), inspected.Layers);
    });
  }

  test('a single-platform image resolves to its manifest and its blobs verify', async () => {
    const pushed = await pushImage(reg, 'single/app:2', { mediaTypes: 'oci', layers: [[{ path: 'a', content: 'x' }], [{ path: 'b', content: 'y' }]] });
    const client = createRegistry({ noCache: true, env: {} });
    const m = await client.manifest(ref(reg, 'single/app:2'));
    assert.equal(m.digest, pushed.digest);
    assert.equal(m.json.layers?.length, 2);
    const config = JSON.parse(new TextDecoder().decode(await client.blob(ref(reg, 'single/app'), m.json.config!.digest))) as { architecture: string };
    assert.equal(config.architecture, 'amd64');
    const stream = await client.blobStream(ref(reg, 'single/app'), m.json.layers![0]!.digest);
    let bytes = 0;
    for await (const c of stream) bytes += (c as Buffer).length;
    assert.equal(bytes, m.json.layers![0]!.size);
  });

  test('unknown tag and unknown repository are distinct one-line errors', async () => {
    await pushImage(reg, 'known/repo:1');
    const client = createRegistry({ noCache: true, env: {} });
    await assert.rejects(client.resolve(ref(reg, 'known/repo:nope')), (e: unknown) => e instanceof RegistryError && e.reason === 'unknown-tag' && !e.message.includes('\n'));
    await assert.rejects(client.manifest(ref(reg, 'unknown/repo:1')), (e: unknown) => e instanceof RegistryError && (e.reason === 'unknown-repository' || e.reason === 'unknown-tag'));
    await assert.rejects(client.tags(ref(reg, 'unknown/repo')), (e: unknown) => e instanceof RegistryError && e.reason === 'unknown-repository');
  });

  test('tag listing follows Link pagination', async () => {
    for (const t of ['a', 'b', 'c', 'd', 'e']) await pushImage(reg, `paged/x:${t}`, { seed: t });
    const proxy = await startFaultProxy(reg, { faults: [{ path: /\/tags\/list/, fault: { kind: 'paginate-tags', pageSize: 2 } }] });
    try {
      const client = createRegistry({ noCache: true, env: {} });
      assert.deepEqual(await client.tags(parseReference(`${proxy.host}/paged/x`)), ['a', 'b', 'c', 'd', 'e']);
      assert.equal(Object.keys(proxy.counts().byPath).filter((k) => k.includes('/tags/list')).length, 3);
    } finally {
      await proxy.stop();
    }
  });

  test('the disk cache answers tags within the TTL, keeps content by digest, and drops corrupt entries', async () => {
    await pushImage(reg, 'cached/x:1', { seed: 'one' });
    const cacheDir = join(dir, 'cache');
    const first = createRegistry({ cacheDir, env: {} });
    const d1 = (await first.resolve(ref(reg, 'cached/x:1'))).digest;
    const m1 = await first.manifest(ref(reg, 'cached/x'), d1);
    // Within the TTL a new process answers from disk, without a request.
    const second = createRegistry({ cacheDir, env: {} });
    assert.equal((await second.resolve(ref(reg, 'cached/x:1'))).digest, d1);
    assert.equal((await second.manifest(ref(reg, 'cached/x'), d1)).digest, m1.digest);
    assert.deepEqual(second.stats(), { token: 0, head: 0, get: 0 });
    // The tag moves; past the TTL the cache is not trusted.
    const moved = await pushImage(reg, 'cached/x:1', { seed: 'two' });
    const expired = createRegistry({ cacheDir, env: {}, tagTtlMs: 0 });
    assert.equal((await expired.resolve(ref(reg, 'cached/x:1'))).digest, moved.digest);
    // A corrupt content file is discarded and fetched again.
    const contentDir = join(cacheDir, 'anonymous', 'content', 'sha256');
    for (const f of await readdir(contentDir)) await writeFile(join(contentDir, f), 'garbage');
    const third = createRegistry({ cacheDir, env: {} });
    assert.equal((await third.manifest(ref(reg, 'cached/x'), d1)).digest, d1);
    assert.equal(third.stats().get, 1);
  });

  test('concurrent processes writing the same cache entries leave whole files', async () => {
    await pushImage(reg, 'race/x:1');
    const cacheDir = join(dir, 'race-cache');
    const clients = Array.from({ length: 8 }, () => createRegistry({ cacheDir, env: {} }));
    const digests = await Promise.all(clients.map(async (c) => (await c.manifest(ref(reg, 'race/x:1'))).digest));
    assert.equal(new Set(digests).size, 1);
    const files = await readdir(join(cacheDir, 'anonymous', 'content', 'sha256'));
    assert.ok(files.every((f) => !f.endsWith('.tmp')));
    const reread = createRegistry({ cacheDir, env: {} });
    assert.equal((await reread.manifest(ref(reg, 'race/x'), digests[0]!)).digest, digests[0]);
    assert.equal(reread.stats().get, 0);
  });

  test('a mirror is used first and a mirror without the image falls back to the registry', async () => {
    const upstream = await startRegistry();
    try {
      await pushImage(reg, 'library/alpine:3.21', { seed: 'mirror' });
      await pushImage(upstream, 'library/onlyup:1', { seed: 'up' });
      const client = createRegistry({ noCache: true, env: {}, mirrors: { [upstream.host]: [reg.url] } });
      // Mirror hit: the mirror has library/alpine, the upstream does not.
      await pushImage(reg, 'library/onlyup:1', { seed: 'never-mind' }).catch(() => {});
      const viaMirror = await client.resolve(parseReference(`${upstream.host}/library/alpine:3.21`));
      assert.equal(viaMirror.digest, await skopeoRawDigest(reg, 'library/alpine:3.21'));
      const missing = await pushImage(upstream, 'library/upstream-only:1', { seed: 'u' });
      const fallback = await client.resolve(parseReference(`${upstream.host}/library/upstream-only:1`));
      assert.equal(fallback.digest, missing.digest);
    } finally {
      await upstream.stop();
    }
  });

  test('plain HTTP is refused for a non-loopback host that is not marked insecure', async () => {
    const client = createRegistry({ noCache: true, env: {}, registries: { 'registry.example': { mirrors: ['http://registry.example:5000'] } } });
    await assert.rejects(client.resolve(parseReference('registry.example/x:1')), (e: unknown) => e instanceof RegistryError && e.reason === 'insecure');
  });
});

describe('registry client: authentication', { skip }, () => {
  let basic: TestRegistry;
  let token: TestRegistry;
  let dir: string;
  before(async () => {
    [basic, token] = await Promise.all([startRegistry({ auth: 'basic' }), startRegistry({ auth: 'token' })]);
    dir = await mkdtemp(join(tmpdir(), 'plinth-auth-'));
  });
  after(async () => {
    await basic?.stop();
    await token?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('Basic auth with credentials from config.json auths', async () => {
    const pushed = await pushImage(basic, 'private/app:1');
    const cfg = join(dir, 'basic');
    await mkdtemp(cfg).catch(() => {});
    await rm(cfg, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(cfg, { recursive: true }));
    await basic.writeDockerConfig(cfg);
    const withCreds = createRegistry({ noCache: true, env: { DOCKER_CONFIG: cfg } });
    assert.equal((await withCreds.resolve(ref(basic, 'private/app:1'))).digest, pushed.digest);
    const without = createRegistry({ noCache: true, env: { DOCKER_CONFIG: join(dir, 'none') } });
    await assert.rejects(without.resolve(ref(basic, 'private/app:1')), (e: unknown) => e instanceof RegistryError && e.reason === 'denied');
  });

  test('Bearer tokens: anonymous pull, one token request per scope even when concurrent, reused', async () => {
    await pushImage(token, 'library/node:22', { platforms: ['linux/amd64', 'linux/arm64'] });
    await pushImage(token, 'library/node:20');
    await pushImage(token, 'library/python:3.12');
    const client = createRegistry({ noCache: true, env: {} });
    const before = token.tokenRequests();
    await Promise.all([
      client.resolve(ref(token, 'library/node:22')),
      client.resolve(ref(token, 'library/node:20')),
      client.resolve(ref(token, 'library/node:22')),
      client.resolve(ref(token, 'library/python:3.12')),
    ]);
    await client.manifest(ref(token, 'library/node:22'));
    assert.equal(token.tokenRequests() - before, 2);
    assert.equal(client.stats().token, 2);
  });

  test('credentials from a credential helper reach the token service of the same host only', async () => {
    const bin = join(dir, 'bin');
    await import('node:fs/promises').then((fs) => fs.mkdir(bin, { recursive: true }));
    const helper = join(bin, 'docker-credential-plinthtest');
    await writeFile(helper, `#!/bin/sh\nread host\necho "$host" >> ${join(dir, 'helper.log')}\necho '{"ServerURL":"'"$host"'","Username":"plinth","Secret":"secret-pw"}'\n`);
    await chmod(helper, 0o755);
    const cfg = join(dir, 'helper-config');
    await import('node:fs/promises').then((fs) => fs.mkdir(cfg, { recursive: true }));
    await writeFile(join(cfg, 'config.json'), JSON.stringify({ credHelpers: { [basic.host]: 'plinthtest' } }));
    await pushImage(basic, 'helper/app:1');
    const client = createRegistry({ noCache: true, env: { DOCKER_CONFIG: cfg, PATH: `${bin}:${process.env.PATH}` } });
    assert.ok((await client.resolve(ref(basic, 'helper/app:1'))).digest.startsWith('sha256:'));
    const log = await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'helper.log'), 'utf8'));
    assert.deepEqual(log.trim().split('\n'), [basic.host]);
  });
});
