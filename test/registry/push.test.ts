// The harness's other ways in (chunked uploads, an OCI layout copied by skopeo) give the digests the
// client reads back, and Docker Hub's aliases all reach the docker.io mirror.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, selectPlatform } from '../../src/registry/index.js';
import { parseReference } from '../../src/reference/index.js';
import { buildImage, pushImage, registryMissing, skopeoCopy, skopeoMissing, skopeoRawDigest, startRegistry, writeOciLayout, type TestRegistry } from '../helpers/registry.js';

describe('images pushed every way read back with the same digests', { skip: registryMissing || skopeoMissing }, () => {
  let reg: TestRegistry;
  let dir: string;
  before(async () => {
    reg = await startRegistry({ auth: 'basic' });
    dir = await mkdtemp(join(tmpdir(), 'plinth-push-'));
  });
  after(async () => {
    await reg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('chunked and monolithic uploads of the same image give the same digest', async () => {
    const opts = { platforms: ['linux/amd64', 'linux/arm/v7'], seed: 'same', fillerBytes: 70_000, mediaTypes: 'oci' as const };
    const a = await pushImage(reg, 'up/mono:1', opts);
    const b = await pushImage(reg, 'up/chunked:1', { ...opts, upload: 'chunked' });
    assert.equal(a.digest, b.digest);
    assert.equal(b.digest, await skopeoRawDigest(reg, 'up/chunked:1'));
    const cfg = join(dir, 'cfg');
    await import('node:fs/promises').then((fs) => fs.mkdir(cfg, { recursive: true }));
    await reg.writeDockerConfig(cfg);
    const client = createRegistry({ noCache: true, env: { DOCKER_CONFIG: cfg } });
    const ref = parseReference(`${reg.host}/up/chunked:1`);
    const index = await client.manifest(ref);
    const arm = selectPlatform(index, 'linux/arm/v7')!;
    const m = await client.manifest(ref, arm.digest);
    const layer = await client.blob(ref, m.json.layers![0]!.digest);
    assert.equal(layer.length, m.json.layers![0]!.size);
  });

  // skopeo 1.9 (Debian 12) does not look for Docker media types in a layout's index.json.
  for (const mediaTypes of ['oci'] as const) {
    test(`an OCI layout (${mediaTypes} media types) copied with skopeo resolves to the layout's digest`, async () => {
      const layout = join(dir, `layout-${mediaTypes}`);
      const built = await writeOciLayout(layout, 'copied/app:2', { platforms: ['linux/amd64', 'linux/arm64'], mediaTypes, seed: 'layout' });
      const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
      assert.equal(index.manifests[0]!.digest, built.digest);
      await skopeoCopy(layout, '2', reg, `copied/${mediaTypes}:2`);
      const cfg = join(dir, 'cfg2');
      await import('node:fs/promises').then((fs) => fs.mkdir(cfg, { recursive: true }));
      await reg.writeDockerConfig(cfg);
      const client = createRegistry({ noCache: true, env: { DOCKER_CONFIG: cfg } });
      const resolved = await client.resolve(parseReference(`${reg.host}/copied/${mediaTypes}:2`));
      assert.equal(resolved.digest, built.digest);
      assert.equal(resolved.mediaType, built.mediaType);
      // buildImage is deterministic: the same options build the same bytes.
      assert.equal((await buildImage('copied/app:2', { platforms: ['linux/amd64', 'linux/arm64'], mediaTypes, seed: 'layout' })).digest, built.digest);
    });
  }

  test('docker.io, index.docker.io, registry-1.docker.io and short names all go to the docker.io mirror', async () => {
    const open = await startRegistry();
    try {
      const pushed = await pushImage(open, 'library/busybox:1.37', { seed: 'hub' });
      const client = createRegistry({ noCache: true, env: {}, mirrors: { 'docker.io': [open.url] } });
      for (const text of ['busybox:1.37', 'docker.io/busybox:1.37', 'index.docker.io/library/busybox:1.37', 'registry-1.docker.io/library/busybox:1.37']) {
        assert.equal((await client.resolve(parseReference(text))).digest, pushed.digest, text);
      }
      assert.equal(client.stats().head, 4);
    } finally {
      await open.stop();
    }
  });
});
