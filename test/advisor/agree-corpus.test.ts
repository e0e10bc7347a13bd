// One decision per FROM line: every image a lint rule suggests, over the whole corpus and every
// fixture project, is the image recommend recommends for the FROM line it would change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, parseDockerfile } from '../../src/dockerfile/index.js';
import { readContext } from '../../src/context/read.js';
import { adviseOffline } from '../../src/advisor/advise.js';
import { defaultConfig } from '../../src/config/types.js';
import { lintSource } from '../../src/lint/index.js';
import { CORPUS, DATE, hasCorpus } from '../golden/corpus.js';

/** Rules whose suggestion is not a base image (a flag, a digest refresh). */
const NOT_AN_IMAGE = new Set(['hardcoded-platform', 'stale-digest']);

/** The disagreements in one Dockerfile, as `path:line rule: lint X, recommend Y`. */
function disagreements(dir: string, name: string, shown: string): { compared: number; wrong: string[] } {
  const path = join(dir, name);
  const source = readFileSync(path, 'utf8');
  const report = lintSource(source, path, defaultConfig, { cwd: dir, date: DATE }, 'warning');
  if (report.error) return { compared: 0, wrong: [] };
  const file = parseDockerfile(source, path);
  const model = buildModel(file, {});
  const rec = adviseOffline(file, model, readContext(dir, file, model, undefined, name), { goal: 'size', date: DATE });
  let compared = 0;
  const wrong: string[] = [];
  for (const f of report.findings) {
    if (f.stage === null || !f.suggestion || NOT_AN_IMAGE.has(f.rule)) continue;
    // The FROM line a suggestion changes: the stage's own, or the start of its FROM <stage> chain.
    let at = f.stage;
    for (let n = 0; n < 64 && report.stages[at]?.fromStage != null; n++) at = report.stages[at]!.fromStage!;
    const advice = rec.stages.find((s) => s.index === at);
    compared++;
    if (advice?.recommended !== f.suggestion) wrong.push(`${shown}:${f.line} ${f.rule}: lint ${f.suggestion}, recommend ${advice?.recommended}`);
  }
  return { compared, wrong };
}

test('lint suggests what recommend recommends, on every FROM line of the corpus', { skip: !hasCorpus() && 'no ../shared corpus' }, () => {
  let compared = 0;
  const wrong: string[] = [];
  for (const dir of readdirSync(CORPUS).sort()) {
    for (const name of readdirSync(join(CORPUS, dir)).sort()) {
      const r = disagreements(join(CORPUS, dir), name, `${dir}/${name}`);
      compared += r.compared;
      wrong.push(...r.wrong);
    }
  }
  assert.deepEqual(wrong.slice(0, 20), []);
  assert.ok(compared >= 250, `compared ${compared} suggestions`);
});

test('lint suggests what recommend recommends, in every fixture project', () => {
  const root = join(process.cwd(), 'test', 'fixtures', 'projects');
  let compared = 0;
  const wrong: string[] = [];
  for (const name of readdirSync(root).filter((d) => existsSync(join(root, d, 'Dockerfile')))) {
    const r = disagreements(join(root, name), 'Dockerfile', name);
    compared += r.compared;
    wrong.push(...r.wrong);
  }
  assert.deepEqual(wrong, []);
  assert.ok(compared >= 5, `compared ${compared} suggestions`);
});
