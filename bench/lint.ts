// `npm run bench`: the whole corpus linted in one process, plinth beside the npm linters.
// Files are read into memory once; each linter gets the same strings, warms up, then runs 7
// interleaved passes; each figure is its median pass.
import { availableParallelism, loadavg } from 'node:os';
import { CORPUS, plinthRun, readCorpus, WARM_UP_MS, type CorpusFile } from './corpus.js';
import { crashSafe, loadPeers } from './peers.js';

const PASSES = 7;

/** A linter under test: lints one file, false when it crashed on it. */
interface Linter {
  name: string;
  lint: (f: CorpusFile) => boolean;
  crashed: string[];
  warmUpPasses: number;
  rates: number[];
}

function linter(name: string, lint: (f: CorpusFile) => boolean): Linter {
  return { name, lint, crashed: [], warmUpPasses: 0, rates: [] };
}

/** The first pass counts crashes; then the linter runs until WARM_UP_MS have passed. */
function warmUp(l: Linter, files: CorpusFile[]): void {
  for (const f of files) if (!l.lint(f)) l.crashed.push(f.path);
  l.warmUpPasses = 1;
  for (const start = Date.now(); Date.now() - start < WARM_UP_MS; l.warmUpPasses++) for (const f of files) l.lint(f);
}

/**
 * A fixed amount of integer work, timed (ms): how fast the machine runs at that moment. A shared
 * virtual machine's speed changes with what its host runs, which no load average inside it shows.
 */
function speedProbe(): number {
  const start = process.hrtime.bigint();
  let x = 0;
  for (let i = 0; i < 5_000_000; i++) x = (x + Math.imul(i, 7)) | 0;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // (Reading x keeps the loop from being optimized away.)
  return x === 1 ? ms + 1 : ms;
}

/**
 * PASSES rounds, each one timed pass of every linter in turn: on a shared machine whose speed
 * drifts, interleaving keeps the drift out of the ratios. Each round starts with the speed probe.
 */
function measure(linters: Linter[], files: CorpusFile[], probes: number[]): void {
  for (let i = 0; i < PASSES; i++) {
    probes.push(speedProbe());
    for (const l of linters) {
      const start = process.hrtime.bigint();
      for (const f of files) l.lint(f);
      l.rates.push(files.length / (Number(process.hrtime.bigint() - start) / 1e9));
    }
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function main(): void {
  const loadBefore = loadavg()[0]!;
  const files = readCorpus(CORPUS);
  const bytes = files.reduce((n, f) => n + f.source.length, 0);
  console.log(`corpus: ${files.length} files, ${fmt(bytes / 1024)} KiB (${CORPUS})`);
  const run = plinthRun(files, false);
  const plinth = linter('plinth', run.lint);
  const plinthFresh = linter('plinth, process-wide caches emptied before each pass', plinthRun(files, true).lint);
  warmUp(plinth, files);
  warmUp(plinthFresh, files);
  const findings = files.map(run.report);
  const parseErrors = findings.filter((r) => r.error && !r.error.message.startsWith('internal error')).map((r) => `${r.path}:${r.error!.line ?? ''}: ${r.error!.message}`);
  const rssMiB = process.resourceUsage().maxRSS / 1024; // before the peers are loaded: plinth's own
  const total = findings.reduce((n, r) => n + r.findings.length, 0);

  const peers = loadPeers();
  const others = typeof peers === 'string' ? [] : peers.map((peer) => {
    const lint = crashSafe(peer);
    return linter(`${peer.name} ${peer.version}`, (f) => lint(f.source));
  });
  for (const l of others) warmUp(l, files);
  for (let i = 0; i < 20; i++) speedProbe(); // compiled before it is timed
  const probes: number[] = [];
  measure([plinth, plinthFresh, ...others], files, probes);

  const rate = median(plinth.rates);
  const freshRate = median(plinthFresh.rates);
  console.log(`plinth: ${fmt(rate)} files/s (median of ${PASSES} passes after ${plinth.warmUpPasses} warm-up passes), peak RSS ${rssMiB.toFixed(1)} MiB, ${total} findings, ${plinth.crashed.length} crashes, ${parseErrors.length} files rejected`);
  for (const c of plinth.crashed) console.log(`  crash: ${c}`);
  for (const e of parseErrors) console.log(`  rejected: ${e}`);
  console.log(`${plinthFresh.name}: ${fmt(freshRate)} files/s (median of ${PASSES} passes)`);
  // Other work on the machine moves every figure: the load says how busy it was.
  const machine = `machine: ${availableParallelism()} CPUs, 1-minute load average ${loadBefore.toFixed(2)} before the bench, ${loadavg()[0]!.toFixed(2)} after; a fixed loop took ${Math.min(...probes).toFixed(1)} to ${Math.max(...probes).toFixed(1)} ms at the start of the rounds (its spread is how much the machine's own speed changed)`;
  if (typeof peers === 'string') {
    console.log(peers);
    console.log(machine);
    return;
  }
  for (const l of others) {
    const r = median(l.rates);
    // Each round's own ratio too: their spread shows how much this machine's drift moved the figure.
    const rounds = plinth.rates.map((p, i) => p / l.rates[i]!).sort((a, b) => a - b);
    // The fastest passes are the ones the machine's slowdowns missed: their ratio is the least noisy.
    const fastest = Math.max(...plinth.rates) / Math.max(...l.rates);
    console.log(`${l.name}: ${fmt(r)} files/s (median of ${PASSES} passes after ${l.warmUpPasses} warm-up passes), ${l.crashed.length} crashes; plinth is ${(rate / r).toFixed(1)}x (${(freshRate / r).toFixed(1)}x with emptied caches; round by round ${rounds[0]!.toFixed(1)}x to ${rounds[rounds.length - 1]!.toFixed(1)}x; fastest pass against fastest pass ${fastest.toFixed(1)}x)`);
  }
  console.log(`peak RSS of the whole process (plinth and peers): ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);
  console.log(machine);
}

main();
