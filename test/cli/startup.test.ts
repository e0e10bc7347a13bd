// What a one-file lint costs to start, as a process: bin/plinth.js runs the CommonJS bundle through a
// V8 code cache in plinth's own cache directory (on every Node version), and loads no module it does
// not need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(process.cwd(), 'bin', 'plinth.js');
const example = join(process.cwd(), 'examples', 'node-app', 'Dockerfile');

function lint(env: Record<string, string>, ...node: string[]) {
  const r = spawnSync(process.execPath, [...node, bin, 'lint', example], { encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(r.status, 1, r.stderr); // the example has findings
  assert.equal(r.stderr, '');
  return r.stdout;
}

/** A body run with a fresh XDG_CACHE_HOME (`home`) and plinth's compile-cache folder in it (`dir`), removed after. */
function withCacheHome(body: (home: string, dir: string) => void): () => void {
  return () => {
    const home = mkdtempSync(join(tmpdir(), 'plinth-cache-'));
    try {
      body(home, join(home, 'plinth', 'compile'));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };
}

test('the code cache: written once per command, private, checked by V8, and never required', withCacheHome((home, dir) => {
  const first = lint({ XDG_CACHE_HOME: home });
  const files = readdirSync(dir);
  assert.equal(files.length, 1);
  assert.match(files[0]!, new RegExp(`^cli-${process.version.replace(/\./g, '\\.')}-[0-9a-f]+-lint\\.v8$`));
  const file = join(dir, files[0]!);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  // The same answer from the cache.
  assert.equal(lint({ XDG_CACHE_HOME: home }), first);
  // A corrupt entry is rejected by V8 and written again; the answer does not change.
  writeFileSync(file, Buffer.alloc(4096, 7));
  assert.equal(lint({ XDG_CACHE_HOME: home }), first);
  assert.notDeepEqual(readFileSync(file).subarray(0, 16), Buffer.alloc(16, 7));
  // An entry past 64 MiB is not read (a sparse file here) and is written again.
  truncateSync(file, 65 * 1024 * 1024);
  assert.equal(lint({ XDG_CACHE_HOME: home }), first);
  assert.ok(statSync(file).size < 16 * 1024 * 1024, String(statSync(file).size));
  // Other V8 flags keep their own entry (V8 would reject this one under them).
  lint({ XDG_CACHE_HOME: home }, '--stack-size=2000');
  assert.equal(readdirSync(dir).length, 2);
  assert.deepEqual(readFileSync(file).subarray(0, 16).equals(Buffer.alloc(16, 7)), false);
  // A second install of plinth (a global one beside a project's) keeps its own entry: sharing one,
  // each would find the other's, have V8 reject it and compile everything again.
  const other = join(home, 'other-install');
  for (const part of ['bin', 'dist/bundle', 'src/catalog/data', 'package.json']) cpSync(join(process.cwd(), part), join(other, part), { recursive: true });
  const entry = readFileSync(file);
  const r = spawnSync(process.execPath, [join(other, 'bin', 'plinth.js'), 'lint', example], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: home } });
  assert.equal(r.stdout, first, r.stderr);
  assert.equal(readdirSync(dir).length, 3);
  assert.ok(readFileSync(file).equals(entry), 'the first install\'s entry was left alone');
  // A repository's ten Dockerfiles run as the one-file lint does (no flags): its entry serves them
  // (and, a run after the one that made it, is made again: its generation byte goes up).
  const before = readdirSync(dir).sort();
  const ten = spawnSync(process.execPath, [bin, 'lint', ...Array<string>(10).fill(example)], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: home } });
  assert.equal(ten.status, 1, ten.stderr);
  assert.deepEqual(readdirSync(dir).sort(), before);
  assert.equal(readFileSync(file)[0], entry[0]! + 1, 'ten files used the one-file entry');
  const afterTen = readFileSync(file);
  // A directory may hold a fleet: that run sets V8's tiering flags (Node 20 and 21), and an entry
  // made under them is kept apart from the one-file entry, which V8 would otherwise reject.
  const fleet = spawnSync(process.execPath, [bin, 'lint', join(process.cwd(), 'examples')], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: home } });
  assert.equal(fleet.status, 1, fleet.stderr);
  // (Node 22 and newer keep V8's own tiering: the one-file entry serves the fleet too.)
  const tiered = Number(process.versions.node.split('.')[0]) < 22;
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('-lint-many.v8')).length, tiered ? 1 : 0);
  if (tiered) assert.ok(readFileSync(file).equals(afterTen), 'the one-file entry was left alone');
  else assert.equal(readFileSync(file)[0], afterTen[0]! + 1, 'the fleet used the one-file entry');
  // A directory others can write is not used; NODE_DISABLE_COMPILE_CACHE=1 writes nothing.
  const shared = join(home, 'shared');
  mkdirSync(join(shared, 'plinth', 'compile'), { recursive: true });
  chmodSync(join(shared, 'plinth', 'compile'), 0o777);
  assert.equal(lint({ XDG_CACHE_HOME: shared }), first);
  assert.deepEqual(readdirSync(join(shared, 'plinth', 'compile')), []);
  const off = join(home, 'off');
  assert.equal(lint({ XDG_CACHE_HOME: off, NODE_DISABLE_COMPILE_CACHE: '1' }), first);
  assert.equal(existsSync(join(off, 'plinth')), false);
}));

