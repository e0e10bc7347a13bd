// An Alpine database written by apk-tools itself (test/fixtures/apk-tools, made by scripts/apk-fixture.sh)
// as an image: `inspect --contents` must list what `apk list --installed` listed, and `vulns` must match
// through each package's origin, in apk's version order, with answers worked out by hand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LayoutBuilder } from '../helpers/image-builder.js';
import { startDumpServer } from '../helpers/osv.js';
import { REPO } from '../helpers/shared.js';
import { spawnPlinth } from '../helpers/spawn-cli.js';
import { writeZip } from '../helpers/zip.js';

const ROOT = join(REPO, 'test', 'fixtures', 'apk-tools');

/** `apk list --installed`: `name-version arch {origin} (license) [installed]`. */
function apkListing(): { name: string; version: string; source: string; architecture: string }[] {
  return readFileSync(join(ROOT, 'apk-list-installed.txt'), 'utf8').trim().split('\n').map((line) => {
    const m = /^(\S+)-(\d\S*-r\d+) (\S+) \{(\S+)\}/.exec(line);
    assert.ok(m, line);
    return { name: m[1]!, version: m[2]!, architecture: m[3]!, source: m[4]! };
  });
}

const record = (id: string, name: string, events: object[]) => ({
  name: `ALPINE-${id}.json`,
  data: JSON.stringify({ id: `ALPINE-${id}`, upstream: [id], modified: '2026-12-01T00:00:00Z', affected: [{ package: { ecosystem: 'Alpine:v3.20', name }, ranges: [{ type: 'ECOSYSTEM', events }] }] }),
});

describe('an apk database written by apk-tools', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  async function image(compression: 'gzip' | 'zstd' = 'gzip'): Promise<{ dir: string; ref: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'plinth-apk-tools-'));
    dirs.push(dir);
    const layout = await LayoutBuilder.create(join(dir, 'layout'));
    const tree = join(ROOT, 'root');
    // zstd: the same tree as one zstd layer (GNU tar, then the zstd command).
    const layer = compression === 'gzip' ? await layout.layerFromDir(tree)
      : await layout.layer([{ path: 'lib/apk/db/installed', content: readFileSync(join(tree, 'lib/apk/db/installed'), 'utf8') }, { path: 'etc/os-release', content: readFileSync(join(tree, 'etc/os-release'), 'utf8') }, { path: 'lib/ld-musl-x86_64.so.1', content: 'musl', mode: 0o755 }], 'zstd');
    await layout.image([layer], { tag: 'alpine' });
    await layout.finish();
    return { dir, ref: `oci:${layout.dir}:alpine` };
  }

  it('inspect --contents lists what apk itself listed, from a zstd layer too (the CLI loads fzstd on Node 20)', async () => {
    const { ref: zstdRef } = await image('zstd');
    const z = await spawnPlinth(['inspect', '--contents', '--format', 'json', zstdRef]);
    assert.equal(z.code, 0, z.err);
    const zc = JSON.parse(z.out).platforms[0].contents;
    assert.deepEqual(zc.packages.items.map((p: { name: string; version: string }) => `${p.name}-${p.version}`), apkListing().map((p) => `${p.name}-${p.version}`));
    assert.equal(zc.libc, 'musl');

    const { ref } = await image();
    const r = await spawnPlinth(['inspect', '--contents', '--format', 'json', ref]);
    assert.equal(r.code, 0, r.err);
    const c = JSON.parse(r.out).platforms[0].contents;
    assert.deepEqual([c.os.id, c.os.alpineBranch, c.libc, c.shell, c.packageManager], ['alpine', 'v3.20', 'musl', '/bin/sh', 'apk']);
    assert.equal(c.packages.ecosystem, 'apk');
    const want = apkListing();
    assert.equal(want.length, 16);
    assert.deepEqual(c.packages.items.map((p: Record<string, unknown>) => ({ name: p.name, version: p.version, source: p.source, architecture: p.architecture })), want);
  });

  it("vulns: origins, apk order (r29 after r3), a fix equal to the installed version, an unfixed record, a binary name", async () => {
    const { dir, ref } = await image();
    const server = await startDumpServer({
      '/Alpine/all.zip': {
        body: writeZip([
          record('CVE-2099-1001', 'openssl', [{ introduced: '0' }, { fixed: '3.3.2-r1' }]),
          record('CVE-2099-1002', 'openssl', [{ introduced: '0' }, { fixed: '3.3.2-r0' }]),
          record('CVE-2099-1003', 'busybox', [{ introduced: '0' }, { fixed: '1.36.1-r3' }]),
          record('CVE-2099-1004', 'busybox', [{ introduced: '0' }, { fixed: '1.36.1-r30' }]),
          record('CVE-2099-1005', 'musl', [{ introduced: '0' }]),
          record('CVE-2099-1006', 'ca-certificates', [{ introduced: '0' }, { fixed: '20241121-r0' }]),
          record('CVE-2099-1007', 'zlib', [{ introduced: '1.3.1-r2' }, { fixed: '1.3.1-r3' }]),
          // Keyed by a binary's name rather than its origin: matched too, as Grype's apk matcher does.
          record('CVE-2099-1008', 'libcrypto3', [{ introduced: '0' }, { fixed: '3.3.3-r0' }]),
          // Introduced after the installed version.
          record('CVE-2099-1009', 'apk-tools', [{ introduced: '2.14.5-r0' }, { fixed: '2.14.6-r0' }]),
        ]),
      },
    });
    const env = { HOME: dir, XDG_CACHE_HOME: join(dir, 'cache') };
    try {
      const u = await spawnPlinth(['db', 'update', 'alpine', '--source', server.url], { env });
      assert.equal(u.code, 0, u.err);
    } finally {
      await server.stop();
    }
    const r = await spawnPlinth(['vulns', '--format', 'json', ref], { env });
    assert.equal(r.code, 0, r.err);
    const img = JSON.parse(r.out).images[0];
    assert.equal(img.release, 'Alpine:v3.20');
    const got = img.findings.map((f: { id: string; package: { source: string; version: string; binaries: string[] }; fixedVersion: string | null }) =>
      [f.id, f.package.source, f.package.version, f.package.binaries.join(','), f.fixedVersion]).sort();
    assert.deepEqual(got, [
      ['CVE-2099-1001', 'openssl', '3.3.2-r0', 'libcrypto3,libssl3', '3.3.2-r1'],
      ['CVE-2099-1004', 'busybox', '1.36.1-r29', 'busybox,busybox-binsh,ssl_client', '1.36.1-r30'],
      ['CVE-2099-1005', 'musl', '1.2.5-r0', 'musl,musl-utils', null],
      ['CVE-2099-1006', 'ca-certificates', '20240705-r0', 'ca-certificates-bundle', '20241121-r0'],
      ['CVE-2099-1008', 'openssl', '3.3.2-r0', 'libcrypto3,libssl3', '3.3.3-r0'],
    ]);
    assert.equal(img.counts.total, 5);
    assert.equal(img.counts.fixable, 4);
    assert.equal(img.counts.unfixed, 1);
  });
});
