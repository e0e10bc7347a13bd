import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile, DockerfileError } from '../../src/dockerfile/index.js';
import { allRules, ruleById, rulesMarkdownTable } from '../../src/rules/index.js';
import { lintDockerfile } from '../../src/lint/index.js';
import { defaultConfig, type Config } from '../../src/config/types.js';
import { TextScans } from '../../src/util/text-scans.js';

// Pinning asked for at both levels, so the pinning rules report and the pragmas have something to silence.
const PINNING: Partial<Config> = { rules: { 'floating-tag': 'info', 'missing-digest': 'info' } };
const lint = (source: string, config: Partial<Config> = PINNING) =>
  lintDockerfile(parseDockerfile(source, 'Dockerfile'), { config: { ...defaultConfig, ...config }, date: '2026-11-23' }).findings;
const ids = (source: string, config?: Partial<Config>) => lint(source, config).map((f) => `${f.rule}@${f.line}`);

test('a pragma silences the named rules on the next instruction only', () => {
  const src = 'FROM node:latest AS a\n# plinth ignore=latest-tag,missing-digest\nFROM node:latest AS b\n';
  const found = ids(src);
  assert.ok(found.includes('latest-tag@1'));
  assert.ok(!found.includes('latest-tag@3'));
  assert.ok(!found.includes('missing-digest@3'));
  assert.ok(found.includes('missing-digest@1'));
});

test('a global pragma silences a rule for the whole file', () => {
  const found = ids('# plinth global ignore=missing-digest\nFROM node:22\nFROM python:3.12\n');
  assert.ok(found.every((f) => !f.startsWith('missing-digest')));
  assert.ok(found.includes('floating-tag@2'));
});

test('an unresolved stage gets no other finding', () => {
  const found = ids('ARG BASE\nFROM $BASE\nRUN apt-get install -y gcc\n');
  assert.deepEqual(found, ['unresolved-image@2']);
});

test('--build-arg resolves an ARG-built FROM', () => {
  const file = parseDockerfile('ARG BASE\nFROM $BASE\n', 'Dockerfile');
  const out = lintDockerfile(file, { config: defaultConfig, date: '2026-11-23', modelOptions: { buildArgs: { BASE: 'node:latest' } } });
  assert.deepEqual(out.findings.map((f) => f.rule).sort(), ['full-image-in-final-stage', 'latest-tag']);
  assert.equal(out.stages[0]!.ref?.repository, 'library/node');
});

test('a rule set to off reports nothing, and findings come sorted by line', () => {
  const found = lint('FROM node:latest\nFROM python:3.8\n', { rules: { 'missing-digest': 'off', 'eol-base-image': 'warning' } });
  assert.ok(found.every((f) => f.rule !== 'missing-digest'));
  assert.deepEqual(found.map((f) => f.line), [...found.map((f) => f.line)].sort((a, b) => a - b));
});

test('every rule has meta, a docs page and a row in the rules table', () => {
  const table = rulesMarkdownTable();
  for (const r of allRules) {
    assert.match(r.meta.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(statSync(new URL(`../../../${r.meta.docs}`, import.meta.url)).isFile(), r.meta.docs);
    assert.ok(table.includes(`\`${r.meta.id}\``));
    assert.equal(ruleById(r.meta.id), r);
  }
});

test('the whole corpus lints without an exception other than a parse error', () => {
  const root = new URL('../../../../shared/corpus/dockerfiles/', import.meta.url).pathname;
  let files = 0;
  let rejected = 0;
  for (const repo of readdirSync(root)) {
    for (const name of readdirSync(join(root, repo))) {
      const source = readFileSync(join(root, repo, name), 'utf8');
      files++;
      try {
        lintDockerfile(parseDockerfile(source, name), { config: defaultConfig, date: '2026-11-23' });
      } catch (err) {
        if (!(err instanceof DockerfileError)) throw new Error(`${repo}/${name}: ${(err as Error).stack}`);
        rejected++;
      }
    }
  }
  assert.equal(files, 1435);
  // BuildKit rejects these too: its negative parser cases, files with no FROM, and
  // devcontainer templates whose `${templateOption:x}` is not a valid substitution.
  assert.ok(rejected <= 30, `${rejected} files rejected`);
});

test('files of one run that repeat a RUN script get the same findings as when linted alone', () => {
  const run = 'RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \\\n    && make -C /src';
  const sources = [
    `FROM python:3.12-slim\n${run}\nCMD ["python", "app.py"]\n`,
    `FROM debian:bookworm-slim AS base\nFROM python:3.12-slim\n${run}\n`,
    `FROM alpine:3.21\n${run}\n`,
  ];
  const lint = (src: string, textScans?: TextScans) =>
    lintDockerfile(parseDockerfile(src, 'Dockerfile'), { config: defaultConfig, date: '2026-11-23', textScans }).findings.map((f) => `${f.rule}@${f.line}: ${f.message}`);
  const shared = new TextScans();
  for (const src of sources) {
    const alone = lint(src);
    assert.deepEqual(lint(src, shared), alone);
    assert.ok(alone.some((f) => f.startsWith('build-tools-in-final-stage@') && /gcc, libpq-dev/.test(f)), alone.join('\n'));
  }
  assert.ok(lint(sources[2]!, shared).some((f) => f.startsWith('package-manager-mismatch@')));
});
