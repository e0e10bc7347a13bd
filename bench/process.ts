// `npm run bench`, first and main part: plinth as users run it, a whole process from start to exit,
// beside the floor (`node -e 0`) and the npm linters' own CLIs, on one file (a pre-commit hook), ten
// files (a repository in CI) and the corpus (a fleet). Each pair runs alternately, A then B, round
// after round, so the machine's drift moves both; each line gives the medians, the spread and the
// ratio of the medians. Both sides write JSON; only files every linter can read are given to it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS, readCorpus } from './corpus.js';
import { crashSafe, loadPeers, PEER_DIR } from './peers.js';
import { line, type Command } from './pairs.js';

const PLINTH = fileURLToPath(new URL('../../bin/plinth.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/node-app/Dockerfile', import.meta.url));

/**
 * Instructions a whole process executes (all its threads), from valgrind's callgrind: the same on a
 * busy machine as on an idle one, where wall times move by 2x. Null without valgrind.
 */
function instructions(c: Command, env: Record<string, string> = {}): number | null {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', ...c.argv], { cwd: c.cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  if (r.error) return null;
  const counts = [...r.stderr.matchAll(/Collected : (\d+)/g)].map((m) => Number(m[1]));
  return counts.length ? counts.reduce((a, b) => a + b, 0) : null;
}

/** A Node project whose lockfile holds `n` packages, and a Dockerfile that installs them. */
function lockfileProject(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-lock-'));
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', dependencies: { 'pkg-0': '^1.0.0' } } };
  for (let i = 0; i < n; i++) packages[`node_modules/pkg-${i}`] = { version: `1.0.${i}`, resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.${i}.tgz`, integrity: `sha512-${'a'.repeat(86)}==`, license: 'MIT', dependencies: { [`pkg-${(i + 1) % n}`]: '^1.0.0' } };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'pkg-0': '^1.0.0' } }));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "index.js"]\n');
  return dir;
}

function main(): void {
  const load = loadavg()[0]!;
  const node = process.execPath;
  const plinth = (files: string[]): Command => ({ name: 'plinth', argv: [node, PLINTH, 'lint', '--format', 'json', ...files], cwd: CORPUS });
  const floor: Command = { name: 'node -e 0', argv: [node, '-e', '0'] };
  console.log(`machine: ${availableParallelism()} CPUs, 1-minute load ${load.toFixed(2)}; ${process.version}`);
  line('one file (examples/node-app/Dockerfile)', plinth([EXAMPLE]), floor, 21);
  // The same in instructions (the code cache warm from the runs above, then turned off).
  const base = instructions(floor);
  if (base !== null) {
    const warm = instructions(plinth([EXAMPLE]));
    const cold = instructions(plinth([EXAMPLE]), { NODE_DISABLE_COMPILE_CACHE: '1' });
    const m = (n: number | null) => (n === null ? '?' : `${(n / 1e6).toFixed(0)}M`);
    console.log(`one file, instructions (valgrind): plinth ${m(warm)}, without its code cache ${m(cold)}, node -e 0 ${m(base)}: ${warm ? (warm / base).toFixed(2) : '?'}x and ${cold ? (cold / base).toFixed(2) : '?'}x`);
  } else console.log('valgrind not installed: no instruction counts');
  // The other pre-commit and CI checks on one file: pin --check --offline (the plinth-pin hook) and
  // update --check offline (the shipped tag data for node).
  line('pin --check --offline, one file (the plinth-pin hook)', { name: 'plinth pin', argv: [node, PLINTH, 'pin', '--check', '--offline', EXAMPLE] }, floor, 21);
  line('update --check, one file (offline tag data)', { name: 'plinth update', argv: [node, PLINTH, 'update', '--check', '--date', '2026-12-04', EXAMPLE] }, floor, 21);
  const lock = lockfileProject(5000);
  line('recommend, 5,000-package package-lock.json', { name: 'plinth recommend', argv: [node, PLINTH, 'recommend', join(lock, 'Dockerfile')] }, { name: 'a JSON.parse of it', argv: [node, '-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(join(lock, 'package-lock.json'))}, 'utf8'))`] }, 15);
  const layout = spawnSync(node, [fileURLToPath(new URL('./oci-layout.js', import.meta.url))], { encoding: 'utf8' }).stdout.trim();
  if (layout) {
    const inspect: Command = { name: 'plinth inspect', argv: [node, PLINTH, 'inspect', `oci:${layout}:t`] };
    line('inspect oci:DIR (40 MiB layer)', inspect, floor, 15);
    if (spawnSync('skopeo', ['--version']).status === 0) line('inspect oci:DIR (40 MiB layer)', inspect, { name: 'skopeo inspect', argv: ['skopeo', 'inspect', `oci:${layout}:t`] }, 15);
    else console.log('skopeo not installed: inspect compared with the floor only');
  }

  const peers = loadPeers();
  if (typeof peers === 'string') {
    console.log(`${peers}: only the floor compared`);
    return;
  }
  const bin = (name: string) => join(PEER_DIR, 'node_modules', '.bin', name);
  // (41 pairs: the ratio sits near #27's 0.8 target, and one busy moment moves a short series.)
  line('one file', plinth([EXAMPLE]), { name: 'dockerfilelint', argv: [bin('dockerfilelint'), '-j', EXAMPLE] }, 41);
  // dockerlinter runs shellcheck on every RUN where shellcheck is installed (as its users run it), else none.
  const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;
  if (existsSync(bin('dockerlinter'))) {
    line(`one file (dockerlinter${shellcheck ? ' with shellcheck' : ', shellcheck not installed: -s none'})`, plinth([EXAMPLE]), { name: 'dockerlinter', argv: [bin('dockerlinter'), '-j', '-f', EXAMPLE, ...(shellcheck ? [] : ['-s', 'none'])] }, 15);
  }

  // dockerfilelint's CLI stops at the first file it cannot read: those are left out of both sides.
  const files = readCorpus();
  const dfl = crashSafe(peers.find((p) => p.name === 'dockerfilelint')!);
  const readable = files.filter((f) => dfl(f.source)).map((f) => f.path);
  const left = files.length - readable.length;
  console.log(`corpus: ${files.length} files, ${left} left out (dockerfilelint cannot read them${left ? `: ${files.filter((f) => !readable.includes(f.path)).slice(0, 5).map((f) => f.path).join(', ')}${left > 5 ? ', ...' : ''}` : ''})`);
  const ten = readable.filter((_, i) => i % Math.floor(readable.length / 10) === 0).slice(0, 10);
  const dockerfilelint = (list: string[]): Command => ({ name: 'dockerfilelint', argv: [bin('dockerfilelint'), '-j', ...list], cwd: CORPUS });
  line('ten files (a repository)', plinth(ten), dockerfilelint(ten), 15);
  line(`corpus (${readable.length} files, one process)`, plinth(readable), dockerfilelint(readable), 7);
  console.log(`1-minute load after: ${loadavg()[0]!.toFixed(2)} (other work on the machine moves every figure; the ratios come from alternating pairs)`);
}

main();
