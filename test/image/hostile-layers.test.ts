// Hostile image layers (issue 25, items 7 and 8): a truncated gzip or tar, a member bigger than any
// package database: one line and exit 2 from the CLI process, never a stack trace or an abort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LayoutBuilder, compress, tarOf, ustarHeader } from '../helpers/image-builder.js';

const bin = join(process.cwd(), 'bin', 'plinth.js');

function inspect(layout: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, 'inspect', '--contents', `oci:${layout}:t`], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('a truncated gzip layer and a truncated tar: one line, exit 2, no stack trace', async () => {
  for (const cut of ['gzip', 'tar'] as const) {
    const b = await LayoutBuilder.create();
    try {
      const tar = await tarOf([{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }, { path: 'var/lib/dpkg/status', content: 'Package: x\nVersion: 1\n\n'.repeat(2000) }]);
      // Cut the compressed stream, or compress a tar cut in the middle of a member.
      const blob = cut === 'gzip' ? compress(tar, 'gzip').subarray(0, 300) : compress(tar.subarray(0, 1500), 'gzip');
      const layer = { desc: await b.addBlob(blob, 'application/vnd.oci.image.layer.v1.tar+gzip'), diffId: `sha256:${'0'.repeat(64)}` };
      await b.image([layer], { tag: 't' });
      const r = inspect(await b.finish());
      assert.equal(r.code, 2, `${cut}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, `${cut}: ${r.err}`);
      assert.match(r.err, /^plinth: /, cut);
      assert.doesNotMatch(r.err, /\n\s+at |internal error/, cut);
    } finally {
      await rm(b.dir, { recursive: true, force: true });
    }
  }
});

test('a package database bigger than any real one is refused with one line, in bounded memory', async () => {
  const b = await LayoutBuilder.create();
  try {
    // 80 MiB of dpkg status compresses to almost nothing.
    const status = Buffer.alloc(80 * 1024 * 1024, 'Package: x\n');
    const layer = await b.layer([{ path: 'var/lib/dpkg/status', content: status }], 'gzip');
    await b.image([layer], { tag: 't' });
    const args = [bin, 'inspect', '--contents', `oci:${await b.finish()}:t`];
    // GNU time prints the peak RSS (KiB) last; without it, the exit and the message are still checked.
    const timed = existsSync('/usr/bin/time');
    const r = timed ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', timeout: 120_000 }) : spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
    const lines = r.stderr.trim().split('\n');
    const peakKiB = Number(lines.at(-1));
    assert.equal(r.status, 2, r.stderr);
    assert.match(lines[0]!, /^plinth: .*var\/lib\/dpkg\/status.*larger than 64 MiB/);
    if (timed && Number.isFinite(peakKiB)) assert.ok(peakKiB < 300 * 1024, `peak ${Math.round(peakKiB / 1024)} MiB`);
  } finally {
    await rm(b.dir, { recursive: true, force: true });
  }
});

test('a zstd bomb is refused as it inflates, not after: 8 kB of zstd for 256 MiB of zeros stays under 200 MiB', async () => {
  const b = await LayoutBuilder.create();
  try {
    // fzstd hands every block of an input chunk over at once; before the limit was checked per
    // block, this layer peaked at 316 MiB (bench/hostile.ts).
    const layer = await b.layer([{ path: 'usr/share/zeros', content: Buffer.alloc(256 * 1024 * 1024) }], 'zstd');
    assert.ok(layer.desc.size < 64 * 1024, `${layer.desc.size} bytes compressed`);
    await b.image([layer], { tag: 't' });
    const args = [bin, 'inspect', '--contents', `oci:${await b.finish()}:t`];
    const timed = existsSync('/usr/bin/time');
    const r = timed ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', timeout: 120_000 }) : spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
    const lines = r.stderr.trim().split('\n');
    assert.equal(r.status, 2, r.stderr);
    assert.match(lines[0]!, /^plinth: layer 1\/1 .*decompresses to more than 200 times its size \(a decompression bomb\)$/);
    const peakKiB = Number(lines.at(-1));
    if (timed && Number.isFinite(peakKiB)) assert.ok(peakKiB < 200 * 1024, `peak ${Math.round(peakKiB / 1024)} MiB`);
  } finally {
    await rm(b.dir, { recursive: true, force: true });
  }
});

test('a layout blob that is a FIFO or links to /dev/zero is one error line, not a hang (#25 item 10)', async () => {
  const { execFileSync } = await import('node:child_process');
  const { symlink } = await import('node:fs/promises');
  const b = await LayoutBuilder.create();
  try {
    const layer = await b.layer([{ path: 'etc/os-release', content: 'ID=alpine\n' }], 'gzip');
    const image = await b.image([layer], { tag: 't' });
    const dir = await b.finish();
    const config = (await b.readJson<{ config: { digest: string } }>(image.digest)).config.digest;
    for (const [what, digest, make] of [['layer FIFO', layer.desc.digest, 'fifo'], ['layer /dev/zero', layer.desc.digest, 'zero'], ['config /dev/zero', config, 'zero']] as const) {
      const path = join(dir, 'blobs', 'sha256', digest.slice(7));
      const saved = await import('node:fs/promises').then((f) => f.readFile(path));
      await rm(path);
      if (make === 'fifo') execFileSync('mkfifo', [path]);
      else await symlink('/dev/zero', path);
      const r = spawnSync(process.execPath, [bin, 'inspect', '--contents', `oci:${dir}:t`], { encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.status, 2, `${what}: ${r.status} ${r.stderr}`);
      assert.match(r.stderr, /^plinth: .*blobs\/sha256\/[0-9a-f]{64} is not a regular file\n$/, what);
      await rm(path);
      await import('node:fs/promises').then((f) => f.writeFile(path, saved));
    }
  } finally {
    await rm(b.dir, { recursive: true, force: true });
  }
});

test('oci layouts are verified for every registered algorithm (sha512 too); others are refused', async () => {
  const { createHash } = await import('node:crypto');
  const { mkdir, writeFile } = await import('node:fs/promises');
  const b = await LayoutBuilder.create();
  try {
    const tar = await tarOf([{ path: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.21.0\n' }, { path: 'lib/apk/db/installed', content: 'P:musl\nV:1.2.5-r9\no:musl\n\n' }]);
    const blob = compress(tar, 'gzip');
    const hex = createHash('sha512').update(blob).digest('hex');
    await mkdir(join(b.dir, 'blobs', 'sha512'), { recursive: true });
    await writeFile(join(b.dir, 'blobs', 'sha512', hex), blob);
    const layer = { desc: { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha512:${hex}`, size: blob.length }, diffId: `sha256:${createHash('sha256').update(tar).digest('hex')}` };
    await b.image([layer], { tag: 't' });
    const dir = await b.finish();
    const ok = inspect(dir);
    assert.equal(ok.code, 0, ok.err);
    assert.equal(JSON.parse(spawnSync(process.execPath, [bin, 'inspect', '--contents', '--format', 'json', `oci:${dir}:t`], { encoding: 'utf8' }).stdout).platforms[0].contents.packages.count, 1);
    // One byte changed in the sha512 blob: refused.
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 5] = tampered[tampered.length - 5]! ^ 0xff;
    await writeFile(join(b.dir, 'blobs', 'sha512', hex), tampered);
    const bad = inspect(dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^plinth: .*(does not match its digest|invalid gzip data)/m);
    // An algorithm the spec does not register, or a digest of the wrong length, is no blob name.
    const { blobPath } = await import('../../src/image/layout.js');
    assert.throws(() => blobPath(`md5:${'a'.repeat(32)}`), /unsupported algorithm md5/);
    assert.throws(() => blobPath('sha256:abc'), /invalid sha256 digest/);
  } finally {
    await rm(b.dir, { recursive: true, force: true });
  }
});

