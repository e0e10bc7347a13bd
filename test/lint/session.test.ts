// A LintSession is what one lint run shares: a build context read by one file is what the next file
// of the same run sees; another session reads it again, so a later run sees changed files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LintSession, lintSource } from '../../src/lint/index.js';
import { defaultConfig } from '../../src/config/types.js';

const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'projects', 'python-alpine-mysqlclient');
const DOCKERFILE = 'FROM python:3.13-alpine\nCOPY . .\nCMD ["python", "-m", "app"]\n';

function muslFindings(cwd: string, session?: LintSession): string[] {
  const r = lintSource(DOCKERFILE, 'Dockerfile', defaultConfig, { cwd, date: '2026-11-23', ...(session ? { session } : {}) }, 'warning');
  assert.equal(r.error, null);
  return r.findings.filter((f) => f.rule === 'musl-native-modules').map((f) => f.message);
}

test('a session reads each build context once; a new session reads it again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-session-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    const run = new LintSession();
    assert.match(muslFindings(dir, run).join('\n'), /mysqlclient/);
    // The project drops its native module: the run that read the context keeps what it read ...
    writeFileSync(join(dir, 'pyproject.toml'), '[tool.poetry]\nname = "reports"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.13"\n');
    rmSync(join(dir, 'poetry.lock'));
    assert.match(muslFindings(dir, run).join('\n'), /mysqlclient/);
    // ... a new run, a cleared session, and a call without one read the change.
    assert.deepEqual(muslFindings(dir, new LintSession()), []);
    run.clear();
    assert.deepEqual(muslFindings(dir, run), []);
    assert.deepEqual(muslFindings(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the rules each config leaves on are worked out per config, online and offline', () => {
  const session = new LintSession();
  const offline = session.rulesFor(defaultConfig.rules, false);
  assert.equal(session.rulesFor(defaultConfig.rules, false), offline);
  assert.ok(offline.every((r) => !r.meta.online));
  assert.ok(session.rulesFor(defaultConfig.rules, true).some((r) => r.meta.online));
  const ids = (rules: readonly { meta: { id: string } }[]) => rules.map((r) => r.meta.id);
  const off = { ...defaultConfig.rules, 'latest-tag': 'off' as const };
  assert.ok(ids(offline).includes('latest-tag'));
  assert.ok(!ids(session.rulesFor(off, false)).includes('latest-tag'));
});
