// Every Dockerfile of the shared corpus goes through the whole lint without a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../../src/config/types.js';
import { lintSource } from '../../src/lint/index.js';

/** Every rule on, the pinning ones included: no rule may crash on any file. */
const EVERY_RULE = { ...defaultConfig, rules: { 'floating-tag': 'info', 'missing-digest': 'info' } } as const;

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/dockerfiles/', import.meta.url));

test('the corpus lints with no crash; every rejected file names a line', { skip: !existsSync(CORPUS) && 'no ../shared corpus' }, () => {
  let files = 0;
  const crashes: string[] = [];
  const unlocated: string[] = [];
  let findings = 0;
  for (const dir of readdirSync(CORPUS)) {
    for (const name of readdirSync(join(CORPUS, dir))) {
      files++;
      const path = `${dir}/${name}`;
      const r = lintSource(readFileSync(join(CORPUS, dir, name), 'utf8'), path, EVERY_RULE, { cwd: CORPUS, date: '2026-01-01' }, 'warning');
      findings += r.findings.length;
      if (r.error?.message.startsWith('internal error')) crashes.push(`${path}: ${r.error.message}`);
      else if (r.error && r.error.line === null) unlocated.push(`${path}: ${r.error.message}`);
      for (const f of r.findings) assert.ok(f.line >= 1 && f.column >= 1, `${path}: ${f.rule} at ${f.line}:${f.column}`);
    }
  }
  assert.ok(files > 1000, `corpus has ${files} files`);
  assert.deepEqual(crashes, []);
  assert.deepEqual(unlocated, []);
  assert.ok(findings > files, 'the rules report on the corpus');
});
