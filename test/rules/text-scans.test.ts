import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextScans } from '../../src/rules/text-scans.js';
import { parseDockerfile } from '../../src/dockerfile/index.js';
import { lintDockerfile } from '../../src/rules/index.js';
import { defaultConfig } from '../../src/config/types.js';

test('TextScans works a text out once per kind, tells texts of one length apart, and starts over on clear', () => {
  const scans = new TextScans();
  const calls: string[] = [];
  const upper = (t: string) => (calls.push(t), t.toUpperCase());
  assert.equal(scans.get('upper', 'abc', upper), 'ABC');
  assert.equal(scans.get('upper', 'abc'.slice(0), upper), 'ABC');
  assert.equal(scans.get('upper', 'abd', upper), 'ABD');
  assert.equal(scans.get('length', 'abc', (t) => t.length), 3);
  assert.deepEqual(calls, ['abc', 'abd']);
  scans.clear();
  assert.equal(scans.get('upper', 'abc', upper), 'ABC');
  assert.deepEqual(calls, ['abc', 'abd', 'abc']);
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
