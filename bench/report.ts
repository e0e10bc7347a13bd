// `npm run bench:report`: plinth report over the corpus copied ten times (one repository folder with
// .git per source repository and copy) as one process, the way an organisation runs it over its
// clones; wall time and peak RSS (/usr/bin/time), beside `node -e 0`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusFleet } from '../test/helpers/fleet.js';
import { SHARED } from '../test/helpers/shared.js';

const PLINTH = fileURLToPath(new URL('../../bin/plinth.js', import.meta.url));
const repos = [...new Set(readFileSync(join(SHARED, 'corpus', 'PROVENANCE.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[1]!))];
const root = mkdtempSync(join(tmpdir(), 'plinth-bench-fleet-'));
const files = corpusFleet(root, repos, 10);
console.log(`fleet: ${files} Dockerfiles in ${repos.length * 10} repositories`);
const timed = (argv: string[]): { ms: number; rssMiB: number | null } => {
  const start = process.hrtime.bigint();
  const r = existsSync('/usr/bin/time') ? spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 }) : spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(r.stderr);
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { ms, rssMiB: Number.isFinite(kb) ? kb / 1024 : null };
};
for (const format of ['json', 'html']) {
  const t = timed([process.execPath, PLINTH, 'report', root, '--format', format, '--date', '2026-12-04', '--out', join(root, `report.${format}`)]);
  console.log(`plinth report --format ${format}: ${(t.ms / 1000).toFixed(1)} s, peak RSS ${t.rssMiB?.toFixed(0) ?? 'n/a'} MiB`);
}
const floor = timed([process.execPath, '-e', '0']);
console.log(`node -e 0: ${floor.ms.toFixed(0)} ms`);

// The HTML at this size in a real browser: how long it takes to open, to filter and to sort.
const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (chromiumPath) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const page = await browser.newPage();
  const html = join(root, 'report.html');
  let t = process.hrtime.bigint();
  await page.goto(`file://${html}`, { waitUntil: 'load' });
  const openMs = Number(process.hrtime.bigint() - t) / 1e6;
  const rows = await page.locator('table.data tbody tr').count();
  t = process.hrtime.bigint();
  await page.fill('#filter', 'alpine');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const filterMs = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  await page.click('#table-changes th:nth-child(7)');
  const sortMs = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(`the HTML in chromium: ${(statSync(html).size / 1e6).toFixed(1)} MB, ${rows} table rows; open ${openMs.toFixed(0)} ms, filter ${filterMs.toFixed(0)} ms, sort the changes ${sortMs.toFixed(0)} ms`);
  await browser.close();
}
rmSync(root, { recursive: true, force: true });
