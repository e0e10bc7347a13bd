// OCI layouts: platform selection in an index, and blobs that do not match their digests.
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openImageSource, readImageContents } from '../../src/image/index.js';
import { LayoutBuilder } from '../helpers/image-builder.js';

const osRelease = (id: string): string => `ID=${id}\nVERSION_ID=1\n`;

describe('OCI layout sources', () => {
  let layout: LayoutBuilder;
  let plainLayer: string;
  before(async () => {
    layout = await LayoutBuilder.create();
    const amd = await layout.image([await layout.layer([{ path: 'etc/os-release', content: osRelease('amd') }])], { inIndex: false });
    const arm = await layout.image([await layout.layer([{ path: 'etc/os-release', content: osRelease('arm') }])], { architecture: 'arm64', variant: 'v8', inIndex: false });
    await layout.index([amd, arm], 'multi');
    const plain = await layout.layer([{ path: 'etc/os-release', content: osRelease('plain') }], 'none');
    plainLayer = plain.desc.digest;
    await layout.image([plain], { tag: 'plain' });
    await layout.finish();
  });
  after(async () => {
    await rm(layout.dir, { recursive: true, force: true });
  });

  it('selects the platform from an index: linux/amd64 by default, arm64 meaning arm64/v8', async () => {
    assert.equal((await readImageContents(`oci:${layout.dir}:multi`)).os?.id, 'amd');
    assert.equal((await readImageContents(`oci:${layout.dir}:multi`, { platform: 'linux/arm64' })).os?.id, 'arm');
    const src = await openImageSource(`oci:${layout.dir}:multi`, { platform: 'linux/arm64/v8' });
    assert.deepEqual(src.platform, { os: 'linux', architecture: 'arm64', variant: 'v8' });
    await assert.rejects(readImageContents(`oci:${layout.dir}:multi`, { platform: 'linux/s390x' }), /no image for platform linux\/s390x \(available: linux\/amd64, linux\/arm64\/v8\)/);
    await assert.rejects(readImageContents(`oci:${layout.dir}:multi`, { platform: 'linux' }), /invalid platform 'linux'/);
  });

  it('refuses a layer whose bytes do not hash to its digest, even when the tar still parses', async () => {
    const path = join(layout.dir, 'blobs', 'sha256', plainLayer.slice(7));
    const original = await readFile(path);
    const changed = Buffer.from(original);
    changed[original.indexOf('plain')] = 'P'.charCodeAt(0);
    await writeFile(path, changed);
    try {
      await assert.rejects(readImageContents(`oci:${layout.dir}:plain`), new RegExp(`blob ${plainLayer} does not match its digest`));
    } finally {
      await writeFile(path, original);
    }
    assert.equal((await readImageContents(`oci:${layout.dir}:plain`)).os?.id, 'plain');
  });

  it('refuses a manifest that does not match its digest, and a directory that is not a layout', async () => {
    const index = JSON.parse(await readFile(join(layout.dir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    const manifestPath = join(layout.dir, 'blobs', 'sha256', index.manifests[1]!.digest.slice(7));
    const original = await readFile(manifestPath);
    await writeFile(manifestPath, Buffer.concat([original, Buffer.from(' ')]));
    try {
      await assert.rejects(readImageContents(`oci:${layout.dir}:plain`), /does not match its digest/);
    } finally {
      await writeFile(manifestPath, original);
    }
    await assert.rejects(readImageContents(`oci:${join(layout.dir, 'blobs')}`), /no index\.json \(not an OCI image layout\)/);
  });
});
