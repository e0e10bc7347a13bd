// `npm run bench:instructions`: plinth and dockerfilelint over the corpus, counted in instructions
// (valgrind's callgrind) instead of seconds. A count does not move with what else the machine runs,
// so it checks the noisy timed ratio of `npm run bench`; it is not that ratio (linters differ in
// instructions per second, and system calls are not counted: plinth lists build-context directories).
//
// Each linter runs in two child processes under valgrind: W warm-up passes, then W + K passes; the
// difference over K is one warm pass. W is how many passes fill the timed bench's 2 s warm-up here.
// The children run with V8's --single-threaded: it compiles and collects garbage on the main thread,
// where the work lands at the same points each run, so a count repeats (two runs of plinth's agreed
// within 0.3% here; with V8's helper threads they were up to 20% apart).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { plinthRun, readCorpus, WARM_UP_MS, type CorpusFile } from './corpus.js';
import { crashSafe, loadPeers } from './peers.js';

/** The counted passes take about this long natively (under valgrind about 50 times as long). */
const MEASURED_MS = 1000;
const LINTERS = ['plinth', 'dockerfilelint'] as const;
type LinterName = (typeof LINTERS)[number];

/** A pass of one linter over the files (crashes are the timed bench's business, not counted here). */
function passOf(name: LinterName, files: CorpusFile[]): () => void {
  let lint: (f: CorpusFile) => boolean;
  if (name === 'plinth') lint = plinthRun(files, false).lint;
  else {
    const peers = loadPeers();
    const peer = typeof peers === 'string' ? undefined : peers.find((p) => p.name === name);
    if (!peer) throw new Error(typeof peers === 'string' ? peers : `${name} not installed`);
    const safe = crashSafe(peer);
    lint = (f) => safe(f.source);
  }
  return () => {
    for (const f of files) lint(f);
  };
}

/** Child: W passes, then K more. */
function child(name: LinterName, warm: number, counted: number): void {
  const pass = passOf(name, readCorpus());
  for (let i = 0; i < warm + counted; i++) pass();
}

/** Natively: how many passes fill the warm-up, and how many take about MEASURED_MS. */
function passCounts(name: LinterName, files: CorpusFile[]): { warm: number; counted: number; ms: number } {
  const pass = passOf(name, files);
  let warm = 0;
  const start = Date.now();
  while (Date.now() - start < WARM_UP_MS) {
    pass();
    warm++;
  }
  const t = process.hrtime.bigint();
  pass();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { warm, counted: Math.max(3, Math.round(MEASURED_MS / ms)), ms };
}

/** Instructions valgrind counted in a child that ran `passes` passes. */
function countInstructions(name: LinterName, passes: [number, number]): Promise<number> {
  const args = ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, '--single-threaded', fileURLToPath(import.meta.url), '--child', name, String(passes[0]), String(passes[1])];
  return new Promise((resolve, reject) => {
    const p = spawn('valgrind', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const m = /Collected\s*:\s*(\d+)/.exec(err);
      if (code === 0 && m) resolve(Number(m[1]));
      else reject(new Error(`valgrind ${name} exited ${code}: ${err.trim().split('\n').pop()}`));
    });
  });
}

async function main(): Promise<void> {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('valgrind not found: apt-get install -y valgrind');
    return;
  }
  const files = readCorpus();
  console.log(`corpus: ${files.length} files; counting with valgrind --tool=callgrind (takes minutes)`);
  const perPass = new Map<LinterName, number>();
  // The children run two at a time (a count does not depend on the machine's load).
  for (const name of LINTERS) {
    const { warm, counted, ms } = passCounts(name, files);
    const [base, more] = await Promise.all([countInstructions(name, [warm, 0]), countInstructions(name, [warm, counted])]);
    const n = (more - base) / counted;
    perPass.set(name, n);
    console.log(`${name}: ${(n / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} M instructions per pass, ${Math.round(n / files.length).toLocaleString('en-US')} per file (${warm} warm-up passes, then ${counted} counted; a pass took ${ms.toFixed(0)} ms natively)`);
  }
  const ratio = perPass.get('dockerfilelint')! / perPass.get('plinth')!;
  console.log(`plinth runs ${ratio.toFixed(1)}x fewer instructions per pass than dockerfilelint (user space only; the timed ratio is \`npm run bench\`)`);
}

if (process.argv[2] === '--child') child(process.argv[3] as LinterName, Number(process.argv[4]), Number(process.argv[5]));
else
  main().catch((err: Error) => {
    console.error(`bench:instructions: ${err.message}`);
    process.exitCode = 1;
  });
