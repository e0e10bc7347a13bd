// Hostile image layers (issue 25, items 7 and 8): a truncated gzip or tar, a member bigger than any
// package database: one line and exit 2 from the CLI process, never a stack trace or an abort.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LayoutBuilder, compress, tarOf } from '../helpers/image-builder.js';

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
