// The GitHub Action's composite steps, run the way the runner runs them: each step's env is built
// from the inputs (the only expressions allowed there), `run` goes to bash with GITHUB_* files, and
// the code-scanning upload step gets the SARIF file the report step named in its outputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = process.cwd();

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as Action;

interface Run {
  status: Record<string, number | null>;
  stdout: string;
  outputs: Record<string, Record<string, string>>;
  uploaded?: string;
}

/** Runs every step after the install (the test's build stands for it), stopping at a failure. */
function runAction(dir: string, given: Record<string, string>): Run {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default]));
  const expr = (value: string, outputs: Run['outputs']) =>
    value.replace(/\$\{\{ (inputs|steps)\.([a-z-]+)(?:\.outputs\.([a-z-]+))? \}\}/g, (_, kind: string, name: string, out?: string) =>
      kind === 'inputs' ? inputs[name]! : (outputs[name]?.[out!] ?? ''));
  const run: Run = { status: {}, stdout: '', outputs: {} };
  for (const step of action.runs.steps.slice(1)) {
    if (step.if !== undefined) {
      const m = /^inputs\.([a-z-]+) == '([^']*)'$/.exec(step.if);
      assert.ok(m, `${step.name}: a condition this runner reads`);
      if (inputs[m[1]!] !== m[2]) continue;
    }
    if (step.uses) {
      run.uploaded = expr(step.with!.sarif_file!, run.outputs);
      continue;
    }
    const outFile = join(dir, `output-${step.id ?? step.name}`);
    writeFileSync(outFile, '');
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: root, GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), GITHUB_OUTPUT: outFile, RUNNER_TEMP: dir };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(v, run.outputs);
    const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd: dir, env, encoding: 'utf8' });
    run.status[step.name] = r.status;
    run.stdout += r.stdout;
    if (step.id) run.outputs[step.id] = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    if (r.status !== 0) break;
  }
  return run;
}

test('the Action splices no expression into a script; step env only carries inputs', () => {
  assert.equal(action.runs.using, 'composite');
  for (const step of action.runs.steps) {
    if (step.run !== undefined) assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: an expression spliced into the script`);
    for (const value of Object.values(step.env ?? {})) {
      const m = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(value);
      assert.ok(m && m[1]! in action.inputs, `${step.name}: ${value}`);
    }
  }
  const upload = action.runs.steps.find((s) => s.uses !== undefined)!;
  assert.match(upload.uses!, /^github\/codeql-action\/upload-sarif@v4$/);
  assert.equal(upload.with!.sarif_file, '${{ steps.report.outputs.sarif }}');
});

test('the Action annotates, writes the summary, fails on findings, and keeps hostile paths inert', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-action-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:latest\n');
    const r = runAction(dir, {});
    assert.deepEqual(r.status, { Report: 0, Lint: 1 });
    assert.equal(r.uploaded, undefined, 'no upload unless asked');
    assert.match(r.stdout, /^::warning file=Dockerfile,line=1,col=\d+,title=latest-tag::/m);
    assert.match(readFileSync(join(dir, 'summary.md'), 'utf8'), /^## plinth\n\n\| File \| Line \| Severity \| Rule \| Finding \| Suggestion \|\n[^]*\| Dockerfile \| 1 \| warning \| latest-tag \|/);
    // A hostile path name: were it spliced into the script, it would run.
    const h = runAction(dir, { paths: '$(touch pwned); `touch pwned2`' });
    assert.equal(h.status.Lint, 2);
    assert.ok(!existsSync(join(dir, 'pwned')) && !existsSync(join(dir, 'pwned2')));
    // Several paths, one per line; a name with spaces stays one path.
    mkdirSync(join(dir, 'my app'));
    writeFileSync(join(dir, 'my app', 'Dockerfile'), 'FROM python:latest\n');
    mkdirSync(join(dir, 'skipped'));
    writeFileSync(join(dir, 'skipped', 'Dockerfile'), 'FROM ruby:latest\n');
    const several = runAction(dir, { paths: '  Dockerfile\n\nmy app/Dockerfile  \n' });
    assert.equal(several.status.Lint, 1);
    assert.match(several.stdout, /^::warning file=Dockerfile,line=1,/m);
    assert.match(several.stdout, /^::warning file=my app\/Dockerfile,line=1,/m);
    assert.doesNotMatch(several.stdout, /file=skipped/);
    rmSync(join(dir, 'my app'), { recursive: true });
    rmSync(join(dir, 'skipped'), { recursive: true });
    const sarif = runAction(dir, { format: 'sarif', output: 'out.sarif', summary: 'false' });
    assert.equal(sarif.status.Lint, 1);
    assert.equal(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version, '2.1.0');
    // The config input: a file that turns the two findings off leaves nothing to fail on.
    writeFileSync(join(dir, 'quiet.yaml'), 'rules:\n  latest-tag: off\n  full-image-in-final-stage: off\n');
    assert.deepEqual(runAction(dir, { config: 'quiet.yaml' }).status, { Report: 0, Lint: 0 });
    // docs-url: the summary, the annotations and SARIF's help links name each rule's page.
    const docs = 'https://github.com/example/plinth/blob/v1/docs';
    const linked = runAction(dir, { 'docs-url': docs, 'upload-sarif': 'true' });
    assert.match(readFileSync(join(dir, 'summary.md'), 'utf8'), /\| \[latest-tag\]\(https:\/\/github\.com\/example\/plinth\/blob\/v1\/docs\/rules\/latest-tag\.md\) \|/);
    assert.match(linked.stdout, /^::warning file=Dockerfile,line=1,col=\d+,title=latest-tag::.*%0Ahttps%3A|^::warning file=Dockerfile,line=1,col=\d+,title=latest-tag::.*%0Ahttps:\/\/github\.com\/example\/plinth\/blob\/v1\/docs\/rules\/latest-tag\.md$/m);
    const rules = JSON.parse(readFileSync(linked.uploaded!, 'utf8')).runs[0].tool.driver.rules as { id: string; helpUri?: string }[];
    assert.equal(rules.find((x) => x.id === 'latest-tag')?.helpUri, `${docs}/rules/latest-tag.md`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('upload-sarif: the report step writes SARIF despite findings, and the upload gets that file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-action-sarif-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:latest\n');
    const r = runAction(dir, { 'upload-sarif': 'true', summary: 'false' });
    // The upload runs before the lint fails the job, so code scanning gets the alerts.
    assert.deepEqual(r.status, { Report: 0, Lint: 1 });
    assert.equal(r.uploaded, join(dir, 'plinth.sarif'));
    const log = JSON.parse(readFileSync(r.uploaded, 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0]!.results.some((x) => x.ruleId === 'latest-tag'));
    assert.ok(!existsSync(join(dir, 'summary.md')), 'summary: false writes none');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
