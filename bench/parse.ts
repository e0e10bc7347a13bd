// Parser throughput over the corpus: the files are read into memory once, then parsed (and
// modelled) 7 times; prints the median pass as files/s and MB/s.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, DockerfileError, parseDockerfile } from '../src/dockerfile/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = process.argv[2] ?? join(repo, '..', 'shared', 'corpus', 'dockerfiles');

function walk(d: string, out: string[]): string[] {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const files = walk(dir, []).map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);

// CPU time of this process (user + system): steadier than wall time on a shared machine.
function cpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function pass(model: boolean): [number, number] {
  const c0 = cpu();
  const t0 = process.hrtime.bigint();
  for (const f of files) {
    try {
      const df = parseDockerfile(f.text, f.path);
      if (model) buildModel(df);
    } catch (err) {
      if (!(err instanceof DockerfileError)) throw err;
    }
  }
  return [Number(process.hrtime.bigint() - t0) / 1e9, cpu() - c0];
}

function median(model: boolean): [number, number, number] {
  for (let i = 0; i < 30; i++) pass(model); // warm-up (JIT, heap growth)
  const runs = Array.from({ length: 7 }, () => pass(model));
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[3]!;
  return [mid(runs.map((r) => r[0])), mid(runs.map((r) => r[1])), Math.min(...runs.map((r) => r[0]))];
}

console.log(`corpus: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB (${dir})`);
for (const [label, model] of [['parseDockerfile', false], ['parseDockerfile+buildModel', true]] as const) {
  const [wall, cpuTime, best] = median(model);
  const rate = (t: number) => `${Math.round(files.length / t).toLocaleString('en-US')} files/s, ${(bytes / 1e6 / t).toFixed(1)} MB/s`;
  console.log(`${label.padEnd(28)} wall ${rate(wall)} (${(wall * 1000).toFixed(1)} ms); cpu ${rate(cpuTime)} (${(cpuTime * 1000).toFixed(1)} ms)  [median of 7 passes; best pass ${rate(best)}]`);
}
