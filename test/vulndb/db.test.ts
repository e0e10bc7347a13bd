// `plinth db update` from a local server, then `plinth vulns` on images built here, against answers
// written by hand from the fixture records (test/fixtures/osv/).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { updateDb } from '../../src/vulndb/update.js';
import { newestListedPatch } from '../../src/catalog/tags.js';
import { openDb, loadRelease } from '../../src/vulndb/store.js';
import { scanImages } from '../../src/vulns/scan.js';
import { LayoutBuilder, rpmdbSqlite, skopeoPush, startLocalRegistry, type RpmSpec } from '../helpers/image-builder.js';
import { fixtureDump, fixtureEntries, startDumpServer, type DumpServer } from '../helpers/osv.js';
import { writeZip } from '../helpers/zip.js';
import { spawnPlinth } from '../helpers/spawn-cli.js';
import { sarifValidator } from '../report/sarif-schema.js';


const DPKG_STATUS = [
  'Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u5\nArchitecture: amd64',
  'Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: 2.36-9+deb12u3\nArchitecture: amd64',
  'Package: libc-bin\nStatus: install ok installed\nSource: glibc\nVersion: 2.36-9+deb12u3\nArchitecture: amd64',
  'Package: libssl3\nStatus: install ok installed\nSource: openssl\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64',
  'Package: zlib1g\nStatus: install ok installed\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64',
  'Package: login\nStatus: install ok installed\nSource: shadow\nVersion: 1:4.13+dfsg1-1\nArchitecture: amd64',
  'Package: passwd\nStatus: install ok installed\nSource: shadow\nVersion: 1:4.13+dfsg1-1\nArchitecture: amd64',
  'Package: bash\nStatus: install ok installed\nSource: bash (5.2.15-2)\nVersion: 5.2.15-2+b2\nArchitecture: amd64',
].join('\n\n');

const APK_INSTALLED = [
  'P:musl\nV:1.2.5-r0\nA:x86_64\no:musl',
  'P:busybox\nV:1.36.1-r29\nA:x86_64\no:busybox',
  'P:libcrypto3\nV:3.3.1-r3\nA:x86_64\no:openssl',
  'P:libssl3\nV:3.3.1-r3\nA:x86_64\no:openssl',
].join('\n\n');

let work: string;
let server: DumpServer;
let layout: string;
const digests: Record<string, string> = {};

