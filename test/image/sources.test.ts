// Every fixture image read from an OCI layout and from three kinds of docker save archive: each must
// give its known contents, and all sources the same answer.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readImageContents } from '../../src/image/index.js';
import { writeDockerArchive } from '../helpers/image-builder.js';
import { assertFixture, buildLayout, comparable, fixtures, type Fixture } from './fixtures.js';

describe('image contents from OCI layouts and docker-archive tarballs', () => {
  let dir: string;
  let list: Fixture[];
  let built: Awaited<ReturnType<typeof buildLayout>>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plinth-image-sources-'));
    list = await fixtures();
    built = await buildLayout(list, join(dir, 'layout'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads each fixture from the OCI layout by tag with its known contents', async () => {
    for (const fx of list) {
      const c = await readImageContents(`oci:${built.layout.dir}:${fx.tag}`);
      assertFixture(c, fx);
      assert.deepEqual(c.layers.map((l) => l.compression), fx.layers.map((l) => l.compression), `${fx.tag}: compression detected`);
    }
  });

  it('gives the same answer from legacy, OCI-in-tar and OCI-only docker save archives', async () => {
    for (const fx of list) {
      const fromLayout = comparable(await readImageContents(`oci:${built.layout.dir}:${fx.tag}`));
      for (const style of ['legacy', 'oci', 'oci-only'] as const) {
        const file = await writeDockerArchive(built.layout, built.images.get(fx.tag)!, join(dir, `${fx.tag}-${style}.tar`), style, `acme/${fx.tag}:1`);
        const c = await readImageContents(`docker-archive:${file}`);
        assertFixture(c, fx);
        assert.deepEqual(comparable(c), fromLayout, `${fx.tag} from ${style} archive`);
        if (style === 'legacy') assert.ok(c.layers.every((l) => l.compression === 'none'), 'legacy layer.tar is uncompressed');
      }
    }
  });

  it('names the image in an archive by repo:tag and refuses an unknown one', async () => {
    const file = await writeDockerArchive(built.layout, built.images.get('alpine-like')!, join(dir, 'named.tar'), 'legacy', 'acme/base:7');
    assert.equal((await readImageContents(`docker-archive:${file}:acme/base:7`)).os?.id, 'alpine');
    await assert.rejects(readImageContents(`docker-archive:${file}:acme/base:8`), /no image tagged 'acme\/base:8'/);
  });

  it('asks for a tag when the layout holds several images, and names a missing one', async () => {
    await assert.rejects(readImageContents(`oci:${built.layout.dir}`), /several images.*name one/);
    await assert.rejects(readImageContents(`oci:${built.layout.dir}:nope`), /no image tagged 'nope'/);
    await assert.rejects(readImageContents(`oci:${join(dir, 'missing')}`), /no such directory/);
  });
});
