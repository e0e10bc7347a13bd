// The package as users get it: `npm pack` holds only what runs, is small, installs into an empty
// prefix, and its CLI works there; sql.js (31 MB, rpm databases only) is an optional peer, and
// without it an rpm image still reads, with a warning that says what to install.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LayoutBuilder, rpmdbSqlite } from '../helpers/image-builder.js';

const root = process.cwd();

function duKiB(dir: string): number {
  return Number(spawnSync('du', ['-sk', dir], { encoding: 'utf8' }).stdout.split('\t')[0]);
}

test('npm pack ships what runs, under 8 MB installed; the CLI runs from an empty prefix', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-pack-'));
  try {
    // (npm test has built dist/: the pack skips `prepare`.)
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as { filename: string; unpackedSize: number; files: { path: string }[] }[];
    const paths = info!.files.map((f) => f.path);
    for (const must of ['bin/plinth.js', 'dist/bundle/cli/plinth.js', 'dist/bundle/lib/index.js', 'dist/src/index.d.ts', 'dist/bundle/THIRD-PARTY-LICENSES.txt', 'src/catalog/data/eol.json', 'docs/rules/latest-tag.md', 'LICENSE', 'README.md']) assert.ok(paths.includes(must), must);
    for (const p of paths) assert.doesNotMatch(p, /^(scripts|test|bench|dist\/test|dist\/bench|examples)\/|\.map$|^dist\/src\/.*\.js$|\.ts$(?<!\.d\.ts$)/, `${p} is not needed at run time`);
    assert.ok(info!.unpackedSize < 8 * 1024 * 1024, `unpacked ${info!.unpackedSize} bytes`);

    const prefix = join(dir, 'prefix');
    const install = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(dir, info!.filename)], { encoding: 'utf8', timeout: 180_000 });
    assert.equal(install.status, 0, install.stderr);
    const installed = join(prefix, 'lib', 'node_modules', 'plinth');
    assert.ok(duKiB(installed) < 8 * 1024, `installed: ${duKiB(installed)} KiB with its dependencies`);
    const bin = join(prefix, 'bin', 'plinth');
    const lint = spawnSync(bin, ['lint', '--format', 'json', join(root, 'examples', 'node-app', 'Dockerfile')], { encoding: 'utf8' });
    assert.equal(lint.status, 1, lint.stderr);
    assert.ok((JSON.parse(lint.stdout) as { summary: { warnings: number } }).summary.warnings > 0);
    assert.match(spawnSync(bin, ['-V'], { encoding: 'utf8' }).stdout, /^\d+\.\d+\.\d+/);
    // The rule pages are read from the installed package, not the checkout.
    const help = spawnSync(bin, ['help', 'latest-tag'], { encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.equal(help.stdout, readFileSync(join(installed, 'docs', 'rules', 'latest-tag.md'), 'utf8'));
    // The package installs no dependency (they are bundled), and its library entry imports by name.
    assert.deepEqual(spawnSync('ls', [join(installed, 'node_modules')], { encoding: 'utf8' }).stdout.trim(), '');
    const script = `const p = await import('plinth'); const r = await p.lintPaths([${JSON.stringify(join(root, 'examples', 'node-app', 'Dockerfile'))}], { cwd: '/' }); console.log(r.files[0].findings.length);`;
    const lib = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(prefix, 'lib'), encoding: 'utf8' });
    assert.equal(lib.status, 0, lib.stderr);
    assert.ok(Number(lib.stdout) > 0, lib.stdout);

    // An rpm image without sql.js installed: the other contents, and a warning that says what to install.
    const b = await LayoutBuilder.create();
    try {
      const db = await rpmdbSqlite([{ name: 'bash', version: '5.1', release: '1', arch: 'x86_64' }]);
      const layer = await b.layer([{ path: 'etc/os-release', content: 'ID=fedora\nVERSION_ID=40\n' }, { path: 'var/lib/rpm/rpmdb.sqlite', content: db }], 'gzip');
      await b.image([layer], { tag: 't' });
      const r = spawnSync(bin, ['inspect', '--contents', `oci:${await b.finish()}:t`], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /os: fedora/);
      assert.match(r.stdout + r.stderr, /needs the optional package sql\.js: npm install sql\.js/);
      // With sql.js (this checkout has it), the same image reads.
      const ok = spawnSync(process.execPath, [join(root, 'bin', 'plinth.js'), 'inspect', '--contents', '--format', 'json', `oci:${b.dir}:t`], { encoding: 'utf8' });
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(JSON.parse(ok.stdout).platforms[0].contents.packages.count, 1);
    } finally {
      rmSync(b.dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