async function buildImages(): Promise<string> {
  const b = await LayoutBuilder.create(join(work, 'layout'));
  const deb = await b.layer([
    { path: 'etc/os-release', content: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n' },
    { path: 'var/lib/dpkg/status', content: `${DPKG_STATUS}\n` },
  ]);
  digests.debian12 = (await b.image([deb], { tag: 'debian12' })).digest;
  // The same tag rebuilt a week later: glibc at the fixed version.
  const patched = await b.layer([
    { path: 'etc/os-release', content: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n' },
    { path: 'var/lib/dpkg/status', content: `${DPKG_STATUS.replaceAll('2.36-9+deb12u3', '2.36-9+deb12u4')}\n` },
  ]);
  digests.patched = (await b.image([patched], { tag: 'debian12-patched' })).digest;
  const alp = await b.layer([
    { path: 'etc/os-release', content: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\n' },
    { path: 'lib/apk/db/installed', content: `${APK_INSTALLED}\n\n` },
  ]);
  await b.image([alp], { tag: 'alpine320' });
  // Built on 3.19, then `apk upgrade` from the v3.20 repositories: os-release still says 3.19.
  const repos = 'https://dl-cdn.alpinelinux.org/alpine/v3.20/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.20/community\n';
  const upgraded = await b.layer([
    { path: 'etc/os-release', content: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\n' },
    { path: 'etc/apk/repositories', content: `# mirrors\n${repos}` },
    { path: 'lib/apk/db/installed', content: `${APK_INSTALLED}\n\n` },
  ]);
  await b.image([upgraded], { tag: 'alpine319-upgraded' });
  const noOs = await b.layer([
    { path: 'etc/apk/repositories', content: repos },
    { path: 'lib/apk/db/installed', content: `${APK_INSTALLED}\n\n` },
  ]);
  await b.image([noOs], { tag: 'alpine-no-os-release' });
  const ubuntu = await b.layer([
    { path: 'etc/os-release', content: 'NAME="Ubuntu"\nID=ubuntu\nVERSION_ID="22.04"\n' },
    { path: 'var/lib/dpkg/status', content: 'Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: 2.35-0ubuntu3.6\nArchitecture: amd64\n\nPackage: libc-bin\nStatus: install ok installed\nSource: glibc\nVersion: 2.35-0ubuntu3.6\nArchitecture: amd64\n' },
  ]);
  await b.image([ubuntu], { tag: 'ubuntu2204' });
  const rpms: RpmSpec[] = [
    { name: 'glibc', version: '2.34', release: '100.el9_4.1', arch: 'x86_64', sourcerpm: 'glibc-2.34-100.el9_4.1.src.rpm' },
    { name: 'glibc-common', version: '2.34', release: '100.el9_4.1', arch: 'x86_64', sourcerpm: 'glibc-2.34-100.el9_4.1.src.rpm' },
    { name: 'bash', version: '5.1.8', release: '9.el9', arch: 'x86_64', sourcerpm: 'bash-5.1.8-9.el9.src.rpm' },
  ];
  const rocky = await b.layer([
    { path: 'etc/os-release', content: 'NAME="Rocky Linux"\nID="rocky"\nVERSION_ID="9.4"\n' },
    { path: 'var/lib/rpm/rpmdb.sqlite', content: await rpmdbSqlite(rpms) },
  ]);
  await b.image([rocky], { tag: 'rocky9' });
  const alma = await b.layer([
    { path: 'etc/os-release', content: 'NAME="AlmaLinux"\nID="almalinux"\nVERSION_ID="9.4"\n' },
    { path: 'var/lib/rpm/rpmdb.sqlite', content: await rpmdbSqlite(rpms) },
  ]);
  await b.image([alma], { tag: 'alma9' });
  // UBI 9: ID="rhel"; openssh below its fix, glibc at its fix, openssl-libs with an epoch.
  const ubi = await b.layer([
    { path: 'etc/os-release', content: 'NAME="Red Hat Enterprise Linux"\nID="rhel"\nVERSION_ID="9.4"\nCPE_NAME="cpe:/o:redhat:enterprise_linux:9::baseos"\n' },
    {
      path: 'var/lib/rpm/rpmdb.sqlite',
      content: await rpmdbSqlite([
        { name: 'openssh', version: '8.7p1', release: '38.el9_4', arch: 'x86_64', sourcerpm: 'openssh-8.7p1-38.el9_4.src.rpm' },
        { name: 'openssh-clients', version: '8.7p1', release: '38.el9_4', arch: 'x86_64', sourcerpm: 'openssh-8.7p1-38.el9_4.src.rpm' },
        { name: 'glibc', version: '2.34', release: '100.el9_4.2', arch: 'x86_64', sourcerpm: 'glibc-2.34-100.el9_4.2.src.rpm' },
        { name: 'openssl-libs', version: '3.0.7', release: '27.el9', epoch: 1, arch: 'x86_64', sourcerpm: 'openssl-3.0.7-27.el9.src.rpm' },
      ]),
    },
  ]);
  await b.image([ubi], { tag: 'ubi9' });
  // Wolfi (and Chainguard's images built on it): apk, one rolling release, no version in the key.
  const wolfi = await b.layer([
    { path: 'etc/os-release', content: 'ID=wolfi\nNAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID=20230201\n' },
    {
      path: 'lib/apk/db/installed',
      content: 'P:glibc\nV:2.40-r2\nA:x86_64\no:glibc\n\nP:ld-linux\nV:2.40-r2\nA:x86_64\no:glibc\n\nP:libcrypto3\nV:3.4.0-r1\nA:x86_64\no:openssl\n\nP:wolfi-baselayout\nV:20230201-r15\nA:x86_64\no:wolfi-baselayout\n\n',
    },
  ]);
  await b.image([wolfi], { tag: 'wolfi' });
  const chainguard = await b.layer([
    { path: 'etc/os-release', content: 'ID=chainguard\nNAME="Chainguard"\nPRETTY_NAME="Chainguard"\n' },
    { path: 'lib/apk/db/installed', content: 'P:libcrypto3\nV:3.3.1-r0\nA:x86_64\no:openssl\n\nP:libssl3\nV:3.3.1-r0\nA:x86_64\no:openssl\n\n' },
  ]);
  await b.image([chainguard], { tag: 'chainguard' });
  const bare = await b.layer([{ path: 'app', content: 'static binary' }]);
  await b.image([bare], { tag: 'scratch' });
  const sid = await b.layer([{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="10"\n' }, { path: 'var/lib/dpkg/status', content: `${DPKG_STATUS}\n` }]);
  await b.image([sid], { tag: 'debian10' });
  return b.finish();
}

const plinth = (args: string[], env: Record<string, string> = {}) => spawnPlinth(args, { env: { HOME: work, ...env } });

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'plinth-vulndb-'));
  server = await startDumpServer({
    '/Debian/all.zip': { body: fixtureDump('Debian') },
    '/Alpine/all.zip': { body: fixtureDump('Alpine') },
    '/Ubuntu/all.zip': { body: fixtureDump('Ubuntu') },
    '/Rocky Linux/all.zip': { body: fixtureDump('Rocky Linux') },
    '/AlmaLinux/all.zip': { body: fixtureDump('AlmaLinux') },
    '/Wolfi/all.zip': { body: fixtureDump('Wolfi') },
    '/Red Hat/all.zip': { body: fixtureDump('Red Hat') },
    '/Chainguard/all.zip': { body: fixtureDump('Chainguard') },
  });
  layout = await buildImages();
});
after(async () => {
  await server.stop();
  await rm(work, { recursive: true, force: true });
});

describe('db update', () => {
  it('indexes each release by source package, skips withdrawn records, records provenance', async () => {
    const dir = join(work, 'db-a');
    const { meta } = await updateDb({ dir, source: server.url, ecosystems: ['debian', 'alpine'] });
    assert.deepEqual(Object.keys(meta.files).sort(), ['Alpine:v3.19', 'Alpine:v3.20', 'Debian:11', 'Debian:12', 'Debian:13']);
    assert.equal(meta.sources.Debian!.records, 8);
    assert.equal(meta.sources.Debian!.withdrawn, 1);
    assert.match(meta.sources.Debian!.sha256, /^sha256:[0-9a-f]{64}$/);
    assert.equal(meta.sources.Debian!.lastModified, 'Wed, 02 Dec 2026 10:00:00 GMT');
    const db = (await openDb(dir))!;
    const d12 = (await loadRelease(db, 'Debian:12'))!;
    assert.deepEqual(d12.names().sort(), ['glibc', 'openssl', 'shadow', 'zlib']);
    assert.equal(d12.lookup('glibc').length, 3);
    assert.deepEqual(d12.lookup('bash'), [], 'the withdrawn record left no entry');
    assert.equal(await loadRelease(db, 'Ubuntu:22.04'), null);
  });

  it('a corrupt zip, a truncated download, a bad CRC, a record that is not OSV: one line, previous data kept', async () => {
    const dir = join(work, 'db-b');
    await updateDb({ dir, source: server.url, ecosystems: ['Debian'] });
    const before = (await readFile(join(dir, 'current'), 'utf8')).trim();
    const good = fixtureDump('Debian');
    const entries = fixtureEntries('Debian');
    const cases: [string, Buffer, number | undefined, RegExp][] = [
      ['corrupt', Buffer.concat([good.subarray(0, 200), Buffer.alloc(64, 0x41), good.subarray(264)]), undefined, /Debian\/all\.zip: (entry .* does not inflate|entry .* fails its CRC-32|.*not a readable zip|.*not JSON)/],
      ['truncated', good, Math.floor(good.length / 2), /download failed|not a readable zip/],
      ['bad crc', writeZip(entries.map((e, i) => (i === 2 ? { ...e, crc: 1234 } : e))), undefined, /fails its CRC-32 check/],
      ['not osv', writeZip([...entries, { name: 'BAD-1.json', data: '{"id":"BAD-1","affected":[{"package":{"ecosystem":"Debian:12"}}]}' }]), undefined, /BAD-1\.json: BAD-1: not valid OSV \(a package without "ecosystem" and "name"\)/],
      ['not json', writeZip([...entries, { name: 'X.json', data: '{"id": ' }]), undefined, /X\.json is not JSON/],
    ];
    for (const [what, body, cutAt, message] of cases) {
      server.files.set('/Debian/all.zip', { body, ...(cutAt !== undefined ? { cutAt } : {}) });
      const r = await plinth(['db', 'update', 'debian', '--source', server.url, '--db-dir', dir]);
      assert.equal(r.code, 2, `${what}: ${r.err}`);
      const lines = r.err.trim().split('\n').filter((l) => !l.startsWith('plinth: fetching'));
      assert.equal(lines.length, 1, `${what}: one line: ${r.err}`);
      assert.match(lines[0]!, message, what);
      assert.equal((await readFile(join(dir, 'current'), 'utf8')).trim(), before, `${what}: previous data still current`);
      const left = (await readdir(dir)).filter((n) => n !== 'current' && n !== before);
      assert.deepEqual(left, [], `${what}: nothing half-written left behind`);
    }
    server.files.set('/Debian/all.zip', { body: good });
  });

  it('refuses plain http to another host, and reads a file:// mirror', async () => {
    const r = await plinth(['db', 'update', '--source', 'http://mirror.example.com/osv', '--db-dir', join(work, 'db-c')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^plinth: refusing http for mirror\.example\.com/);
    const mirror = join(work, 'mirror');
    await (await import('node:fs/promises')).mkdir(join(mirror, 'Alpine'), { recursive: true });
    await writeFile(join(mirror, 'Alpine', 'all.zip'), fixtureDump('Alpine'));
    const ok = await plinth(['db', 'update', 'alpine', '--source', `file://${mirror}`, '--db-dir', join(work, 'db-c')]);
    assert.equal(ok.code, 0, ok.err);
    const status = JSON.parse((await plinth(['db', 'status', '--format', 'json', '--db-dir', join(work, 'db-c')])).out);
    assert.deepEqual(status.releases, ['Alpine:v3.19', 'Alpine:v3.20']);
    assert.equal(status.sources.Alpine.records, 2);
  });

  it("the config's vulnerabilities.source names the mirror", async () => {
    const project = join(work, 'config-source');
    await (await import('node:fs/promises')).mkdir(project, { recursive: true });
    await writeFile(join(project, '.plinthrc.yaml'), `vulnerabilities:\n  source: ${server.url}\n`);
    const r = await spawnPlinth(['db', 'update', 'alpine', '--db-dir', join(work, 'db-config')], { cwd: project, env: { HOME: work } });
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, new RegExp(`fetching Alpine from ${server.url}/Alpine/all\\.zip`));
  });

  it('updating one ecosystem keeps the others', async () => {
    const dir = join(work, 'db-d');
    await updateDb({ dir, source: server.url, ecosystems: ['Debian', 'Alpine'] });
    await updateDb({ dir, source: server.url, ecosystems: ['Alpine'] });
    const db = (await openDb(dir))!;
    assert.ok(await loadRelease(db, 'Debian:12'));
    assert.ok(await loadRelease(db, 'Alpine:v3.20'));
    assert.equal((await readdir(dir)).filter((n) => n.startsWith('gen-')).length, 2, 'the current and the one before it');
  });

  it('a record rated only by CVSS v4 is scored by db update, as the JSON says', async () => {
    const mirror = join(work, 'mirror-v4');
    await (await import('node:fs/promises')).mkdir(join(mirror, 'Wolfi'), { recursive: true });
    const record = {
      id: 'CGA-test-v4',
      upstream: ['CVE-2026-0001'],
      severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }],
      affected: [{ package: { ecosystem: 'Wolfi', name: 'curl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '8.11.1-r0' }] }] }],
    };
    await writeFile(join(mirror, 'Wolfi', 'all.zip'), writeZip([{ name: 'CGA-test-v4.json', data: JSON.stringify(record) }]));
    const dir = join(work, 'db-v4');
    // Through the CLI: its bundle keeps the CVSS v4 scorer in a file of its own (scripts/bundle.mjs).
    const r = await spawnPlinth(['db', 'update', 'wolfi', '--source', `file://${mirror}`, '--db-dir', dir]);
    assert.equal(r.code, 0, r.err);
    const release = (await loadRelease((await openDb(dir))!, 'Wolfi'))!;
    const [vuln] = release.lookup('curl');
    assert.deepEqual([vuln!.severity, vuln!.severitySource, vuln!.score], ['high', 'cvss-v4', 8.7]);
  });
});

describe('vulns', () => {
  let dir: string;
  before(async () => {
    dir = join(work, 'db-v');
    await updateDb({ dir, source: server.url, ecosystems: ['Debian', 'Alpine'] });
  });

  it('Debian 12: source packages, aliases counted once, epochs, unfixed, withdrawn', async () => {
    const { images } = await scanImages([`oci:${layout}:debian12`], { dbDir: dir });
    const img = images[0]!;
    assert.equal(img.release, 'Debian:12');
    const got = img.findings.map((f) => [f.id, f.package.source, f.severity, f.fixedVersion]);
    assert.deepEqual(got, [
      ['CVE-2023-6246', 'glibc', 'high', '2.36-9+deb12u4'],
      ['CVE-2023-4641', 'shadow', 'medium', '1:4.13+dfsg1-1+deb12u1'],
      ['CVE-2024-5535', 'openssl', 'low', '3.0.14-1~deb12u1'],
      ['CVE-2023-45853', 'zlib', 'negligible', null],
      ['CVE-2023-6779', 'glibc', 'unknown', '2.36-9+deb12u4'],
      ['CVE-2023-6780', 'glibc', 'unknown', '2.36-9+deb12u4'],
    ]);
    const glibc = img.findings[0]!;
    assert.deepEqual(glibc.records.sort(), ['DEBIAN-CVE-2023-6246', 'DSA-5611-1']);
    assert.deepEqual(glibc.package.binaries, ['libc-bin', 'libc6']);
    assert.equal(glibc.severitySource, 'distribution');
    assert.deepEqual(img.findings.find((f) => f.id === 'CVE-2024-5535')!.package.binaries, ['libssl3']);
    assert.deepEqual(img.counts, { total: 6, bySeverity: { critical: 0, high: 1, medium: 1, low: 1, negligible: 1, unknown: 2 }, fixable: 5, unfixed: 1 });
  });

  it('Alpine 3.20: origin packages and apk suffix order', async () => {
    const { images } = await scanImages([`oci:${layout}:alpine320`], { dbDir: dir });
    const got = images[0]!.findings.map((f) => [f.id, f.package.source, f.package.binaries.join(','), f.fixedVersion]);
    assert.deepEqual(got, [
      ['CVE-2024-45491', 'busybox', 'busybox', '1.36.1_p1-r0'],
      ['CVE-2024-6119', 'openssl', 'libcrypto3,libssl3', '3.3.2-r0'],
    ]);
    assert.equal(images[0]!.release, 'Alpine:v3.20');
  });

  it("Alpine: the repositories apk installs from outrank os-release, and stand in when it is missing", async () => {
    const { images } = await scanImages([`oci:${layout}:alpine320`, `oci:${layout}:alpine319-upgraded`, `oci:${layout}:alpine-no-os-release`], { dbDir: dir });
    const [plain, upgraded, noOs] = images;
    // Under v3.19's data these packages would be clean (openssl's 3.19 fix is 3.1.7-r0).
    assert.equal(upgraded!.release, 'Alpine:v3.20');
    assert.equal(noOs!.release, 'Alpine:v3.20');
    const ids = (i: typeof plain) => i!.findings.map((f) => f.id);
    assert.deepEqual(ids(upgraded), ids(plain));
    assert.deepEqual(ids(noOs), ids(plain));
    assert.equal(ids(plain).length, 2);
  });

  it('Ubuntu 22.04 (the :LTS ecosystem, its own priority over CVSS) and Rocky Linux 9 (rpm order, source rpm)', async () => {
    const db = join(work, 'db-more');
    await updateDb({ dir: db, source: server.url, ecosystems: ['ubuntu', 'rocky-linux'] });
    const { images } = await scanImages([`oci:${layout}:ubuntu2204`, `oci:${layout}:rocky9`], { dbDir: db });
    const [ubuntu, rocky] = images;
    assert.equal(ubuntu!.release, 'Ubuntu:22.04');
    assert.deepEqual(ubuntu!.findings.map((f) => [f.id, f.package.source, f.package.binaries.join(','), f.severity, f.severitySource, f.fixedVersion]), [
      ['CVE-2024-2961', 'glibc', 'libc-bin,libc6', 'medium', 'distribution', '2.35-0ubuntu3.7'],
    ]);
    assert.equal(rocky!.release, 'Rocky Linux:9');
    assert.deepEqual(rocky!.findings.map((f) => [f.id, f.package.source, f.package.version, f.records.join(','), f.severity, f.fixedVersion]), [
      ['CVE-2024-2961', 'glibc', '2.34-100.el9_4.1', 'RLSA-2024:2722', 'high', '2.34-100.el9_4.2'],
    ]);
  });

  it('AlmaLinux 9 (an advisory with only related CVEs is counted by its own id) and Wolfi (one rolling release)', async () => {
    const db = join(work, 'db-alma-wolfi');
    await updateDb({ dir: db, source: server.url, ecosystems: ['almalinux', 'wolfi'] });
    const { images } = await scanImages([`oci:${layout}:alma9`, `oci:${layout}:wolfi`], { dbDir: db });
    const [alma, wolfi] = images;
    assert.equal(alma!.release, 'AlmaLinux:9');
    assert.deepEqual(alma!.findings.map((f) => [f.id, f.package.source, f.package.binaries.join(','), f.severity, f.fixedVersion]), [
      ['ALSA-2024:2722', 'glibc', 'glibc,glibc-common', 'high', '2.34-100.el9_4.2'],
    ]);
    assert.equal(wolfi!.release, 'Wolfi');
    // openssl 3.4.0-r1 is past the 3.3.2-r1 fix: apk order, not text order.
    assert.deepEqual(wolfi!.findings.map((f) => [f.id, f.records.join(','), f.aliases.join(','), f.package.source, f.package.binaries.join(','), f.severity, f.fixedVersion]), [
      ['CVE-2024-33599', 'CGA-4f6m-2x9q-7h3c', 'GHSA-w6qc-h8m2-2j5v', 'glibc', 'glibc,ld-linux', 'unknown', '2.40-r3'],
    ]);
  });

  it("Chainguard: its own dump, keyed Chainguard; the Wolfi entries in it are not Chainguard's", async () => {
    const db = join(work, 'db-chainguard');
    await updateDb({ dir: db, source: server.url, ecosystems: ['chainguard'] });
    const { images } = await scanImages([`oci:${layout}:chainguard`], { dbDir: db });
    assert.equal(images[0]!.release, 'Chainguard');
    assert.deepEqual(images[0]!.findings.map((f) => [f.id, f.records.join(','), f.package.source, f.package.binaries.join(','), f.fixedVersion]), [
      ['CVE-2024-6119', 'CGA-7m2q-x4c8-9hpw', 'openssl', 'libcrypto3,libssl3', '3.3.2-r0'],
    ]);
    await assert.rejects(scanImages([`oci:${layout}:wolfi`], { dbDir: db }), /Wolfi/, 'no Wolfi data came with the Chainguard dump');
  });

  it('Red Hat (UBI 9): every repository of release 9 is one index, update streams skipped, epochs ordered', async () => {
    const db = join(work, 'db-redhat');
    await updateDb({ dir: db, source: server.url, ecosystems: ['red-hat'] });
    const { images } = await scanImages([`oci:${layout}:ubi9`], { dbDir: db });
    assert.equal(images[0]!.release, 'Red Hat:9');
    // openssh: once, though baseos and appstream both list it; glibc is at its fix; openssl-libs's
    // epoch 1 is compared as rpm does.
    assert.deepEqual(images[0]!.findings.map((f) => [f.id, f.records.join(','), f.package.source, f.package.binaries.join(','), f.package.version, f.severity, f.fixedVersion]), [
      ['CVE-2024-6387', 'RHSA-2024:4312', 'openssh', 'openssh,openssh-clients', '8.7p1-38.el9_4', 'high', '0:8.7p1-38.el9_4.1'],
      ['CVE-0000-0001', 'RHSA-TEST-EPOCH', 'openssl', 'openssl-libs', '1:3.0.7-27.el9', 'medium', '1:3.0.7-28.el9_4'],
    ]);
  });

  it('CLI: text, JSON, SARIF, --fail-on and --only-fixable exit codes', async () => {
    const text = await plinth(['vulns', `oci:${layout}:debian12`, '--db-dir', dir]);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /: 6 vulnerabilities \(1 high, 1 medium, 1 low, 1 negligible, 2 unknown\); 5 fixable, 1 with no fix yet/);
    assert.match(text.out, /HIGH\s+CVE-2023-6246\s+glibc 2\.36-9\+deb12u3 \(libc-bin, libc6\)\s+fixed in 2\.36-9\+deb12u4/);
    const json = JSON.parse((await plinth(['vulns', `oci:${layout}:debian12`, `oci:${layout}:alpine320`, '--format', 'json', '--db-dir', dir])).out);
    assert.equal(json.schema, 1);
    assert.deepEqual(json.images.map((i: { counts: { total: number } }) => i.counts.total), [6, 2]);
    assert.match(json.images[0].digest, /^sha256:/);
    const sarif: { runs: { results: unknown[] }[] } = JSON.parse((await plinth(['vulns', `oci:${layout}:debian12`, '--format', 'sarif', '--db-dir', dir])).out);
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.equal(sarif.runs[0].results.length, 6);
    assert.equal((await plinth(['vulns', `oci:${layout}:debian12`, '--fail-on', 'high', '--db-dir', dir])).code, 1);
    assert.equal((await plinth(['vulns', `oci:${layout}:debian12`, '--fail-on', 'critical', '--db-dir', dir])).code, 0);
    // The only negligible finding has no fix: with --only-fixable it does not fail the gate.
    assert.equal((await plinth(['vulns', `oci:${layout}:alpine320`, '--fail-on', 'unknown', '--only-fixable', '--db-dir', dir])).code, 1);
    const fixable = JSON.parse((await plinth(['vulns', `oci:${layout}:debian12`, '--only-fixable', '--format', 'json', '--db-dir', dir])).out);
    assert.equal(fixable.images[0].findings.length, 5);
    assert.ok(fixable.images[0].findings.every((f: { fixedVersion: string | null }) => f.fixedVersion !== null));
  });

  it('no package database: a warning and zero; no data for the release or no data at all: one line, exit 2', async () => {
    const bare = await plinth(['vulns', `oci:${layout}:scratch`, '--db-dir', dir]);
    assert.equal(bare.code, 0, bare.err);
    assert.match(bare.err, /no package database/);
    const d10 = await plinth(['vulns', `oci:${layout}:debian10`, '--db-dir', dir]);
    assert.equal(d10.code, 2);
    assert.equal(d10.err, `plinth: oci:${layout}:debian10: no vulnerability data for Debian:10; run 'plinth db update debian'\n`);
    const none = await plinth(['vulns', `oci:${layout}:debian12`, '--db-dir', join(work, 'nothing-here')]);
    assert.equal(none.code, 2);
    assert.match(none.err, /^plinth: no vulnerability data in .*; run 'plinth db update'/);
    assert.equal(none.err.trim().split('\n').length, 1);
  });

  it('a tampered cache: one line naming the damage and the way out, exit 2', async () => {
    const copy = join(work, 'db-tampered');
    await (await import('node:fs/promises')).cp(dir, copy, { recursive: true });
    const db = (await openDb(copy))!;
    const file = join(copy, db.generation, db.meta.files['Debian:12']!);
    const text = await readFile(file, 'utf8');
    const [magic, header, body] = text.split('\n');
    const h = JSON.parse(header!);
    h.packages.glibc = [0, 10_000_000];
    await writeFile(file, `${magic}\n${JSON.stringify(h)}\n${body}`);
    const r = await plinth(['vulns', `oci:${layout}:debian12`, '--db-dir', copy]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^plinth: the vulnerability data in .* is damaged \(Debian%3A12\.json: bad offsets for glibc\); run 'plinth db update'\n$/);
    await writeFile(file, `${magic}\n${header}\n${body!.replace('"ranges":[[["i","0"],["f","2.36-9+deb12u4"]]]', '"ranges":[[["i","0"],["z","2.36-9+deb12u4"]]]')}`);
    const shape = await plinth(['vulns', `oci:${layout}:debian12`, '--db-dir', copy]);
    assert.equal(shape.code, 2);
    assert.match(shape.err, /entries of glibc have another shape/);
    await writeFile(join(copy, 'current'), '../../etc\n');
    assert.match((await plinth(['vulns', `oci:${layout}:debian12`, '--db-dir', copy])).err, /"current" does not name a generation/);
  });

  it('warns when the data is older than a day', async () => {
    const db = (await openDb(dir))!;
    const metaPath = join(dir, db.generation, 'meta.json');
    const meta = JSON.parse(await readFile(metaPath, 'utf8'));
    const fresh = meta.updatedAt;
    meta.updatedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await writeFile(metaPath, JSON.stringify(meta));
    try {
      const r = await plinth(['vulns', `oci:${layout}:alpine320`, '--db-dir', dir]);
      assert.match(r.err, /warning: the vulnerability data is 3 days old .*run 'plinth db update'/);
    } finally {
      meta.updatedAt = fresh;
      await writeFile(metaPath, JSON.stringify(meta));
    }
    assert.doesNotMatch((await plinth(['vulns', `oci:${layout}:alpine320`, '--db-dir', dir])).err, /days old/);
  });
});

const hasSkopeo = spawnSyncShell('command -v skopeo');
describe('compare --vulns against a real local registry', { skip: hasSkopeo ? false : 'skopeo is not installed' }, () => {
  let reg: NonNullable<Awaited<ReturnType<typeof startLocalRegistry>>>;
  let dir: string;
  before(async () => {
    const started = await startLocalRegistry();
    if (!started) throw new Error('docker-registry is not installed');
    reg = started;
    skopeoPush(layout, 'debian12', `${reg.host}/library/app:debian`);
    skopeoPush(layout, 'alpine320', `${reg.host}/library/app:alpine`);
    skopeoPush(layout, 'debian12', `${reg.host}/library/node:22`);
    skopeoPush(layout, 'alpine320', `${reg.host}/library/node:22-alpine`);
    dir = join(work, 'db-compare');
    await updateDb({ dir, source: server.url, ecosystems: ['Debian', 'Alpine'] });
  });
  after(async () => reg?.stop());

  it('recommend --online --vulns: the change of base in the evidence and the JSON', async () => {
    const project = join(work, 'project');
    await (await import('node:fs/promises')).mkdir(project, { recursive: true });
    await writeFile(join(project, 'Dockerfile'), 'FROM node:22\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n');
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', main: 'index.js', dependencies: {} }));
    await writeFile(join(project, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, packages: { '': { name: 'app', version: '1.0.0' } } }));
    await writeFile(join(project, 'index.js'), 'console.log(1)\n');
    const args = ['recommend', join(project, 'Dockerfile'), '--online', '--vulns', '--registry-mirror', `docker.io=http://${reg.host}`, '--no-cache', '--db-dir', dir];
    const text = await plinth(args);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /Vulnerabilities: 6 -> 2: node:22-alpine contains 4 fewer vulnerabilities \(1 fewer high\)\./, text.out);
    const json = JSON.parse((await plinth([...args, '--format', 'json'])).out);
    const stage = json.stages[0];
    assert.equal(stage.vulnerabilities.current.total, 6);
    assert.equal(stage.vulnerabilities.recommended.total, 2);
    assert.equal(stage.vulnerabilities.delta.total, -4);
    assert.ok(stage.evidence.some((e: { file: string; fact: string }) => e.file === 'OSV data' && /4 fewer vulnerabilities/.test(e.fact)));
  });

  it('lint --online: vulnerable-base-image at the configured threshold, a refresh first', async () => {
    const project = join(work, 'lint-project');
    await (await import('node:fs/promises')).mkdir(project, { recursive: true });
    skopeoPush(layout, 'debian12', `${reg.host}/library/base:12`);
    skopeoPush(layout, 'debian12-patched', `${reg.host}/library/base:12`);
    const pinned = `${reg.host}/library/base:12@${digests.debian12}`;
    await writeFile(join(project, 'Dockerfile'), `FROM ${pinned} AS old\nRUN true\n\nFROM ${reg.host}/library/base:12\nCMD ["true"]\n`);
    const lint = (config: string) =>
      writeFile(join(project, '.plinthrc.yaml'), config).then(() => plinth(['lint', join(project, 'Dockerfile'), '--online', '--format', 'json', '--db-dir', dir, '--no-cache', '--ignore', 'missing-digest', '--ignore', 'stale-digest']));
    const off = await lint('rules: {}\n');
    assert.deepEqual(JSON.parse(off.out).files[0].findings.filter((f: { rule: string }) => f.rule === 'vulnerable-base-image'), [], 'silent without a threshold');
    const high = await lint('vulnerabilities:\n  threshold: high\n');
    const found = JSON.parse(high.out).files[0].findings.filter((f: { rule: string }) => f.rule === 'vulnerable-base-image');
    assert.equal(found.length, 1, high.out + high.err);
    assert.equal(found[0].line, 1);
    assert.match(found[0].message, /has 1 fixable vulnerability at or above high: CVE-2023-6246 in glibc \(high, fixed in 2\.36-9\+deb12u4\); the tag's current digest sha256:[0-9a-f]{64} fixes all of them; refresh the pin/);
    assert.equal(found[0].suggestion, `${reg.host}/library/base:12@${digests.patched}`);
    const sarif = JSON.parse((await plinth(['lint', join(project, 'Dockerfile'), '--online', '--format', 'sarif', '--db-dir', dir, '--no-cache', '--ignore', 'missing-digest', '--ignore', 'stale-digest'])).out);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'vulnerable-base-image');
    assert.match(JSON.stringify(result.fixes), new RegExp(digests.patched!.slice(7)), 'the refresh is a fix');
    const medium = await lint('vulnerabilities:\n  threshold: medium\n');
    const m = JSON.parse(medium.out).files[0].findings.filter((f: { rule: string }) => f.rule === 'vulnerable-base-image');
    assert.deepEqual(m.map((f: { line: number }) => f.line), [1, 4]);
    assert.match(m[1].message, /has 1 fixable vulnerability at or above medium: CVE-2023-4641 in shadow \(medium, fixed in 1:4\.13\+dfsg1-1\+deb12u1\); this tag has not been rebuilt/);
    assert.equal(m[1].suggestion, null);
    const nodata = await plinth(['lint', join(project, 'Dockerfile'), '--online', '--db-dir', join(work, 'none'), '--no-cache']);
    assert.match(nodata.err, /vulnerable-base-image: no vulnerability data in .*run 'plinth db update'/);
    // An official full-version tag: the newest listed patch of its line is the second answer.
    const newest = newestListedPatch('node', '22.12.0-bookworm')!;
    skopeoPush(layout, 'debian12', `${reg.host}/library/node:22.12.0-bookworm`);
    skopeoPush(layout, 'debian12-patched', `${reg.host}/library/node:${newest}`);
    await writeFile(join(project, 'Dockerfile'), 'FROM node:22.12.0-bookworm\nCMD ["node", "x.js"]\n');
    await writeFile(join(project, '.plinthrc.yaml'), 'vulnerabilities:\n  threshold: high\n');
    const official = await plinth(['lint', join(project, 'Dockerfile'), '--online', '--format', 'json', '--db-dir', dir, '--no-cache', '--registry-mirror', `docker.io=http://${reg.host}`]);
    const v = JSON.parse(official.out).files[0].findings.filter((f: { rule: string }) => f.rule === 'vulnerable-base-image');
    assert.equal(v.length, 1, official.out + official.err);
    assert.match(v[0].message, new RegExp(`the newer tag ${newest.replace(/\./g, '\\.')} fixes all of them`));
    assert.equal(v[0].suggestion, `node:${newest}`);
  });

  it('counts per image and the change against the first, in text and JSON', async () => {
    const images = [`${reg.host}/library/app:debian`, `${reg.host}/library/app:alpine`];
    const text = await plinth(['compare', ...images, '--vulns', '--db-dir', dir, '--no-cache']);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /vulns\s+critical\s+high\s+fixable/);
    assert.match(text.out, new RegExp(`${images[1]!.replace(/[.:/]/g, '\\$&')} contains 4 fewer vulnerabilities \\(1 fewer high\\) than ${images[0]!.replace(/[.:/]/g, '\\$&')}`));
    const json = JSON.parse((await plinth(['compare', ...images, '--vulns', '--format', 'json', '--db-dir', dir, '--no-cache'])).out);
    assert.equal(json.images[0].vulnerabilities.total, 6);
    assert.equal(json.images[0].vulnerabilities.delta, undefined);
    assert.equal(json.images[1].vulnerabilities.total, 2);
    assert.deepEqual(json.images[1].vulnerabilities.delta, { total: -4, bySeverity: { critical: 0, high: -1, medium: -1, low: -1, negligible: -1, unknown: 0 }, fixable: -3 });
  });
});

describe('recommend --online --vulns', { skip: hasSkopeo ? false : 'skopeo is not installed' }, () => {
  it('needs --online', async () => {
    const r = await plinth(['recommend', join(work, 'nothing', 'Dockerfile'), '--vulns']);
    assert.equal(r.code, 2);
  });
});

function spawnSyncShell(command: string): boolean {
  return spawnSync('sh', ['-c', command]).status === 0;
}
