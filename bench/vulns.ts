// `npm run bench:vulns`: `plinth db update` on a generated dump the size of OSV's Debian one (65,000
// records, about 300 MB of JSON) beside the floor (`unzip -p dump.zip > /dev/null`), in alternating
// pairs, with plinth's peak RSS; then matching a 400-package image against the loaded index (in
// process, median of 21) and `plinth vulns` on that image as a whole process beside `node -e 0`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchPackages } from '../src/vulndb/match.js';
import { loadRelease, openDb } from '../src/vulndb/store.js';
import type { PackageItem } from '../src/image/types.js';
import { LayoutBuilder } from '../test/helpers/image-builder.js';
import { writeZip } from '../test/helpers/zip.js';

const PLINTH = fileURLToPath(new URL('../../bin/plinth.js', import.meta.url));
const RECORDS = 65_000;
const SOURCES = 3_000;
const WORDS = 'buffer overflow heap use after free integer out of bounds read write denial of service remote attacker crafted input memory corruption'.split(' ');

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const source = (i: number): string => `src${i % SOURCES}`;

function text(n: number, seed: number): string {
  let s = '';
  for (let i = 0; s.length < n; i++) s += `${WORDS[(seed * 7 + i * 13) % WORDS.length]} `;
  return s.trim();
}

/** A record shaped like a DEBIAN-CVE one: three releases, references, details. */
function record(i: number): string {
  const year = 2000 + (i % 25);
  const id = `CVE-${year}-${10000 + i}`;
  const pkg = source(i);
  const affected = ['Debian:11', 'Debian:12', 'Debian:13'].map((eco, r) => ({
    package: { ecosystem: eco, name: pkg, purl: `pkg:deb/debian/${pkg}?arch=source` },
    ranges: [{ type: 'ECOSYSTEM', events: i % 5 === 0 ? [{ introduced: '0' }] : [{ introduced: '0' }, { fixed: `${1 + (i % 4)}.${i % 10}-${r + 1}+deb${11 + r}u${i % 3}` }] }],
    ecosystem_specific: { urgency: ['low', 'medium', 'high', 'unimportant', 'not yet assigned'][i % 5] },
    database_specific: { source: `https://storage.googleapis.com/debian-osv/debian-cve-osv/DEBIAN-${id}.json` },
  }));
  return JSON.stringify({
    schema_version: '1.6.0',
    id: `DEBIAN-${id}`,
    modified: '2026-11-30T03:20:44.116547Z',
    published: '2024-01-31T14:15:48Z',
    upstream: [id],
    summary: text(80, i),
    details: text(1500, i + 1),
    affected,
    references: Array.from({ length: 14 }, (_, k) => ({ type: 'WEB', url: `https://security-tracker.debian.org/tracker/${id}?ref=${k}&note=${text(40, k)}` })),
  }, null, 2);
}

function makeDump(dir: string): string {
  const file = join(dir, 'Debian', 'all.zip');
  if (existsSync(file)) return file;
  mkdirSync(join(dir, 'Debian'), { recursive: true });
  let jsonBytes = 0;
  const entries = Array.from({ length: RECORDS }, (_, i) => {
    const data = record(i);
    jsonBytes += data.length;
    return { name: `DEBIAN-CVE-${i}.json`, data };
  });
  writeFileSync(file, writeZip(entries));
  console.log(`generated ${RECORDS} records, ${(jsonBytes / 1e6).toFixed(0)} MB of JSON, zip ${(statSync(file).size / 1e6).toFixed(0)} MB`);
  return file;
}

function time(argv: string[], shell = false): number {
  const start = process.hrtime.bigint();
  const r = shell ? spawnSync('bash', ['-c', argv.join(' ')], { stdio: 'ignore' }) : spawnSync(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr?.toString() ?? ''}`);
  return ms;
}

function peakRssMiB(argv: string[]): number | null {
  if (!existsSync('/usr/bin/time')) return null;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8' });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : null;
}

async function main(): Promise<void> {
  const base = join(tmpdir(), 'plinth-bench-osv');
  const zip = makeDump(base);
  const dbDir = mkdtempSync(join(tmpdir(), 'plinth-bench-vulndb-'));
  const update = [process.execPath, PLINTH, 'db', 'update', 'debian', '--source', `file://${base}`, '--db-dir', dbDir];
  const unzip = ['unzip', '-p', zip, '>', '/dev/null'];
  const rounds = Number(process.env.ROUNDS ?? 3);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(time(update));
    b.push(time(unzip, true));
  }
  const ratio = median(a) / median(b);
  console.log(`db update (${RECORDS} records): plinth ${median(a).toFixed(0)} ms, unzip -p floor ${median(b).toFixed(0)} ms: ${ratio.toFixed(2)}x (${rounds} pairs; goal at most 3x)`);
  const rss = peakRssMiB(update);
  console.log(`db update peak RSS: ${rss === null ? 'n/a (no /usr/bin/time)' : `${rss.toFixed(0)} MiB`} (goal under 250 MiB)`);

  // A 400-package image: 400 binaries from 300 sources, a third of them with vulnerable versions.
  const items: PackageItem[] = Array.from({ length: 400 }, (_, i) => ({ name: `bin${i}`, version: `${1 + (i % 4)}.${i % 10}-1`, source: source(i % 300), architecture: 'amd64' }));
  const db = (await openDb(dbDir))!;
  const t0 = process.hrtime.bigint();
  const index = (await loadRelease(db, 'Debian:12'))!;
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const runs: number[] = [];
  let found = 0;
  for (let i = 0; i < 21; i++) {
    const s = process.hrtime.bigint();
    found = matchPackages(index, 'deb', items).length;
    runs.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  console.log(`match 400 packages against the loaded Debian:12 index: ${median(runs).toFixed(1)} ms median of 21 (${found} findings; goal under 150 ms); loading the index ${loadMs.toFixed(0)} ms`);

  const b2 = await LayoutBuilder.create(join(dbDir, 'layout'));
  const status = items.map((p) => `Package: ${p.name}\nStatus: install ok installed\nSource: ${p.source}\nVersion: ${p.version}\nArchitecture: amd64`).join('\n\n');
  const layer = await b2.layer([{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }, { path: 'var/lib/dpkg/status', content: `${status}\n` }]);
  await b2.image([layer], { tag: 'img' });
  const layout = await b2.finish();
  const vulns = [process.execPath, PLINTH, 'vulns', `oci:${layout}:img`, '--format', 'json', '--db-dir', dbDir];
  const floor = [process.execPath, '-e', '0'];
  const va: number[] = [];
  const vb: number[] = [];
  for (let i = 0; i < 7; i++) {
    va.push(time(vulns));
    vb.push(time(floor));
  }
  console.log(`plinth vulns on a 400-package image (whole process): ${median(va).toFixed(0)} ms, node -e 0 ${median(vb).toFixed(0)} ms: ${(median(va) / median(vb)).toFixed(2)}x (7 pairs)`);
  rmSync(dbDir, { recursive: true, force: true });
}

await main();
