// Only tags that exist (#24 class 5): every image a lint rule suggests or recommend recommends, over
// the whole corpus and every fixture project, is one the shipped data lists today: the official
// images' tag list (also under mirror.gcr.io and public.ecr.aws), distroless's published images,
// the .NET images' manifest. Images the data does not cover (another registry, `scratch`) are
// counted apart; none may be one the data knows to be gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, parseDockerfile } from '../../src/dockerfile/index.js';
import { readContext } from '../../src/context/read.js';
import { adviseOffline } from '../../src/advisor/advise.js';
import { imageLookup } from '../../src/advisor/lookup.js';
import { defaultConfig } from '../../src/config/types.js';
import { lintSource } from '../../src/lint/index.js';
import { CORPUS, DATE, hasCorpus } from '../golden/corpus.js';

/** Every rule on, the pinning ones included: their suggestions count too. */
const EVERY_RULE = { ...defaultConfig, rules: { 'floating-tag': 'info', 'missing-digest': 'info' } } as const;
/** Rules whose suggestion is not a base image (a flag, a digest refresh). */
const NOT_AN_IMAGE = new Set(['hardcoded-platform', 'stale-digest']);

interface Tally { listed: number; uncovered: number; gone: string[] }

function check(dir: string, name: string, shown: string, date: string, t: Tally): void {
  const lookup = imageLookup();
  const path = join(dir, name);
  const source = readFileSync(path, 'utf8');
  const report = lintSource(source, path, EVERY_RULE, { cwd: dir, date }, 'warning');
  if (report.error) return;
  const file = parseDockerfile(source, path);
  const model = buildModel(file, {});
  const rec = adviseOffline(file, model, readContext(dir, file, model, undefined, name), { goal: 'size', date });
  const suggested = [
    ...report.findings.filter((f) => f.suggestion && !NOT_AN_IMAGE.has(f.rule)).map((f) => [`${shown}:${f.line} ${f.rule}`, f.suggestion!] as const),
    ...rec.stages.filter((s) => s.recommended !== s.current).map((s) => [`${shown} stage ${s.index} recommend`, s.recommended] as const),
  ];
  for (const [where, image] of suggested) {
    if (image === null || image === 'scratch') continue;
    const known = lookup.knows(image, date);
    if (known === true) t.listed++;
    else if (known === null) t.uncovered++;
    else t.gone.push(`${where}: ${image}`);
  }
}

test('every suggested image of the corpus is listed today', { skip: !hasCorpus() && 'no ../shared corpus' }, () => {
  const t: Tally = { listed: 0, uncovered: 0, gone: [] };
  for (const dir of readdirSync(CORPUS).sort()) for (const name of readdirSync(join(CORPUS, dir)).sort()) check(join(CORPUS, dir), name, `${dir}/${name}`, DATE, t);
  assert.deepEqual(t.gone.slice(0, 20), []);
  // Most suggestions are official images or distroless, which the data covers.
  // Nearly all are covered: official images (on Docker Hub or a public mirror of it), distroless and
  // .NET; what is left is a preview channel's tags.
  assert.ok(t.listed >= 500 && t.uncovered <= 10, `listed ${t.listed}, not covered ${t.uncovered}`);
});

test('every suggested image of the fixture projects is listed on their date', () => {
  const root = join(process.cwd(), 'test', 'fixtures', 'projects');
  const t: Tally = { listed: 0, uncovered: 0, gone: [] };
  for (const name of readdirSync(root).filter((d) => existsSync(join(root, d, 'Dockerfile'))).sort()) check(join(root, name), 'Dockerfile', name, '2026-09-01', t);
  assert.deepEqual(t.gone, []);
  assert.ok(t.listed >= 30, `listed ${t.listed}, not covered ${t.uncovered}`);
});
