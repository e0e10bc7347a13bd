// `plinth inspect` and `plinth compare` against a real local registry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';
import { pushImage, registryMissing, startFaultProxy, startRegistry, type PushedImage, type TestRegistry } from '../helpers/registry.js';

describe('inspect and compare commands', { skip: registryMissing }, () => {
  let reg: TestRegistry;
  let big: PushedImage;
  let small: PushedImage;
  let cache: string;
  const plinth = async (...args: string[]) => {
    const io = captureIO({ env: { XDG_CACHE_HOME: cache } });
    const code = await main(args, io);
    return { code, out: io.out, err: io.err };
  };

  before(async () => {
    reg = await startRegistry();
    cache = await mkdtemp(join(tmpdir(), 'plinth-cli-'));
    big = await pushImage(reg, 'library/node:22', { platforms: ['linux/amd64', 'linux/arm64/v8'], fillerBytes: 200_000, labels: { maintainer: 'plinth tests' } });
    small = await pushImage(reg, 'library/node:22-slim', { platforms: ['linux/amd64', 'linux/arm64/v8'], fillerBytes: 50_000 });
  });
  after(async () => {
    await reg?.stop();
    await rm(cache, { recursive: true, force: true });
  });

  test('inspect --format json lists every platform with sizes the registry reports', async () => {
    const r = await plinth('inspect', '--format', 'json', '--registry-mirror', `docker.io=${reg.url}`, 'node:22');
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.reference, 'node:22');
    assert.equal(json.digest, big.digest);
    assert.equal(json.mediaType, 'application/vnd.docker.distribution.manifest.list.v2+json');
    assert.deepEqual(json.platforms.map((p: { os: string; architecture: string; variant: string | null; digest: string; compressedBytes: number; layers: number }) => [p.os, p.architecture, p.variant, p.digest, p.compressedBytes, p.layers]),
      big.platforms.map((p) => [...p.platform.split('/').concat(p.platform.split('/').length === 2 ? [null as unknown as string] : []), p.digest, p.compressedBytes, p.layers]));
    assert.equal(json.platforms[0].created, '2026-01-02T03:04:05Z');
    assert.deepEqual(Object.keys(json), ['reference', 'digest', 'mediaType', 'platforms']);
    assert.deepEqual(Object.keys(json.platforms[0]), ['os', 'architecture', 'variant', 'digest', 'compressedBytes', 'layers', 'created']);
  });

  test('--registry-mirror takes Docker Hub by any of its names (index.docker.io, registry-1.docker.io)', async () => {
    for (const name of ['index.docker.io', 'registry-1.docker.io']) {
      const r = await plinth('inspect', '--format', 'json', '--no-cache', '--registry-mirror', `${name}=${reg.url}`, 'node:22');
      assert.equal(r.code, 0, `${name}: ${r.err}`);
      assert.equal(JSON.parse(r.out).digest, big.digest, name);
    }
    const bad = await plinth('inspect', '--registry-mirror', 'docker.io=ftp://mirror', 'node:22');
    assert.equal(bad.code, 2);
    assert.equal(bad.err, "plinth: --registry-mirror: 'ftp://mirror' is not an http(s) URL\n");
  });

  test('inspect --platform keeps one platform, and text output shows labels', async () => {
    const r = await plinth('inspect', '--platform', 'linux/arm64', '--registry-mirror', `docker.io=${reg.url}`, 'node:22');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /linux\/arm64\/v8/);
    assert.doesNotMatch(r.out, /linux\/amd64/);
    assert.match(r.out, /label +maintainer=plinth tests/);
  });

  test('inspect --contents reads the file system of each platform', async () => {
    const r = await plinth('inspect', '--contents', '--format', 'json', '--platform', 'linux/amd64', '--registry-mirror', `docker.io=${reg.url}`, 'node:22');
    assert.equal(r.code, 0, r.err);
    const p = JSON.parse(r.out).platforms[0];
    assert.equal(p.contents.shell, null);
    assert.equal(p.contents.packages.count, 0);
    assert.ok(p.contents.uncompressedBytes >= 200_000);
  });

  test('compare shows the saving against the first image', async () => {
    const r = await plinth('compare', '--format', 'json', '--registry-mirror', `docker.io=${reg.url}`, 'node:22', 'node:22-slim');
    assert.equal(r.code, 0, r.err);
    const [a, b] = JSON.parse(r.out).images;
    assert.equal(a.compressedBytes, big.platforms[0]!.compressedBytes);
    assert.equal(b.compressedBytes, small.platforms[0]!.compressedBytes);
    assert.equal(b.deltaBytes, b.compressedBytes - a.compressedBytes);
    assert.equal(b.deltaPercent, Math.round(((b.compressedBytes - a.compressedBytes) / a.compressedBytes) * 1000) / 10);
    assert.equal(a.deltaBytes, 0);
    assert.deepEqual(Object.keys(a), ['reference', 'digest', 'platform', 'compressedBytes', 'layers', 'deltaBytes', 'deltaPercent']);
    const text = await plinth('compare', '--registry-mirror', `docker.io=${reg.url}`, 'node:22', 'node:22-slim');
    assert.match(text.out, /node:22-slim .* -\d.* \(-\d+(\.\d)?%\)/);
  });

  test('compare falls back to the catalog snapshot with a warning when the registry is unreachable', async () => {
    const r = await plinth('compare', '--format', 'json', '--no-cache', '--registry-mirror', 'docker.io=http://127.0.0.1:1', 'node:22', 'node:22-alpine');
    // Upstream docker.io is unreachable here too (no network), so both rows come from the catalog.
    assert.equal(r.code, 0, r.err);
    const [a, b] = JSON.parse(r.out).images;
    assert.equal(a.digest, null, 'no digest without the registry');
    assert.equal(a.compressedBytes, 408499334);
    assert.equal(b.compressedBytes, 60697390);
    assert.match(r.err, /warning: node:22: .*catalog/);
  });

  test('--cache-dir: a second inspect within the tag TTL asks the registry nothing; --no-cache asks again', async () => {
    const proxy = await startFaultProxy(reg);
    try {
      const dir = join(cache, 'explicit');
      const args = ['inspect', '--format', 'json', '--registry-mirror', `docker.io=${proxy.url}`, '--cache-dir', dir, 'node:22'];
      const first = await plinth(...args);
      assert.equal(first.code, 0, first.err);
      assert.ok(proxy.counts().total > 0);
      proxy.resetCounts();
      const second = await plinth(...args);
      assert.equal(second.out, first.out);
      assert.equal(proxy.counts().total, 0);
      const uncached = await plinth('inspect', '--format', 'json', '--registry-mirror', `docker.io=${proxy.url}`, '--no-cache', 'node:22');
      assert.equal(uncached.out, first.out);
      assert.ok(proxy.counts().get >= 3, 'index, manifests and configs fetched again');
    } finally {
      await proxy.stop();
    }
  });

  test('an unreachable registry makes inspect a one-line error, not a stack trace', async () => {
    // A loopback port nobody listens on: unreachable with or without a network.
    const r = await plinth('inspect', '--no-cache', '127.0.0.1:1/team/app:1');
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^plinth: cannot reach [^\n]+\n$/);
  });

  test('mirrors from the config file (registries:) reach the command, a bare host:port included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plinth-cfg-'));
    try {
      await writeFile(join(dir, '.plinthrc.yaml'), `registries:\n  docker.io:\n    mirrors: ["${reg.host}"]\n`);
      const io = captureIO({ cwd: dir, env: { XDG_CACHE_HOME: cache } });
      const code = await main(['inspect', '--format', 'json', 'node:22'], io);
      assert.equal(code, 0, io.err);
      assert.equal(JSON.parse(io.out).digest, big.digest);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('an unknown tag is a one-line error with exit 2', async () => {
    const r = await plinth('inspect', '--registry-mirror', `docker.io=${reg.url}`, 'node:nope');
    assert.equal(r.code, 2);
    assert.equal(r.err.trim().split('\n').length, 1);
    assert.match(r.err, /not found/);
  });
});