test('a docker-archive whose layer does not match its diff_id is refused', async () => {
  const { writeDockerArchive } = await import('../helpers/image-builder.js');
  const b = await LayoutBuilder.create();
  try {
    const layer = await b.layer([{ path: 'etc/os-release', content: 'ID=debian\n' }]);
    // The config names another digest for the layer than the bytes the archive carries.
    const image = await b.image([{ desc: layer.desc, diffId: `sha256:${'1'.repeat(64)}` }], { tag: 't' });
    await b.finish();
    const archive = await writeDockerArchive(b, image, join(b.dir, 'save.tar'), 'legacy', 'acme/app:t');
    const r = spawnSync(process.execPath, [bin, 'inspect', '--contents', `docker-archive:${archive}`], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^plinth: .*layer\.tar.* does not match its digest/m);
  } finally {
    await rm(b.dir, { recursive: true, force: true });
  }
});

test('a decompression bomb and a path thousands of levels deep are refused with one line', async () => {
  const b = await LayoutBuilder.create();
  try {
    // 100 MiB of zeros gzip to about 100 kB: more than 200 times its size.
    const bomb = await b.layer([{ path: 'usr/share/zeros', content: Buffer.alloc(100 * 1024 * 1024) }], 'gzip');
    await b.image([bomb], { tag: 'bomb' });
    const deep = await b.layer([{ path: `${'d/'.repeat(300)}f`, content: 'x' }], 'gzip');
    await b.image([deep], { tag: 'deep' });
    const dir = await b.finish();
    for (const [tag, message] of [['bomb', /decompresses to more than 200 times its size/], ['deep', /a path deeper than 256 levels/]] as const) {
      const r = spawnSync(process.execPath, [bin, 'inspect', '--contents', `oci:${dir}:${tag}`], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 2, `${tag}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
    }
  } finally {
    await rm(b.dir, { recursive: true, force: true });
  }
});

test('a docker-archive member claiming 3 GiB, or a negative pax size, is one line, not an abort or a loop', async () => {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'plinth-archive-'));
  try {
    const claims = Buffer.concat([ustarHeader('manifest.json', '30000000000', '0'), Buffer.alloc(2048)]);
    await writeFile(join(dir, 'claims.tar'), claims);
    const pax = Buffer.from('12 size=-10\n');
    const negative = Buffer.concat([ustarHeader('PaxHeaders/x', pax.length.toString(8).padStart(11, '0'), 'x'), pax, Buffer.alloc(512 - pax.length), ustarHeader('manifest.json', '00000000000', '0'), Buffer.alloc(1024)]);
    await writeFile(join(dir, 'negative.tar'), negative);
    for (const [name, message] of [['claims.tar', /claims 3221225472 bytes, past the end of the archive/], ['negative.tar', /invalid size/]] as const) {
      const r = spawnSync(process.execPath, [bin, 'inspect', `docker-archive:${join(dir, name)}`], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 2, `${name}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('inspect oci:DIR without --contents reads the index, manifest and config only: no layer is opened', async () => {
  const b = await LayoutBuilder.create();
  try {
    const layer = await b.layer([{ path: 'etc/os-release', content: 'ID=alpine\n' }], 'gzip');
    await b.image([layer], { tag: 't', config: { Labels: { team: 'base' } } });
    const dir = await b.finish();
    // The layer's blob is gone: only a command that opens it can notice.
    await rm(join(dir, 'blobs', 'sha256', layer.desc.digest.slice(7)));
    const plain = spawnSync(process.execPath, [bin, 'inspect', '--format', 'json', `oci:${dir}:t`], { encoding: 'utf8' });
    assert.equal(plain.status, 0, plain.stderr);
    const p = JSON.parse(plain.stdout).platforms[0];
    assert.equal(p.layers, 1);
    assert.equal(p.created, '2025-01-01T00:00:00Z');
    assert.equal(p.contents, undefined);
    const text = spawnSync(process.execPath, [bin, 'inspect', `oci:${dir}:t`], { encoding: 'utf8' });
    assert.match(text.stdout, /label {7}team=base/);
    const deep = spawnSync(process.execPath, [bin, 'inspect', '--contents', `oci:${dir}:t`], { encoding: 'utf8' });
    assert.equal(deep.status, 2);
    assert.match(deep.stderr, /missing/);
  } finally {
    await rm(b.dir, { recursive: true, force: true });
  }
});

test('a package database of more than 100,000 packages is refused, not held (1.5 million took 1 GiB)', async () => {
  const { parseApkInstalled, parseDpkgStatus, MAX_PACKAGES } = await import('../../src/image/packages.js');
  const dpkg = 'Package: x\nStatus: install ok installed\n\n';
  assert.equal(parseDpkgStatus(dpkg.repeat(MAX_PACKAGES)).length, MAX_PACKAGES);
  assert.throws(() => parseDpkgStatus(dpkg.repeat(MAX_PACKAGES + 1)), /more than 100,000 packages/);
  assert.throws(() => parseApkInstalled('P:x\nV:1\n\n'.repeat(MAX_PACKAGES + 1)), /more than 100,000 packages/);
  // CRLF lines and a last stanza without a blank line still read.
  assert.deepEqual(parseDpkgStatus('Package: a\r\nVersion: 1\r\n\r\nPackage: b\nVersion: 2').map((p) => `${p.name}=${p.version}`), ['a=1', 'b=2']);
});

test('the package count is checked on the bytes, before a string and objects are made', async () => {
  const { checkPackageCount, MAX_PACKAGES } = await import('../../src/image/packages.js');
  const stanza = 'Package: x\nStatus: install ok installed\n\n';
  assert.doesNotThrow(() => checkPackageCount(Buffer.from(stanza.repeat(MAX_PACKAGES))));
  assert.throws(() => checkPackageCount(Buffer.from(stanza.repeat(MAX_PACKAGES + 1))), /more than 100,000 packages/);
});
