// A real Debian 12 tree (debootstrap --variant=minbase, its 88 packages) as an image, matched against
// records written for its real source packages and versions: binNMUs, epochs only on some binaries of
// a source (util-linux's bsdutils), last_affected and enumerated versions, answers worked out by hand.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { updateDb } from '../../src/vulndb/update.js';
import { scanImages } from '../../src/vulns/scan.js';
import { debianTree, LayoutBuilder } from '../helpers/image-builder.js';
import { startDumpServer } from '../helpers/osv.js';
import { writeZip } from '../helpers/zip.js';

const tree = await debianTree();
const skip = 'skip' in tree ? tree.skip : false;

/** One OSV record for one Debian 12 source package, as the tracker writes them. */
const record = (id: string, upstream: string[], name: string, affected: object) => ({
  name: `${id}.json`,
  data: JSON.stringify({ id, upstream, modified: '2026-12-01T00:00:00Z', affected: [{ package: { ecosystem: 'Debian:12', name }, ...affected }] }),
});
const range = (...events: object[]) => ({ ranges: [{ type: 'ECOSYSTEM', events }] });

describe('vulns on a real debootstrap minbase tree', { skip }, () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('matches by source package and source version, counting each CVE once', async () => {
    const root = (tree as { root: string }).root;
    const rows = execFileSync('dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W', '-f', '${Package}\t${Version}\t${source:Package}\t${source:Version}\n'], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split('\t'));
    const sourceVersion = (src: string) => rows.find((r) => r[2] === src)![3]!;
    const binariesOf = (src: string) => rows.filter((r) => r[2] === src).map((r) => r[0]!.split(':')[0]!).sort();
    assert.ok(rows.length > 50);
    assert.ok(rows.some((r) => r[2] === 'util-linux' && r[1] !== r[3]), 'a binary of util-linux carries an epoch its source does not');

    const glibc = sourceVersion('glibc');
    const fix = `${glibc}+zz1`;
    const entries = [
      record('DEBIAN-CVE-2099-0001', ['CVE-2099-0001'], 'glibc', { ...range({ introduced: '0' }, { fixed: fix }), ecosystem_specific: { urgency: 'high' } }),
      record('DSA-9999-1', ['CVE-2099-0001', 'CVE-2099-0003'], 'glibc', range({ introduced: '0' }, { fixed: fix })),
      record('DEBIAN-CVE-2099-0002', ['CVE-2099-0002'], 'bash', range({ introduced: '0' }, { fixed: sourceVersion('bash') })),
      record('DEBIAN-CVE-2099-0004', ['CVE-2099-0004'], 'util-linux', range({ introduced: '0' })),
      record('DEBIAN-CVE-2099-0005', ['CVE-2099-0005'], 'bzip2', { versions: [sourceVersion('bzip2')] }),
      record('DEBIAN-CVE-2099-0006', ['CVE-2099-0006'], 'zlib', range({ introduced: '0' }, { last_affected: sourceVersion('zlib') })),
    ];
    const server = await startDumpServer({ '/Debian/all.zip': { body: writeZip(entries) } });
    const dir = await mkdtemp(join(tmpdir(), 'plinth-vulndb-deb-'));
    dirs.push(dir);
    try {
      await updateDb({ dir: join(dir, 'db'), source: server.url, ecosystems: ['Debian'] });
    } finally {
      await server.stop();
    }
    const layout = await LayoutBuilder.create(join(dir, 'layout'));
    await layout.image([await layout.layerFromDir(root)], { tag: 'bookworm' });
    await layout.finish();
    const { images } = await scanImages([`oci:${layout.dir}:bookworm`], { dbDir: join(dir, 'db') });
    const img = images[0]!;
    assert.equal(img.release, 'Debian:12');
    assert.equal(img.packages.count, rows.length);
    const got = img.findings.map((f) => [f.id, f.package.source, f.package.version, f.fixedVersion, f.records.sort().join(',')]);
    assert.deepEqual(got, [
      ['CVE-2099-0001', 'glibc', glibc, fix, 'DEBIAN-CVE-2099-0001,DSA-9999-1'],
      ['CVE-2099-0005', 'bzip2', sourceVersion('bzip2'), null, 'DEBIAN-CVE-2099-0005'],
      ['CVE-2099-0003', 'glibc', glibc, fix, 'DSA-9999-1'],
      ['CVE-2099-0004', 'util-linux', sourceVersion('util-linux'), null, 'DEBIAN-CVE-2099-0004'],
      ['CVE-2099-0006', 'zlib', sourceVersion('zlib'), null, 'DEBIAN-CVE-2099-0006'],
    ]);
    assert.deepEqual(img.findings.find((f) => f.package.source === 'util-linux')!.package.binaries, binariesOf('util-linux'), 'every binary of util-linux, epoch or not, under one source');
    assert.deepEqual(img.counts, { total: 5, bySeverity: { critical: 0, high: 1, medium: 0, low: 0, negligible: 0, unknown: 4 }, fixable: 2, unfixed: 3 });
  });
});
