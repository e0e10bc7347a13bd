// The hooks as a user gets them: Debian's pre-commit clones this repository, installs it as a node
// hook (npm install, npm pack, npm install -g) and runs both hooks over a repository's files.
// pre-commit reads `npm pack`'s stdout as the tarball's name, so a build banner there breaks the
// install; .npmrc keeps lifecycle scripts in the background for that reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

test("Debian's pre-commit installs both hooks from this repository and runs them on Dockerfiles only", { skip: !hasPreCommit && 'pre-commit is not installed (scripts/test-deps.sh installs it)' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-pre-commit-'));
  try {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'svc'), { recursive: true });
    writeFileSync(join(repo, 'Dockerfile'), 'FROM node:latest\n');
    writeFileSync(join(repo, 'svc', 'api.Dockerfile'), 'FROM scratch\nCOPY app /app\n');
    // Not a Dockerfile: were it passed to plinth, it would fail to parse.
    writeFileSync(join(repo, 'README.md'), '# not a Dockerfile\n');
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    assert.equal(git('init', '-q').status, 0);
    assert.equal(git('add', '.').status, 0);
    // A cache of pre-commit's own, so no earlier install is reused.
    const env = { ...process.env, PRE_COMMIT_HOME: join(dir, 'cache') };
    const r = spawnSync('pre-commit', ['try-repo', root, '--all-files', '--color', 'never'], { cwd: repo, env, encoding: 'utf8' });
    const out = r.stdout + r.stderr;
    assert.equal(r.status, 1, out);
    assert.match(out, /^plinth lint\.+Failed$/m);
    assert.match(out, /^plinth pin --check\.+Failed$/m);
    assert.match(out, /^Dockerfile:1:\d+ warning latest-tag /m);
    assert.match(out, /^Dockerfile:1: unpinned: node:latest$/m);
    // The Dockerfile in a folder is passed too (an info finding, below --fail-on); the README never.
    assert.match(out, /^svc\/api\.Dockerfile:1:1 info scratch-missing-certificates /m);
    assert.match(out, /^2 files linted: 0 errors, 2 warnings, 1 info$/m);
    assert.match(out, /^1 image\(s\) unpinned or stale, 0 pinned, 0 skipped in 2 file\(s\)$/m);
    assert.doesNotMatch(out, /README/);
    assert.doesNotMatch(out, /An unexpected error|Traceback/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
