// compare --contents and the rules' facts, from images read for real.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { contentsToFacts, diffLines, diffPackages, readImageContents, type ImageContents } from '../../src/image/index.js';
import { buildLayout, fixtures } from './fixtures.js';

describe('diffPackages and contentsToFacts', () => {
  let dir: string;
  const read = new Map<string, ImageContents>();
  before(async () => {
    const { layout } = await buildLayout(await fixtures());
    dir = layout.dir;
    for (const t of ['debian-like', 'distroless-like', 'alpine-like', 'traps']) read.set(t, await readImageContents(`oci:${dir}:${t}`));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the packages one image has that the other lacks, and version changes', () => {
    const d = diffPackages(read.get('debian-like')!, read.get('distroless-like')!);
    assert.deepEqual(d.removed.map((p) => p.name), ['apt', 'dash']);
    assert.deepEqual(d.added, []);
    assert.deepEqual(d.changed, []);
    assert.equal(d.packagesDelta, -2);
    assert.equal(d.uncompressedBytesDelta, read.get('distroless-like')!.uncompressedBytes - read.get('debian-like')!.uncompressedBytes);
    const back = diffPackages(read.get('distroless-like')!, read.get('debian-like')!);
    assert.deepEqual(back.added.map((p) => p.name), ['apt', 'dash']);
    assert.deepEqual(diffLines(back, 'distroless', 'debian'), ['debian has 2 package(s) distroless lacks: apt, dash', 'debian lacks 0 package(s) distroless has']);
  });

  it('turns contents into the facts the rules use', () => {
    assert.deepEqual(contentsToFacts(read.get('alpine-like')!), { libc: 'musl', shell: '/bin/sh', packageManager: 'apk', distro: 'alpine', distroVersion: '3.21.2', caCertificates: true, timezoneData: false, java: null, source: 'contents' });
    const distroless = contentsToFacts(read.get('distroless-like')!);
    assert.equal(distroless.shell, null);
    assert.equal(distroless.packageManager, null);
    assert.equal(distroless.java, 'jre');
    assert.equal(contentsToFacts(read.get('traps')!).shell, '/bin/ash');
  });
});
