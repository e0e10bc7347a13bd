// The package as users get it: packed, installed globally into a temp prefix, run outside the repo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

test('npm pack + npm i -g: plinth --help and plinth lint work outside the repo', { timeout: 300_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'plinth-pack-'));
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  // dist/ is already built by `npm test`; --ignore-scripts keeps pack from rebuilding.
  npm(['pack', '--ignore-scripts', '--pack-destination', work], ROOT);
  const tgz = readdirSync(work).find((f) => /^plinth-.*\.tgz$/.test(f));
  assert.ok(tgz, 'npm pack wrote a tarball');
  const prefix = join(work, 'prefix');
  npm(['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', join(work, tgz)], work);
  const installed = join(prefix, 'lib', 'node_modules', 'plinth');
  assert.ok(existsSync(join(installed, 'src', 'catalog', 'data')), 'catalog data shipped');
  assert.ok(existsSync(join(installed, 'docs')), 'docs shipped');
  assert.ok(!existsSync(join(installed, 'dist', 'test')), 'tests are not shipped');

  const bin = join(prefix, 'bin', 'plinth');
  const project = join(work, 'project');
  cpSync(join(ROOT, 'examples', 'node-app'), project, { recursive: true });
  const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, NO_COLOR: '1' };
  const help = spawnSync(bin, ['--help'], { cwd: project, encoding: 'utf8', env });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /Usage: plinth <command>/);

  const run = spawnSync(bin, ['lint', '--format', 'json', '.'], { cwd: project, encoding: 'utf8', env });
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  assert.equal(run.stderr, '');
  const report = JSON.parse(run.stdout) as { files: { path: string; stages: { image: string }[] }[] };
  assert.deepEqual(report.files.map((f) => f.path), ['Dockerfile']);
  assert.equal(report.files[0]!.stages[0]!.image, 'docker.io/library/node:20');

  const sarif = spawnSync(bin, ['lint', '--format', 'sarif', 'Dockerfile'], { cwd: project, encoding: 'utf8', env });
  const rules = (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string; help: { markdown: string } }[] } } }[] }).runs[0]!.tool.driver.rules;
  // The help text is the docs page read from the installed package, not from the repo.
  for (const r of rules) {
    const page = join(ROOT, 'docs', 'rules', `${r.id}.md`);
    if (existsSync(page)) assert.equal(r.help.markdown, readFileSync(join(installed, 'docs', 'rules', `${r.id}.md`), 'utf8'));
  }
});
