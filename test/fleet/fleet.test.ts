// plinth report over a fleet made from the corpus (grouped by the repository each file came from, one
// .git per repository) and a small hand-made fleet whose savings are worked out by hand from the
// measured sizes in ../shared/catalog; shards merged give the same report as one run.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanFleet } from '../../src/fleet/scan.js';
import { mergeScans, summarize } from '../../src/fleet/summary.js';
import { SHARED } from '../helpers/shared.js';
import { corpusFleet } from '../helpers/fleet.js';
import { spawnPlinth } from '../helpers/spawn-cli.js';
import { pushImage, registryMissing, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { fixtureDump, startDumpServer } from '../helpers/osv.js';
import { updateDb } from '../../src/vulndb/update.js';

const DATE = '2026-12-04';
const REPOS = ['docker-library/python', 'docker/awesome-compose', 'open-telemetry/opentelemetry-demo', 'docker-library/tomcat', 'chainguard-dev/dfc'];

/** Measured compressed linux/amd64 size of an official image, from ../shared/catalog. */
function measured(image: string, tag: string): number {
  const snap = JSON.parse(readFileSync(join(SHARED, 'catalog', 'official-images-snapshot.json'), 'utf8')) as { image: string; tag: string; platforms: { architecture: string; compressedBytes: number }[] }[];
  return snap.find((e) => e.image === image && e.tag === tag)!.platforms.find((p) => p.architecture === 'amd64')!.compressedBytes;
}

const plinth = (args: string[], cwd: string) => spawnPlinth(args, { cwd, env: { HOME: cwd } });

describe('plinth report', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plinth-fleet-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('a hand-made fleet: savings per pull, per day and per month worked out by hand', async () => {
    const root = join(dir, 'hand');
    for (const [repo, from] of [['shop', 'python:3.12'], ['billing', 'python:3.12'], ['site', 'node:22']] as const) {
      mkdirSync(join(root, repo, '.git'), { recursive: true });
      writeFileSync(join(root, repo, 'Dockerfile'), `FROM ${from}\nCOPY . /app\nCMD ["true"]\n`);
    }
    writeFileSync(join(root, 'shop', 'requirements.txt'), 'psycopg2==2.9.9\n');
    writeFileSync(join(root, 'billing', 'requirements.txt'), 'psycopg2==2.9.9\n');
    const scan = await scanFleet([root], { cwd: dir, date: DATE });
    const pulls = new Map([['shop', 1000], ['billing', 50]]);
    const s = summarize(scan, pulls);
    assert.equal(s.repositories, 3);
    // python:3.12 with a C extension -> python:3.12-slim, both measured in ../shared/catalog.
    const perPull = measured('python', '3.12') - measured('python', '3.12-slim');
    const shop = s.changes.find((c) => c.repository === 'shop')!;
    assert.equal(shop.to, 'python:3.12-slim');
    assert.equal(shop.savingBytes, perPull);
    assert.equal(shop.bytesPerDay, perPull * 1000);
    assert.equal(shop.bytesPerMonth, perPull * 1000 * 30);
    assert.equal(s.changes.find((c) => c.repository === 'billing')!.bytesPerDay, perPull * 50);
    assert.equal(s.totals.bytesPerDay, perPull * 1050);
    assert.equal(s.totals.bytesPerMonth, perPull * 1050 * 30);
    assert.equal(s.changes[0]!.repository, 'shop', 'ranked by bytes per day');
    assert.equal(s.changes.find((c) => c.repository === 'site')!.pullsPerDay, null);
    assert.deepEqual(s.inventory.map((e) => [e.image, e.dockerfiles, e.repositories]), [['python:3.12', 2, 2], ['node:22', 1, 1]]);
  });

  it('a corpus fleet: inventory, drift, end of life and findings; shards merged equal one run', async () => {
    const root = join(dir, 'corpus');
    const copied = corpusFleet(root, REPOS);
    const scan = await scanFleet([root], { cwd: dir, date: DATE });
    assert.equal(scan.files.length, copied);
    const s = summarize(scan);
    assert.equal(s.repositories, REPOS.length);
    assert.ok(s.inventory.length > 10);
    const python = s.drift.find((d) => d.family === 'python');
    assert.ok(python && python.versions.length > 1, 'docker-library/python builds on many Debian and Alpine versions');
    assert.ok(s.endOfLife.some((e) => e.status === 'past'));
    assert.equal(s.findings.byRule.reduce((n, r) => n + r.count, 0), scan.files.reduce((n, f) => n + f.findings.length, 0));
    assert.equal(s.findings.byRepository.reduce((n, r) => n + r.count, 0), scan.files.reduce((n, f) => n + f.findings.length, 0));
    // Two shards, by repository, as two CI jobs would scan them.
    const [a, b] = [REPOS.slice(0, 2), REPOS.slice(2)].map((group) => group.map((r) => join(root, r.replace('/', '__'))));
    const shardA = await scanFleet(a, { cwd: root, date: DATE });
    const shardB = await scanFleet(b, { cwd: root, date: DATE });
    const merged = mergeScans([JSON.parse(JSON.stringify(shardA)), JSON.parse(JSON.stringify(shardB))], ['a.json', 'b.json']);
    assert.deepEqual(merged.files, scan.files);
    assert.deepEqual(summarize(merged), s);
  });

  it('CLI: json, merge, markdown, --out, --pulls; bad inputs are one line, exit 2', async () => {
    const root = join(dir, 'cli');
    corpusFleet(root, REPOS.slice(0, 2));
    writeFileSync(join(root, 'pulls.csv'), 'image_or_repository,pulls_per_day\ndocker-library__python,120\n');
    const one = await plinth(['report', '.', '--format', 'json', '--date', DATE, '--pulls', 'pulls.csv', '--out', 'all.json'], root);
    assert.equal(one.code, 0, one.err);
    const all = JSON.parse(readFileSync(join(root, 'all.json'), 'utf8'));
    assert.equal(all.kind, 'plinth-fleet');
    assert.ok(all.summary.changes.some((c: { repository: string; pullsPerDay: number }) => c.repository === 'docker-library__python' && c.pullsPerDay === 120));
    await plinth(['report', 'docker-library__python', '--format', 'json', '--date', DATE, '--out', 'a.json'], root);
    await plinth(['report', 'docker__awesome-compose', '--format', 'json', '--date', DATE, '--out', 'b.json'], root);
    const merged = await plinth(['report', 'merge', 'a.json', 'b.json', '--format', 'json', '--pulls', 'pulls.csv'], root);
    assert.equal(merged.code, 0, merged.err);
    assert.deepEqual(JSON.parse(merged.out).summary, all.summary);
    // pulls: in the config gives the same figures as --pulls.
    writeFileSync(join(root, '.plinthrc.yaml'), 'pulls:\n  docker-library__python: 120\n');
    const fromConfig = await plinth(['report', 'merge', 'a.json', 'b.json', '--format', 'json'], root);
    assert.deepEqual(JSON.parse(fromConfig.out).summary, all.summary);
    const md = await plinth(['report', 'merge', 'a.json', 'b.json', '--format', 'markdown'], root);
    assert.match(md.out, /^## Base images: 2 repositories, \d+ Dockerfiles/);
    writeFileSync(join(root, 'bad.json'), '{"kind":"plinth-fleet","version":1,"date":"2026-12-04","files":[{"repository":1}]}');
    const bad = await plinth(['report', 'merge', 'a.json', 'bad.json'], root);
    assert.equal(bad.code, 2);
    assert.equal(bad.err, 'plinth: bad.json: a file record is not what plinth report writes\n');
    writeFileSync(join(root, 'pulls-bad.csv'), 'image_or_repository,pulls_per_day\ny,many\n');
    const badPulls = await plinth(['report', '.', '--pulls', 'pulls-bad.csv'], root);
    assert.equal(badPulls.code, 2);
    assert.equal(badPulls.err, "plinth: pulls-bad.csv:2: pulls per day must be a number, got 'many'\n");
    // A pulls file is read as a bounded regular file: /dev/zero is refused at once, not read forever.
    const zero = await plinth(['report', '.', '--pulls', '/dev/zero'], root);
    assert.equal(zero.code, 2);
    assert.equal(zero.err, 'plinth: --pulls /dev/zero: not a regular file\n');
  });
});

describe('plinth report --online', { skip: registryMissing }, () => {
  let reg: TestRegistry;
  let dir: string;
  const sizes: Record<string, number> = {};
  before(async () => {
    reg = await startRegistry();
    // Debian 12 images whose glibc is before and after the fix of the fixture records.
    const status = (glibc: string) => `Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: ${glibc}\nArchitecture: amd64\n`;
    for (const [tag, filler, glibc] of [['3.12', 300_000, '2.36-9+deb12u3'], ['3.12-slim', 100_000, '2.36-9+deb12u4']] as const) {
      const layers = [[{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }, { path: 'var/lib/dpkg/status', content: status(glibc) }]];
      sizes[tag] = (await pushImage(reg, `library/python:${tag}`, { seed: tag, fillerBytes: filler, layers })).platforms[0]!.compressedBytes;
    }
    dir = await mkdtemp(join(tmpdir(), 'plinth-fleet-online-'));
    const dumps = await startDumpServer({ '/Debian/all.zip': { body: fixtureDump('Debian') } });
    try {
      await updateDb({ dir: join(dir, 'vulndb'), source: dumps.url, ecosystems: ['Debian'] });
    } finally {
      await dumps.stop();
    }
  });
  after(async () => {
    await reg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('sizes come from the registry, and the report says so', async () => {
    mkdirSync(join(dir, 'shop', '.git'), { recursive: true });
    writeFileSync(join(dir, 'shop', 'Dockerfile'), 'FROM python:3.12\nCOPY . /app\nCMD ["python", "app.py"]\n');
    writeFileSync(join(dir, 'shop', 'requirements.txt'), 'psycopg2==2.9.9\n');
    writeFileSync(join(dir, 'pulls.csv'), 'shop,10\n');
    const r = await plinth(['report', '.', '--online', '--registry-mirror', `docker.io=${reg.url}`, '--no-cache', '--format', 'json', '--date', DATE, '--pulls', 'pulls.csv'], dir);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.sizeSource, 'registry');
    const change = json.summary.changes[0];
    assert.equal(change.to, 'python:3.12-slim');
    assert.equal(change.savingBytes, sizes['3.12']! - sizes['3.12-slim']!, 'the pushed images, not the catalog');
    assert.equal(change.bytesPerDay, (sizes['3.12']! - sizes['3.12-slim']!) * 10);
    const html = await plinth(['report', '.', '--online', '--registry-mirror', `docker.io=${reg.url}`, '--no-cache', '--date', DATE], dir);
    assert.match(html.out, /Sizes are compressed sizes from the registries \(--online\)/);
  });

  it('--vulns: each change counted before and after against the OSV data', async () => {
    const args = ['report', '.', '--online', '--vulns', '--db-dir', join(dir, 'vulndb'), '--registry-mirror', `docker.io=${reg.url}`, '--no-cache', '--date', DATE];
    const r = await plinth([...args, '--format', 'json'], dir);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    // glibc 2.36-9+deb12u3 has CVE-2023-6246 (high), -6779 and -6780 (unknown); u4 none of them.
    assert.deepEqual(json.summary.changes[0].vulnerabilities, { before: { total: 3, critical: 0, high: 1 }, after: { total: 0, critical: 0, high: 0 } });
    assert.equal(json.summary.totals.vulnerabilitiesRemoved, 3);
    assert.match((await plinth([...args, '--format', 'markdown'], dir)).out, /and remove 3 known vulnerabilities\./);
    assert.equal((await plinth(['report', '.', '--vulns'], dir)).code, 2, '--vulns needs --online');
  });
});
