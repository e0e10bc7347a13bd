// The shipped examples through every format: SARIF valid against the schema, formats agree on the findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';
import { sarifValidator } from '../report/sarif-schema.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function lint(args: string[]) {
  const io = captureIO({ cwd: ROOT });
  const code = await main(['lint', '--date', '2026-01-01', ...args, 'examples'], io);
  return { code, out: io.out, err: io.err };
}

test('examples: json, sarif, github and text report the same findings', async () => {
  const json = await lint(['--format', 'json']);
  assert.equal(json.err, '');
  const report = JSON.parse(json.out) as { files: { path: string; findings: { rule: string; line: number; column: number; severity: string }[] }[]; summary: Record<string, number> };
  assert.deepEqual(report.files.map((f) => f.path), ['examples/go-service/Dockerfile', 'examples/java-app/Dockerfile', 'examples/node-app/Dockerfile', 'examples/python-app/Dockerfile']);
  const all = report.files.flatMap((f) => f.findings.map((x) => ({ ...x, path: f.path })));
  assert.ok(all.length >= 4, 'the examples show findings');
  assert.equal(json.code, all.some((x) => x.severity !== 'info') ? 1 : 0);
  assert.equal(report.summary.errors + report.summary.warnings + report.summary.infos, all.length);

  const sarifRun = await lint(['--format', 'sarif']);
  const sarif = JSON.parse(sarifRun.out) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  const validate = sarifValidator() as ((d: unknown) => boolean) & { errors?: unknown };
  assert.ok(validate(sarif), JSON.stringify(validate.errors));
  assert.deepEqual(
    sarif.runs[0]!.results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}:${r.ruleId}`),
    all.map((x) => `${x.path}:${x.line}:${x.rule}`),
  );

  const github = await lint(['--format', 'github']);
  assert.equal(github.out.trimEnd().split('\n').length, all.length);
  const text = await lint(['--format', 'text']);
  for (const x of all) assert.ok(text.out.includes(`${x.path}:${x.line}:${x.column} ${x.severity} ${x.rule} `), `${x.path}:${x.line} ${x.rule}`);
});

test('examples show the problems they were written for', async () => {
  const report = JSON.parse((await lint(['--format', 'json'])).out) as { files: { path: string; findings: { rule: string }[] }[] };
  const rules = (name: string) => new Set(report.files.find((f) => f.path.includes(name))!.findings.map((x) => x.rule));
  assert.ok(rules('node-app').has('full-image-in-final-stage'));
  assert.ok(rules('go-service').has('scratch-dynamic-binary'));
  assert.ok(rules('go-service').has('scratch-missing-certificates'));
  assert.ok(rules('java-app').has('deprecated-image'));
  assert.ok(rules('java-app').has('jdk-in-final-stage'));
  assert.ok(rules('python-app').has('full-image-in-final-stage'));
  assert.ok(rules('python-app').has('build-tools-in-final-stage'));
});
