// A small git repository in a temp folder, one commit of the given files, dated 2026-08-21: how
// the catalog scripts (scripts/distroless.mjs, scripts/dotnet.mjs) read their upstream clones.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function gitRepo(files: Record<string, string>, prefix = 'plinth-repo-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2026-08-21T12:00:00Z', GIT_COMMITTER_DATE: '2026-08-21T12:00:00Z' } });
    assert.equal(r.status, 0, r.stderr);
  };
  git('init', '-q');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'x');
  return dir;
}
