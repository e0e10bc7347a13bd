// The fixture images pushed to a real local registry (docker-registry) and read back through the
// registry client: the same answer as the OCI layout and docker save archives give.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { readImageContents } from '../../src/image/index.js';
import type { Registry } from '../../src/registry/types.js';
import { LayoutBuilder, skopeoPush, startLocalRegistry } from '../helpers/image-builder.js';
import { assertFixture, buildLayout, fixtures, type Fixture } from './fixtures.js';

// The registry client lands separately; until createRegistry exists these tests say so and skip.
const registryModule = (await import('../../src/registry/index.js')) as Record<string, unknown>;
const createRegistry = registryModule.createRegistry as ((o: Record<string, unknown>) => Registry) | undefined;
const hasSkopeo = spawnSync('sh', ['-c', 'command -v skopeo']).status === 0;
const skip = !createRegistry ? 'the registry client (createRegistry) is not there yet' : !hasSkopeo ? 'skopeo is not installed' : false;

describe('image contents from a real local registry', { skip }, () => {
  let reg: NonNullable<Awaited<ReturnType<typeof startLocalRegistry>>>;
  let list: Fixture[];
  let layout: LayoutBuilder;
  let registry: Registry;
  before(async () => {
    const started = await startLocalRegistry();
    if (!started) throw new Error('docker-registry is not installed');
    reg = started;
    list = await fixtures();
    layout = (await buildLayout(list)).layout;
    for (const fx of list) skopeoPush(layout.dir, fx.tag, `${reg.host}/fixtures/${fx.tag}:1`);
    registry = createRegistry!({ noCache: true, env: {} });
  });
  after(async () => {
    await reg?.stop();
    if (layout) await rm(layout.dir, { recursive: true, force: true });
  });

  it('gives each fixture its known contents, the same as the OCI layout', async () => {
    for (const fx of list) {
      const c = await readImageContents(`${reg.host}/fixtures/${fx.tag}:1`, { registry });
      assertFixture(c, fx);
      // Pushed with --preserve-digests: the very same blobs, so everything matches, layer digests and compression included.
      assert.deepEqual(c, await readImageContents(`oci:${layout.dir}:${fx.tag}`), fx.tag);
    }
  });

  it('selects the platform of a multi-platform image', async () => {
    const multi = await LayoutBuilder.create();
    try {
      const amd = await multi.image([await multi.layer([{ path: 'etc/os-release', content: 'ID=amd\n' }])], { inIndex: false });
      const arm = await multi.image([await multi.layer([{ path: 'etc/os-release', content: 'ID=arm\n' }])], { architecture: 'arm64', variant: 'v8', inIndex: false });
      await multi.index([amd, arm], 'multi');
      await multi.finish();
      const r = spawnSync('skopeo', ['copy', '--quiet', '--all', '--dest-tls-verify=false', `oci:${multi.dir}:multi`, `docker://${reg.host}/fixtures/multi:1`], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal((await readImageContents(`${reg.host}/fixtures/multi:1`, { registry })).os?.id, 'amd');
      assert.equal((await readImageContents(`${reg.host}/fixtures/multi:1`, { registry, platform: 'linux/arm64' })).os?.id, 'arm');
      await assert.rejects(readImageContents(`${reg.host}/fixtures/multi:1`, { registry, platform: 'linux/ppc64le' }), /no image for platform linux\/ppc64le/);
    } finally {
      await rm(multi.dir, { recursive: true, force: true });
    }
  });
});
