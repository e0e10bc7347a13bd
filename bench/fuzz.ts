// `npm run fuzz`: the long fuzz run, 100,000 inputs over the same targets as test/lint/fuzz.test.ts
// (seed from FUZZ_SEED or the clock), printing per target the inputs, how many ended in an expected
// one-line error, the slowest input, failures, and the run's peak RSS.
import { fuzz, targets } from '../test/helpers/fuzz.js';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const total = Number(process.env.FUZZ_INPUTS ?? 100_000);
const list = await targets();
const share: Record<string, number> = { 'Dockerfile (parse, expand, every rule)': 0.4, 'package-lock.json (JSON with lines)': 0.25, 'poetry.lock / Cargo.lock (TOML)': 0.25, 'image layer (gzip tar)': 0.1 };
let failed = 0;
console.log(`fuzz: ${total} inputs, seed ${seed}`);
for (const t of list) {
  const start = performance.now();
  const f = await fuzz(t, Math.round(total * (share[t.name] ?? 0.25)), seed, 2000);
  const s = (performance.now() - start) / 1000;
  console.log(`${t.name}: ${f.inputs} inputs in ${s.toFixed(1)} s (${(f.inputs / s).toFixed(0)}/s), ${f.expectedErrors} one-line errors, slowest ${f.slowestMs.toFixed(1)} ms, ${f.failures.length} failures`);
  for (const x of f.failures) console.log(`  FAIL ${x}`);
  failed += f.failures.length;
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
process.exitCode = failed ? 1 : 0;
