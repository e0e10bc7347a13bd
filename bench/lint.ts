// `npm run bench`: the whole corpus linted in one process, plinth beside the npm linters.
// Files are read into memory once; each linter gets the same strings; median of 7 passes.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig, type Config } from '../src/config/types.js';
import { lintSource } from '../src/lint/run.js';
import { loadPeers } from './peers.js';

const CORPUS = process.env.PLINTH_CORPUS ?? fileURLToPath(new URL('../../../shared/corpus/dockerfiles/', import.meta.url));
const PASSES = 7;

interface Corpus {
  path: string;
  source: string;
}

function readCorpus(dir: string): Corpus[] {
  const out: Corpus[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push({ path: relative(dir, p), source: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

interface Measure {
  filesPerSecond: number;
  /** Files the linter threw on (plinth: internal errors), counted on the first pass. */
  crashes: number;
  crashed: string[];
}

function measure(files: Corpus[], lint: (f: Corpus) => boolean): Measure {
  const crashed: string[] = [];
  for (const f of files) if (!lint(f)) crashed.push(f.path);
  const rates: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    const start = process.hrtime.bigint();
    for (const f of files) lint(f);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(files.length / seconds);
  }
  rates.sort((a, b) => a - b);
  return { filesPerSecond: rates[Math.floor(PASSES / 2)]!, crashes: crashed.length, crashed };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function main(): void {
  const files = readCorpus(CORPUS);
  const bytes = files.reduce((n, f) => n + f.source.length, 0);
  console.log(`corpus: ${files.length} files, ${fmt(bytes / 1024)} KiB (${CORPUS})`);
  const config: Config = defaultConfig;
  // One pass is one lint run: its build-context scans are shared within the pass, never across passes.
  const options = { cwd: CORPUS, date: new Date().toISOString().slice(0, 10), contextScans: new Map() };
  let parseErrors: string[] = [];
  const plinth = measure(files, (f) => {
    if (f === files[0]) options.contextScans.clear();
    const r = lintSource(f.source, f.path, config, options, 'warning');
    return !(r.error && r.error.message.startsWith('internal error'));
  });
  const findings = files.map((f) => lintSource(f.source, f.path, config, options, 'warning'));
  parseErrors = findings.filter((r) => r.error && !r.error.message.startsWith('internal error')).map((r) => `${r.path}:${r.error!.line ?? ''}: ${r.error!.message}`);
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  const total = findings.reduce((n, r) => n + r.findings.length, 0);
  console.log(`plinth: ${fmt(plinth.filesPerSecond)} files/s, peak RSS ${rssMiB.toFixed(1)} MiB, ${total} findings, ${plinth.crashes} crashes, ${parseErrors.length} files rejected`);
  for (const c of plinth.crashed) console.log(`  crash: ${c}`);
  for (const e of parseErrors) console.log(`  rejected: ${e}`);

  const peers = loadPeers();
  if (typeof peers === 'string') {
    console.log(peers);
    return;
  }
  for (const peer of peers) {
    const m = measure(files, (f) => {
      try {
        peer.lint(f.source);
        return true;
      } catch {
        return false;
      }
    });
    const ratio = plinth.filesPerSecond / m.filesPerSecond;
    console.log(`${peer.name} ${peer.version}: ${fmt(m.filesPerSecond)} files/s, ${m.crashes} crashes; plinth is ${ratio.toFixed(1)}x`);
  }
  console.log(`peak RSS of the whole process (plinth and peers): ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);
}

main();
