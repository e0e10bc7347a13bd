// The HTML fleet report in a real headless browser (Debian's chromium, driven by playwright-core): no
// console errors, each chart has as many bars as its table has rows, the totals are the JSON's, the
// filter box filters and the headers sort; a screenshot is written to dist/test-output/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { scanFleet } from '../../src/fleet/scan.js';
import { summarize } from '../../src/fleet/summary.js';
import { fleetHtml } from '../../src/report/fleet-html.js';
import { formatBytes } from '../../src/util/bytes.js';
import { REPO, SHARED } from '../helpers/shared.js';
import { corpusFleet } from '../helpers/fleet.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

describe('the HTML report in headless chromium', { skip: CHROMIUM ? false : 'chromium is not installed (apt-get install chromium)' }, () => {
  let dir: string;
  let browser: Browser;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plinth-html-'));
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('renders without errors; charts match their tables; filter and sort work', async () => {
    const root = join(dir, 'fleet');
    corpusFleet(root, ['docker-library/python', 'docker/awesome-compose', 'docker-library/tomcat', 'open-telemetry/opentelemetry-demo']);
    // A repository name that is markup must stay text.
    mkdirSync(join(root, '<img src=x onerror=alert(1)>', '.git'), { recursive: true });
    writeFileSync(join(root, '<img src=x onerror=alert(1)>', 'Dockerfile'), 'FROM node:20\nCMD ["node", "x.js"]\n');
    // A repository whose change the catalog knows both sizes of (node:22 -> node:22-alpine), so the pulls give bytes.
    mkdirSync(join(root, 'sized', '.git'), { recursive: true });
    writeFileSync(join(root, 'sized', 'Dockerfile'), 'FROM node:22\nCOPY . .\nCMD ["node", "x.js"]\n');
    writeFileSync(join(root, 'sized', 'package.json'), '{"dependencies":{"express":"4.19.2"}}\n');
    const scan = await scanFleet([root], { cwd: dir, date: '2026-12-04' });
    const summary = summarize(scan, new Map([['docker-library__python', 500], ['docker__awesome-compose', 20], ['sized', 100]]));
    const file = join(dir, 'report.html');
    writeFileSync(file, fleetHtml(scan, summary));

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`file://${file}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'self-contained: nothing fetched');

    for (const [chart, table] of [['chart-savings', 'table-savings'], ['chart-rules', 'table-rules']]) {
      const bars = await page.locator(`#${chart} rect.bar`).count();
      const rows = await page.locator(`#${table} tbody tr`).count();
      assert.ok(rows > 0, `${table} has rows`);
      assert.equal(bars, rows, `${chart}: one bar per row of ${table}`);
    }
    // Families: one stacked bar per row, its final and build parts the table's columns, drawn in proportion.
    const stacked = await page.locator('#chart-families g.bar').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-final'), g.getAttribute('data-build'), (g.querySelector('rect.final') as SVGRectElement).width.baseVal.value, (g.querySelector('rect.build') as SVGRectElement).width.baseVal.value]));
    const familyRows = await page.locator('#table-families tbody tr').evaluateAll((rows) => rows.map((r) => [r.children[1]!.textContent, r.children[2]!.textContent]));
    assert.deepEqual(stacked.map(([f, b]) => [f, b]), familyRows);
    assert.ok(familyRows.some(([, b]) => Number(b) > 0) && familyRows.some(([f]) => Number(f) > 0), 'both kinds of stage in the fleet');
    const [f0, b0, wf0, wb0] = stacked[0]!.map(Number) as [number, number, number, number];
    const unit = (wf0 + wb0) / (f0 + b0);
    for (const [f, b, wf, wb] of stacked) {
      assert.ok(Math.abs(Number(wf) - Number(f) * unit) <= 1 && Math.abs(Number(wb) - Number(b) * unit) <= 1.01, `bar widths ${wf}, ${wb} for ${f} final, ${b} build`);
    }
    assert.equal(await page.locator('#chart-eol circle.mark').count(), await page.locator('#table-eol tbody tr').count());
    assert.equal(await page.locator('#total-changes').textContent(), String(summary.totals.changes));
    const d = summary.totals.bytesPerDay;
    assert.ok(d !== 0, 'pulls were given for repositories with changes');
    assert.equal(await page.locator('#total-day').textContent(), `${d < 0 ? '-' : ''}${formatBytes(Math.abs(d))}`);
    assert.equal(await page.locator('#table-families tbody tr').evaluateAll((rows) => rows.reduce((n, r) => n + Number(r.children[3]!.textContent), 0)),
      summary.inventory.reduce((n, e) => n + e.finalStages + e.buildStages, 0), 'the family table sums to the inventory');
    assert.ok((await page.locator('text=<img src=x onerror=alert(1)>').count()) > 0, 'the hostile name shows as text');

    const all = await page.locator('#table-inventory tbody tr:visible').count();
    await page.fill('#filter', 'alpine');
    const shown = await page.locator('#table-inventory tbody tr:visible').allTextContents();
    assert.ok(shown.length > 0 && shown.length < all, `the filter keeps ${shown.length} of ${all} rows`);
    assert.ok(shown.every((t) => t.toLowerCase().includes('alpine')));
    await page.fill('#filter', '');

    await page.click('#table-inventory th:nth-child(6)');
    await page.click('#table-inventory th:nth-child(6)');
    const counts = (await page.locator('#table-inventory tbody tr td:nth-child(6)').allTextContents()).map(Number);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'sorted by Dockerfiles, descending');

    const out = join(REPO, 'dist', 'test-output');
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: join(out, 'report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#filter').isVisible(), false, 'printed without the filter box');
  });

  it('a fleet of 126 repositories (the corpus three times): the same checks hold, and it stays quick', async (t) => {
    const root = join(dir, 'big');
    const repos = [...new Set(readFileSync(join(SHARED, 'corpus', 'PROVENANCE.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t')[1]!))];
    const files = corpusFleet(root, repos, 3);
    const scan = await scanFleet([root], { cwd: dir, date: '2026-12-04' });
    const summary = summarize(scan, new Map());
    const html = fleetHtml(scan, summary);
    const file = join(dir, 'big.html');
    writeFileSync(file, html);
    assert.ok(files > 4000, `${files} Dockerfiles`);
    // The page carries the fleet's figures, not its files: a few hundred KiB, not one row per Dockerfile.
    assert.ok(html.length < 4 * 1024 * 1024, `${html.length} bytes`);

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const started = Date.now();
    await page.goto(`file://${file}`);
    const loaded = Date.now() - started;
    assert.deepEqual(problems, []);
    assert.ok(loaded < 10_000, `loaded in ${loaded} ms`);
    for (const [chart, table] of [['chart-savings', 'table-savings'], ['chart-rules', 'table-rules']]) {
      const rows = await page.locator(`#${table} tbody tr`).count();
      assert.ok(rows > 0, `${table} has rows`);
      assert.equal(await page.locator(`#${chart} rect.bar`).count(), rows, `${chart}: one bar per row of ${table}`);
    }
    assert.equal(await page.locator('#chart-families g.bar').count(), await page.locator('#table-families tbody tr').count());
    assert.equal(await page.locator('#table-inventory tbody tr').count(), summary.inventory.length);
    assert.equal(await page.locator('#total-changes').textContent(), String(summary.totals.changes));
    // Every repository is in the fleet three times over: the family table sums to the inventory.
    assert.equal(await page.locator('#table-families tbody tr').evaluateAll((rows) => rows.reduce((n, r) => n + Number(r.children[3]!.textContent), 0)),
      summary.inventory.reduce((n, e) => n + e.finalStages + e.buildStages, 0));
    // Filtering and sorting the whole inventory answer at once (in the page's own clock).
    const took = await page.evaluate(() => {
      const input = document.querySelector('#filter') as HTMLInputElement;
      const t = performance.now();
      input.value = 'alpine';
      input.dispatchEvent(new Event('input'));
      (document.querySelector('#table-inventory th:nth-child(6)') as HTMLElement).click();
      return performance.now() - t;
    });
    assert.ok(took < 1000, `filter and sort took ${took.toFixed(0)} ms`);
    t.diagnostic(`${files} Dockerfiles, ${summary.inventory.length} inventory rows, ${html.length} bytes of HTML, loaded in ${loaded} ms, filter and sort in ${took.toFixed(0)} ms`);
    const shown = await page.locator('#table-inventory tbody tr:visible').allTextContents();
    assert.ok(shown.length > 0 && shown.every((t) => t.toLowerCase().includes('alpine')));
  });
});
