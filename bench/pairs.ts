// Whole processes timed in alternating pairs (A, B, A, B, ...), so the machine's drift moves both
// sides: each line gives the medians, the spread and the ratio of the medians. Shared by the benches
// that time what a user waits for (bench/process.ts, bench/contents.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Command {
  name: string;
  argv: string[];
  cwd?: string;
  /** The exit status a run must have, when it matters (a failed run is not a fast one). */
  status?: number;
}

/** Wall time of one run, in ms; the command's output goes to a file, as a CI log would. */
function timeOnce(c: Command, out: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(c.argv[0]!, c.argv.slice(1), { cwd: c.cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw new Error(`${c.name}: ${r.error.message}`);
  if (c.status !== undefined && r.status !== c.status) throw new Error(`${c.name}: exit ${r.status}: ${r.stderr.toString().split('\n')[0]}`);
  writeFileSync(out, r.stdout);
  return ms;
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The file runs write their output to: one per bench process, removed when it exits. */
let outFile: string | undefined;
function output(): string {
  if (outFile === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    outFile = join(dir, 'out');
  }
  return outFile;
}

/** `rounds` alternating runs of a and b (after one untimed run of each, which fills the file cache). */
function pair(a: Command, b: Command, rounds: number): { a: number[]; b: number[] } {
  const out = output();
  timeOnce(a, out);
  timeOnce(b, out);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ta.push(timeOnce(a, out));
    tb.push(timeOnce(b, out));
  }
  return { a: ta, b: tb };
}

/** Prints one pair's line; returns the ratio of the medians. */
export function line(task: string, a: Command, b: Command, rounds: number): number {
  const t = pair(a, b, rounds);
  const ma = median(t.a);
  const mb = median(t.b);
  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
  console.log(`${task}: ${a.name} ${ma.toFixed(0)} ms (${spread(t.a)}), ${b.name} ${mb.toFixed(0)} ms (${spread(t.b)}): ${(ma / mb).toFixed(2)}x (${rounds} pairs)`);
  return ma / mb;
}
