#!/usr/bin/env node
// plinth's command. A CommonJS script (bin/package.json): the CLI bundle is one CommonJS file
// (`npm run build`), run through a V8 code cache so that a one-file lint compiles almost nothing.
// This file keeps that cache, one entry per command, made after a run so that it holds every
// function the run compiled (and made again by the next two runs when they compiled more).
// (Node 22.1 and newer offer their own, module.enableCompileCache, but make it when the module
// compiles: it held the bundle's top level only, 127 of 444 kB, and a one-file lint took 1.09x
// the time on Node 22.23 and 1.06x on 24.22 with it.) The cache lives in
// plinth's own directory (0700, owned by the user, else unused), never a shared temporary one whose
// entries another user could plant; V8 checks each entry against the source and its own version and
// flags, and a rejected one is written again. NODE_DISABLE_COMPILE_CACHE=1 turns it off. A checkout
// that has only run tsc gets the unbundled modules.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, '../dist/bundle/cli/plinth.cjs');

const argv = process.argv.slice(2);

/**
 * Whether the run may lint enough files to reach TurboFan: any command but the four that take
 * Dockerfiles, or one of those given a directory or more than 24 operands. A pre-commit hook's
 * one-file lint, or CI's lint of a repository's few Dockerfiles, does not: the flags below would
 * cost it node:v8, whose heap-snapshot code loads Node's streams (4 ms of a 140 ms run into a
 * pipe), and tier it up later than it should. Ten corpus files took 0.93x the time without the
 * flags, 25 the same, 50 and 100 1.03-1.07x (perf stat, alternating rounds).
 */
function mayRunLong(args) {
  if (!['lint', 'pin', 'update', 'recommend'].includes(args[0])) return true;
  const operands = args.slice(1).filter((a) => !a.startsWith('-'));
  if (operands.length > 24) return true;
  return operands.some((a) => {
    try {
      return fs.statSync(a).isDirectory();
    } catch {
      return false;
    }
  });
}

// Node 20 and 21 (V8 11) have no mid-tier compiler: a function goes from baseline code to
// TurboFan as soon as it has run a little, and a fleet-sized lint spent over half its
// instructions compiling (valgrind: 2.26 G of 4.24 G for the 1,435-file corpus). Waiting longer
// before optimizing, and inlining less, makes that run 0.77x as long and a 14,350-file run 0.96x.
// Node 22 and newer tier up through Maglev and keep V8's own settings. (Flags set before the
// bundle compiles; the code cache is made under them, so each mode keeps its own entry.)
const tiering = Number(process.versions.node.split('.')[0]) < 22 && mayRunLong(argv);
if (tiering) {
  const v8 = require('node:v8');
  v8.setFlagsFromString('--interrupt-budget=300000');
  v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
}

/** plinth's compile-cache directory, when it is the user's own and no one else can write it. */
function cacheDir() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return null;
  try {
    const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'plinth', 'compile');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    return (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o022) !== 0 ? null : dir;
  } catch {
    return null;
  }
}

/** Entries kept: every command in both modes for two installs, and a spare. */
const KEEP = 32;

/**
 * Each upgrade of plinth or Node makes new entries (the key names the bundle and the Node version)
 * and leaves the old ones: when an entry is written, only the KEEP newest stay (under 20 MiB).
 */
function prune(dir) {
  const entries = fs.readdirSync(dir).filter((f) => /^cli-.*\.v8(\.\d+\.tmp)?$/.test(f));
  if (entries.length <= KEEP) return;
  const dated = entries.map((f) => {
    try {
      return { f, t: fs.statSync(path.join(dir, f)).mtimeMs };
    } catch {
      return { f, t: 0 };
    }
  });
  dated.sort((a, b) => b.t - a.t);
  for (const { f } of dated.slice(KEEP)) fs.rmSync(path.join(dir, f), { force: true });
}

/** A run that prints help or the version compiles too little to be worth an entry. */
const printsOnly = (args) => ['help', 'version'].includes(args[0]) || args.some((a) => ['-h', '--help', '-V', '--version'].includes(a));
/** Runs after the first that may make an entry again, when they compiled more of the bundle. */
const GROW = 2;

/** Runs the CommonJS bundle with a V8 code cache kept in `dir`. */
function runCached(dir) {
  // The bundle is ASCII (esbuild escapes the rest): latin1 reads it without UTF-8 decoding.
  const source = fs.readFileSync(bundle, 'latin1');
  // One entry per command (each holds the functions its own runs compiled), Node version, set of
  // V8 flags and installed bundle: V8 rejects an entry made under other flags or for another source,
  // and two flag sets, or two installs of plinth (a global one and a project's), would rewrite one
  // entry in turn, each run compiling everything again.
  const name = `${/^[a-z]{2,12}$/.test(argv[0] || '') ? argv[0] : 'other'}${tiering ? '-many' : ''}`;
  const st = fs.statSync(bundle);
  const key = `${process.execArgv.join(' ')}|${process.env.NODE_OPTIONS || ''}|${bundle}|${st.size}|${st.mtimeMs}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  const file = dir && path.join(dir, `cli-${process.version}-${h.toString(16)}-${name}.v8`);
  // An entry is a generation byte, then V8's data.
  let entry;
  try {
    // (An entry is a few hundred KiB; anything past 64 MiB is not one plinth wrote.)
    if (file && fs.statSync(file).size <= 64 * 1024 * 1024) entry = fs.readFileSync(file);
  } catch {
    // No cache yet.
  }
  const cachedData = entry && entry.length > 1 ? entry.subarray(1) : undefined;
  const generation = cachedData ? entry[0] : 0;
  // The bundle's imports of what it does not hold (sql.js, a JavaScript config) come back here:
  // an import() inside a vm.Script needs a host callback Node 20 has only behind a flag.
  globalThis.__plinthImport = (specifier) => import(specifier);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  const save = (code) => {
    // A run that only printed help or failed on its input compiled little: it makes no entry.
    if (!file || code === 2 || printsOnly(argv)) return;
    const fresh = !cachedData || script.cachedDataRejected;
    // An entry holds what its first run compiled; the next GROW runs, which may reach more of the
    // code (a first file with no findings skips the advisor), make it again when it grew.
    if (!fresh && generation >= GROW) return;
    try {
      const data = script.createCachedData();
      const grew = fresh || data.length > cachedData.length * 1.02;
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.concat([Buffer.from([fresh ? 0 : generation + 1]), grew ? data : cachedData]), { mode: 0o600, flag: 'wx' });
      fs.renameSync(tmp, file);
      if (fresh) prune(dir);
    } catch {
      // Not cached this time.
    }
  };
  return { main: mod.exports.main, save };
}

async function start() {
  if (!fs.existsSync(bundle)) return { main: (await import('../dist/src/cli/main.js')).main, save: () => {} };
  return runCached(cacheDir());
}

start().then(
  ({ main, save }) =>
    main(argv).then((code) => {
      process.exitCode = code;
      save(code);
    }),
  (err) => {
    // The bundle could not be loaded (a broken install): one line, exit 2.
    process.stderr.write(`plinth: internal error: ${String((err && err.message) || err).split('\n')[0]}\n`);
    process.exitCode = 2;
  },
);
