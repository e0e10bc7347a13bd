// The merged file system: whiteouts, opaque directories, symlinks and hard links, in layer order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImageFilesystem } from '../../src/image/index.js';
import type { LayerEntry } from '../../src/image/filesystem.js';

const file = (path: string, body = 'x'): LayerEntry => ({ type: 'file', path, size: body.length, body: Buffer.from(body) });
const link = (path: string, target: string): LayerEntry => ({ type: 'symlink', path, target });

function build(...layers: LayerEntry[][]): ImageFilesystem {
  const fs = new ImageFilesystem();
  layers.forEach((l, i) => fs.apply(l, i));
  return fs;
}

describe('ImageFilesystem', () => {
  it('deletes a lower file with .wh.<name> but keeps one the same layer writes', () => {
    const fs = build([file('bin/sh'), file('bin/bash')], [file('bin/.wh.sh'), file('bin/bash', 'new'), file('bin/.wh.bash')]);
    assert.equal(fs.isFile('/bin/sh'), false);
    assert.equal(fs.read('/bin/bash')?.toString(), 'new');
  });

  it('hides lower entries under an opaque directory, at every depth, keeping this layer\'s', () => {
    const fs = build(
      [file('var/lib/dpkg/status'), file('var/lib/dpkg/info/a.list'), file('var/lib/other')],
      [file('var/lib/dpkg/info/b.list'), file('var/lib/dpkg/.wh..wh..opq')],
    );
    assert.equal(fs.isFile('/var/lib/dpkg/status'), false);
    assert.equal(fs.isFile('/var/lib/dpkg/info/a.list'), false);
    assert.equal(fs.isFile('/var/lib/dpkg/info/b.list'), true);
    assert.equal(fs.isFile('/var/lib/other'), true);
  });

  it('replaces a directory by a file and a file by a directory', () => {
    const fs = build([file('etc/x/y')], [file('etc/x')], [{ type: 'dir', path: 'etc/x' }, file('etc/x/z')]);
    assert.deepEqual(fs.list('/etc/x'), ['z']);
  });

  it('follows relative, absolute and chained symlinks, through directories and ..', () => {
    const fs = build([
      link('bin', 'usr/bin'),
      file('usr/bin/busybox', 'bb'),
      link('usr/bin/sh', '/bin/busybox'),
      link('usr/bin/ash', 'sh'),
      link('usr/lib64/ld.so', '../lib/real/ld.so'),
      file('usr/lib/real/ld.so', 'ld'),
    ]);
    assert.equal(fs.read('/bin/ash')?.toString(), 'bb');
    assert.equal(fs.resolve('/bin/ash')?.path, '/usr/bin/busybox');
    assert.equal(fs.read('/usr/lib64/ld.so')?.toString(), 'ld');
    assert.equal(fs.resolve('/bin/sh', false)?.node.kind, 'symlink');
    // .. after a symlinked directory goes up from its target, as the kernel does.
    assert.equal(fs.resolve('/bin/../bin/busybox')?.path, '/usr/bin/busybox');
    assert.equal(fs.resolve('/bin/../usr/bin/busybox'), null);
  });

  it('gives up on loops and dangling links instead of hanging', () => {
    const fs = build([link('a', 'b'), link('b', '/a'), link('self', 'self'), link('dangling', 'nowhere'), link('d', 'a/x')]);
    for (const p of ['/a', '/b', '/self', '/dangling', '/d']) assert.equal(fs.resolve(p), null, p);
  });

  it('shares one body between hard links, across layers, and counts it once', () => {
    const fs = build([file('bin/busybox', 'busybox!')], [{ type: 'hardlink', path: 'bin/sh', target: 'bin/busybox' }], [file('bin/.wh.busybox')]);
    assert.equal(fs.isFile('/bin/busybox'), false);
    assert.equal(fs.read('/bin/sh')?.toString(), 'busybox!');
    assert.equal(fs.regularFileBytes(), 8);
  });

  it('writes through a lower symlinked directory (merged /usr) instead of replacing it', () => {
    const fs = build([link('lib', 'usr/lib'), { type: 'dir', path: 'usr/lib' }], [file('lib/x.so')]);
    assert.equal(fs.resolve('/lib', false)?.node.kind, 'symlink');
    assert.equal(fs.isFile('/usr/lib/x.so'), true);
  });

  it('finds files under a directory only when there are some', () => {
    const fs = build([{ type: 'dir', path: 'usr/share/zoneinfo/Europe' }], [file('usr/share/tz/UTC'), link('usr/share/zoneinfo2', 'tz')]);
    assert.equal(fs.hasFilesUnder('/usr/share/zoneinfo'), false);
    assert.equal(fs.hasFilesUnder('/usr/share/zoneinfo2'), true);
  });
});
