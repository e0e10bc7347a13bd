// lint and recommend never disagree: the image a lint rule suggests is the advisor's recommendation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';
import { FIXTURE_DATE } from '../helpers/dates.js';
import { buildModel, parseDockerfile } from '../../src/dockerfile/index.js';
import { readContext } from '../../src/context/read.js';
import { adviseOffline, decideOffline } from '../../src/advisor/advise.js';
import type { Goal } from '../../src/advisor/types.js';

const root = join(process.cwd(), 'test', 'fixtures', 'projects');
const SUGGESTING = new Set(['full-image-in-final-stage', 'jdk-in-final-stage', 'musl-native-modules']);

async function json(argv: string[], cwd: string): Promise<any> {
  const io = captureIO({ cwd });
  await main(argv, io);
  return JSON.parse(io.out);
}

test('full-image, jdk and musl findings suggest exactly what recommend recommends', async () => {
  let compared = 0;
  for (const name of readdirSync(root).filter((d) => existsSync(join(root, d, 'Dockerfile')) && !existsSync(join(root, d, 'args.json')))) {
    const dir = join(root, name);
    const lint = await json(['lint', 'Dockerfile', '--format', 'json', '--date', FIXTURE_DATE], dir);
    const rec = await json(['recommend', 'Dockerfile', '--format', 'json', '--date', FIXTURE_DATE], dir);
    // Each suggestion is the recommendation for the stage it is about (the final one, or the root of
    // the final stage's FROM <stage> chain); a finding on a stage of the chain suggests nothing.
    const names = new Set(rec.stages.map((s: { name: string | null }) => s.name).filter(Boolean));
    for (const f of lint.files[0].findings.filter((x: { rule: string }) => SUGGESTING.has(x.rule))) {
      const stage = rec.stages.find((s: { index: number }) => s.index === f.stage);
      assert.equal(f.suggestion, names.has(stage.current) ? null : stage.recommended, `${name} ${f.rule} on stage ${f.stage}`);
      compared++;
    }
  }
  assert.ok(compared >= 4, `compared ${compared} findings`);
});

test("lint's decision for a stage is the one recommend explains, for every stage and goal", () => {
  let compared = 0;
  let changed = 0;
  for (const name of readdirSync(root).filter((d) => existsSync(join(root, d, 'Dockerfile')))) {
    const dir = join(root, name);
    const file = parseDockerfile(readFileSync(join(dir, 'Dockerfile'), 'utf8'), join(dir, 'Dockerfile'));
    const model = buildModel(file, {});
    const ctx = readContext(dir, file, model);
    for (const goal of ['size', 'security', 'compatibility'] as Goal[]) {
      const rec = adviseOffline(file, model, ctx, { goal, date: FIXTURE_DATE });
      for (const stage of rec.stages) {
        const d = decideOffline(model, ctx, stage.index, { goal, date: FIXTURE_DATE });
        assert.deepEqual([d?.current, d?.recommended, d?.choice.decision], [stage.current, stage.recommended, stage.decision], `${name} ${goal} stage ${stage.index}`);
        compared++;
        if (stage.recommended !== stage.current) changed++;
      }
    }
  }
  assert.ok(compared >= 40 && changed >= 10, `compared ${compared} stages, ${changed} with a new image`);
  assert.equal(decideOffline(buildModel(parseDockerfile('FROM node:22\n', 'Dockerfile'), {}), readContext(root, null, null), 5), null);
});

test('musl-native-modules names the package with file and line, and stays quiet for the traps', async () => {
  const lint = await json(['lint', 'Dockerfile', '--format', 'json'], join(root, 'python-alpine-mysqlclient'));
  const musl = lint.files[0].findings.filter((f: { rule: string }) => f.rule === 'musl-native-modules');
  assert.equal(musl.length, 1);
  assert.match(musl[0].message, /mysqlclient 2\.2\.4 \(pyproject\.toml:8\)/);
  assert.equal(musl[0].severity, 'warning');
  const quiet = await json(['lint', 'Dockerfile', '--format', 'json'], join(root, 'node-goal-security'));
  assert.equal(quiet.files[0].findings.filter((f: { rule: string }) => f.rule === 'musl-native-modules').length, 0);
});
