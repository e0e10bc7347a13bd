// Installing from the git repository and running from a tarball with npx, as README's install
// section says: `npm i -g --install-links git+…` (scripts/prepare.mjs works around npm/cli#8440;
// --install-links around npm/cli#4148), and `npm pack git+…` then a global install of the tarball.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

test('npm i -g --install-links git+file://<repo> builds in prepare and installs a working plinth', { timeout: 600_000, skip: existsSync(join(ROOT, '.git')) ? false : 'not a git checkout' }, () => {
  const work = mkdtempSync(join(tmpdir(), 'plinth-git-'));
  try {
    const prefix = join(work, 'prefix');
    const install = spawnSync('npm', ['install', '--global', '--install-links', '--prefix', prefix, `git+file://${ROOT.replace(/\/$/, '')}`, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: work, encoding: 'utf8', timeout: 540_000, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(install.status, 0, install.stderr);
    // What `files` ships, not the clone: no devDependencies, no sources.
    const installed = join(prefix, 'lib', 'node_modules', 'plinth');
    assert.ok(existsSync(join(installed, 'dist', 'bundle', 'cli', 'plinth.cjs')));
    assert.equal(existsSync(join(installed, 'node_modules')), false);
    assert.equal(existsSync(join(installed, 'src', 'cli')), false);
    const lint = spawnSync(join(prefix, 'bin', 'plinth'), ['lint', '--format', 'json', join(ROOT, 'examples', 'node-app', 'Dockerfile')], { encoding: 'utf8' });
    assert.equal(lint.status, 1, lint.stderr);
    assert.ok((JSON.parse(lint.stdout) as { summary: { warnings: number } }).summary.warnings > 0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('npm pack git+file://<repo> builds in prepare; the tarball installs globally and runs with npx', { timeout: 600_000, skip: existsSync(join(ROOT, '.git')) ? false : 'not a git checkout' }, () => {
  const work = mkdtempSync(join(tmpdir(), 'plinth-git-'));
  try {
    const npm = (args: string[], cwd: string) => spawnSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd, encoding: 'utf8', timeout: 540_000, env: { ...process.env, NO_COLOR: '1' } });
    // The committed tree (HEAD), cloned by npm, its devDependencies installed there, then prepare.
    const pack = npm(['pack', '--json', `git+file://${ROOT.replace(/\/$/, '')}`], work);
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    const paths = info!.files.map((f) => f.path);
    for (const must of ['bin/plinth.js', 'dist/bundle/cli/plinth.cjs', 'dist/bundle/lib/index.js']) assert.ok(paths.includes(must), `${must} built by prepare`);
    const tgz = join(work, info!.filename);

    const prefix = join(work, 'prefix');
    const install = npm(['install', '--global', '--prefix', prefix, tgz], work);
    assert.equal(install.status, 0, install.stderr);
    const lint = spawnSync(join(prefix, 'bin', 'plinth'), ['lint', '--format', 'json', join(ROOT, 'examples', 'node-app', 'Dockerfile')], { encoding: 'utf8' });
    assert.equal(lint.status, 1, lint.stderr);
    assert.ok((JSON.parse(lint.stdout) as { summary: { warnings: number } }).summary.warnings > 0);

    // npx of the tarball, from an empty folder: no install, no global prefix.
    const empty = join(work, 'empty');
    spawnSync('mkdir', [empty]);
    const npx = spawnSync('npm', ['exec', '--yes', `--package=${tgz}`, '--', 'plinth', 'lint', '--format', 'json', join(ROOT, 'examples', 'node-app', 'Dockerfile')], { cwd: empty, encoding: 'utf8', timeout: 120_000 });
    assert.equal(npx.status, 1, npx.stderr);
    assert.deepEqual(JSON.parse(npx.stdout).summary, JSON.parse(lint.stdout).summary);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