test('the code cache: help and failed runs make no entry; the next two runs make it again when they compiled more', withCacheHome((home, dir) => {
  const run = (args: string[], status: number) => {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: home } });
    assert.equal(r.status, status, r.stderr);
  };
  const entries = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('-lint.v8')) : []);
  run(['lint', '--help'], 0);
  run(['lint', join(home, 'missing', 'Dockerfile')], 2);
  assert.deepEqual(entries(), []);
  // A first file with nothing to report never reaches the advisor: a small entry.
  const clean = join(home, 'Dockerfile');
  writeFileSync(clean, 'FROM gcr.io/distroless/static-debian13:nonroot\nCOPY app /app\nENTRYPOINT ["/app"]\n');
  run(['lint', clean], 0);
  const file = join(dir, entries()[0]!);
  const small = readFileSync(file);
  assert.equal(small[0], 0);
  // The next run reaches much more of the bundle: the entry is made again, bigger.
  run(['lint', example], 1);
  const grown = readFileSync(file);
  assert.equal(grown[0], 1);
  assert.ok(grown.length > small.length * 1.2, `${small.length} -> ${grown.length}`);
  // One more run may grow it; after that it is only read.
  run(['lint', example], 1);
  const last = readFileSync(file);
  assert.equal(last[0], 2);
  const mtime = statSync(file).mtimeMs;
  run(['lint', example], 1);
  assert.ok(readFileSync(file).equals(last));
  assert.equal(statSync(file).mtimeMs, mtime);
}));

test('the code cache keeps its 32 newest entries: upgrades do not pile up', withCacheHome((home, dir) => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Forty entries of earlier installs, the first the oldest; and a file that is not an entry.
  for (let i = 0; i < 40; i++) {
    const f = join(dir, `cli-v20.0.0-${i.toString(16)}-lint.v8`);
    writeFileSync(f, 'old');
    utimesSync(f, 1_600_000_000 + i, 1_600_000_000 + i);
  }
  writeFileSync(join(dir, 'notes.txt'), 'kept');
  lint({ XDG_CACHE_HOME: home });
  const left = readdirSync(dir);
  assert.equal(left.filter((f) => f.endsWith('.v8')).length, 32);
  assert.ok(left.some((f) => f.startsWith(`cli-${process.version}-`)), 'the new entry is kept');
  // The nine oldest went; the newest old one stayed.
  for (let i = 0; i < 9; i++) assert.ok(!left.includes(`cli-v20.0.0-${i.toString(16)}-lint.v8`), String(i));
  assert.ok(left.includes(`cli-v20.0.0-${(39).toString(16)}-lint.v8`));
  assert.ok(left.includes('notes.txt'));
  // A run that finds its entry writes nothing and removes nothing.
  writeFileSync(join(dir, `cli-v20.0.0-99-lint.v8`), 'old');
  lint({ XDG_CACHE_HOME: home });
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.v8')).length, 33);
}));

/** Node's modules a one-file lint loaded, its output to `out` ('pipe', or an fd such as /dev/null's). */
function modulesLoaded(out: 'pipe' | number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-startup-'));
  try {
    const list = join(dir, 'modules.json');
    const preload = join(dir, 'preload.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(process.moduleLoadList)));\n`);
    if (out === 'pipe') lint({ XDG_CACHE_HOME: dir }, '--require', preload);
    else {
      const r = spawnSync(process.execPath, ['--require', preload, bin, 'lint', example], { stdio: ['ignore', out, out], env: { ...process.env, XDG_CACHE_HOME: dir } });
      assert.equal(r.status, 1);
    }
    const loaded = JSON.parse(readFileSync(list, 'utf8')) as string[];
    assert.ok(loaded.includes('NativeModule fs'), 'the preload saw the modules');
    return loaded;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a one-file lint into pipes loads no crypto, HTTP, TLS, net, tty, zlib, worker, fs/promises, stream or v8 modules of Node', () => {
  const loaded = modulesLoaded('pipe');
  // (Before util/lazy-crypto.ts, node:crypto and its eighteen internal modules loaded here.)
  // (stdout and stderr are pipes here: process.stdout would be a net.Socket, 6-7 ms to load.)
  // (node:v8, for the tiering flags of a long run, loads Node's streams with it: 4 ms.)
  assert.deepEqual(loaded.filter((m) => /^NativeModule (crypto|https?|http2|tls|net|tty|worker_threads|zlib|fs\/promises|stream|v8)$/.test(m)), []);
});

test('a one-file lint into /dev/null (a hook that wants only the exit code) loads no tty or net module', { skip: process.platform !== 'linux' && 'the memory-device check is Linux-only' }, () => {
  const devNull = openSync('/dev/null', 'w');
  try {
    assert.deepEqual(modulesLoaded(devNull).filter((m) => /^NativeModule (net|tty)$/.test(m)), []);
  } finally {
    closeSync(devNull);
  }
});

test('the CLI bundle is ASCII, as bin/plinth.js reads it (latin1, no UTF-8 decoding)', () => {
  const bytes = readFileSync(join(process.cwd(), 'dist', 'bundle', 'cli', 'plinth.cjs'));
  assert.ok(bytes.length > 100_000);
  assert.equal(bytes.findIndex((b) => b > 0x7f), -1);
});
