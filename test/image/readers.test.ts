// Package databases, compression detection and bad layers.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parseApkInstalled, parseDpkgStatus, parseRpmHeader, readRpmSqlite } from '../../src/image/index.js';
import { detectCompression, readLayer } from '../../src/image/layer.js';
import { compress, rpmdbSqlite, rpmHeaderBlob, tarOf } from '../helpers/image-builder.js';

describe('package databases', () => {
  it('reads dpkg status: source name and its own version, skips config-files, keeps continuation lines out', () => {
    const items = parseDpkgStatus('Package: a\nStatus: install ok installed\nSource: b (1.0)\nVersion: 1.0+x\nArchitecture: amd64\nDescription: d\n Package: fake\n\nPackage: c\nStatus: deinstall ok config-files\nVersion: 2\n');
    assert.deepEqual(items, [{ name: 'a', version: '1.0+x', source: 'b', sourceVersion: '1.0', architecture: 'amd64' }]);
  });

  it('reads apk installed with origins', () => {
    assert.deepEqual(parseApkInstalled('P:busybox-binsh\nV:1.37.0-r8\nA:aarch64\no:busybox\n\nP:musl\nV:1.2.5-r8\n'), [
      { name: 'busybox-binsh', version: '1.37.0-r8', source: 'busybox', architecture: 'aarch64' },
      { name: 'musl', version: '1.2.5-r8', source: 'musl', architecture: null },
    ]);
  });

  it('parses rpm header blobs and an rpmdb.sqlite, epoch and source rpm included, gpg-pubkey left out', async () => {
    const h = parseRpmHeader(rpmHeaderBlob({ name: 'zlib-ng-compat', version: '2.1.6', release: '1.el10', epoch: 1, arch: 'aarch64', sourcerpm: 'zlib-ng-2.1.6-1.el10.src.rpm' }));
    assert.equal(h.get(1000), 'zlib-ng-compat');
    assert.equal(h.get(1003), 1);
    const db = await rpmdbSqlite([
      { name: 'zlib-ng-compat', version: '2.1.6', release: '1.el10', epoch: 1, arch: 'aarch64', sourcerpm: 'zlib-ng-2.1.6-1.el10.src.rpm' },
      { name: 'gpg-pubkey', version: 'x', release: 'y', arch: '(none)' },
    ]);
    assert.deepEqual(await readRpmSqlite(db), [{ name: 'zlib-ng-compat', version: '1:2.1.6-1.el10', source: 'zlib-ng', architecture: 'aarch64' }]);
  });

  it('rejects a malformed rpm header', () => {
    assert.throws(() => parseRpmHeader(Buffer.from([0, 0, 0, 9, 0, 0, 0, 1])), /malformed/);
  });
});

describe('layer streams', () => {
  it('detects compression by magic bytes, whatever the media type says', async () => {
    const tar = await tarOf([{ path: 'etc/os-release', content: 'ID=x\n' }]);
    for (const c of ['gzip', 'zstd', 'none'] as const) {
      const blob = compress(tar, c);
      assert.equal(detectCompression(blob.subarray(0, 4), 'application/vnd.oci.image.layer.v1.tar+gzip'), c);
      const read = await readLayer(Readable.from([blob]), 'application/vnd.oci.image.layer.v1.tar+gzip', () => true, 'test');
      assert.equal(read.compression, c);
      assert.equal(read.tarBytes, tar.length);
      assert.deepEqual(read.entries, [{ type: 'file', path: 'etc/os-release', size: 5, body: Buffer.from('ID=x\n') }]);
    }
  });

  it('keeps only the bodies asked for', async () => {
    const tar = await tarOf([{ path: 'big', content: Buffer.alloc(100000) }, { path: 'small', content: 'y' }]);
    const read = await readLayer(Readable.from([tar]), '', (p) => p === 'small', 'test');
    assert.deepEqual(read.entries.map((e) => (e.type === 'file' ? e.body?.length ?? null : -1)), [null, 1]);
    assert.equal(read.fileBytes, 100001);
  });

  it('fails with a one-line error naming the layer on truncated gzip and zstd data', async () => {
    const tar = await tarOf([{ path: 'f', content: Buffer.alloc(50000, 7) }]);
    for (const c of ['gzip', 'zstd'] as const) {
      const blob = compress(tar, c);
      await assert.rejects(readLayer(Readable.from([blob.subarray(0, blob.length >> 1)]), '', () => false, '2/3 (sha256:abc)'), (err: Error) => {
        assert.match(err.message, /^layer 2\/3 \(sha256:abc\): /);
        assert.doesNotMatch(err.message, /\n/);
        return true;
      });
    }
    await assert.rejects(readLayer(Readable.from([gzipSync(Buffer.from('not a tar at all, just text'.repeat(40)))]), '', () => false, 'L'), /layer L/);
  });
});
