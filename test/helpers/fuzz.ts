// A seeded fuzzer for the readers of hostile input: Dockerfiles (parser, ARG expansion, every rule),
// lockfiles as JSON, TOML and layer tars. Inputs are corpus files and fixtures mutated byte- and
// token-wise (flips, splices, truncation, repeats, deep nesting). Each input must end in a result or a
// PlinthError, within a time limit; the run's peak RSS is reported. Used by the test (a few thousand
// inputs) and by `npm run fuzz` (100,000).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { defaultConfig } from '../../src/config/types.js';
import { parseJsonWithLines } from '../../src/context/json-lines.js';
import { readToml } from '../../src/context/toml-lines.js';
import { readLayer } from '../../src/image/layer.js';
import { lintSource } from '../../src/lint/run.js';
import { PlinthError } from '../../src/types.js';
import { tarOf } from './image-builder.js';
import { SHARED } from './shared.js';

/** mulberry32: small, seeded, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['\\\n', '$', '${', '}', '${A:-${B:-${C}}}', '"', "'", '<<EOF\n', '\nEOF\n', 'FROM ', ' AS ', 'ARG ', 'RUN ', 'COPY --from=', '--mount=type=cache,from=', '\t', '\r\n', '\u0000', '\uFEFF', '# syntax=', '# escape=`\n', '`', '[', ']', '{', '}', ',', ':', '=', '\n', ' ', '@sha256:', 'x'.repeat(300)];

export type Mutate = (input: string) => string;

export function mutator(next: () => number): Mutate {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const at = (s: string): number => Math.floor(next() * (s.length + 1));
  return (input) => {
    let s = input;
    const n = 1 + Math.floor(next() * 8);
    for (let i = 0; i < n; i++) {
      const k = next();
      const p = at(s);
      if (k < 0.3) s = s.slice(0, p) + pick(TOKENS) + s.slice(p);
      else if (k < 0.45) s = s.slice(0, p) + s.slice(p + 1 + Math.floor(next() * 20));
      else if (k < 0.55) s = s.slice(0, p) + String.fromCharCode(Math.floor(next() * 0x3000)) + s.slice(p + 1);
      else if (k < 0.65) s = s.slice(0, p);
      else if (k < 0.75) {
        const q = at(s);
        const piece = s.slice(Math.min(p, q), Math.max(p, q)).slice(0, 2000);
        s = s.slice(0, p) + piece.repeat(1 + Math.floor(next() * 20)) + s.slice(p);
      } else if (k < 0.85) s = s.slice(0, p) + pick(TOKENS).repeat(1 + Math.floor(next() * 500)) + s.slice(p);
      else s = s.slice(0, p) + s.slice(at(s));
    }
    return s.slice(0, 200_000);
  };
}

export interface FuzzTarget {
  name: string;
  seeds: string[];
  run: (input: string) => unknown | Promise<unknown>;
}

function corpusSeeds(limit: number): string[] {
  const dir = join(SHARED, 'corpus', 'dockerfiles');
  const out: string[] = [];
  for (const repo of readdirSync(dir).sort()) {
    for (const f of readdirSync(join(dir, repo)).sort()) {
      out.push(readFileSync(join(dir, repo, f), 'utf8'));
      if (out.length >= limit) return out;
    }
  }
  return out;
}

export async function targets(): Promise<FuzzTarget[]> {
  const lock = JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/bcrypt': { version: '5.1.1', hasInstallScript: true, dependencies: { 'node-addon-api': '^5' } } } }, null, 2);
  const toml = '[[package]]\nname = "cffi"\nversion = "1.17.1"\n\n[package.dependencies]\npycparser = "*"\n\n[metadata]\npython-versions = ">=3.9"\n';
  const tar = (await tarOf([{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }, { path: 'var/lib/dpkg/status', content: 'Package: a\nVersion: 1\nStatus: install ok installed\n' }, { path: 'bin/sh', symlink: 'dash' }])).toString('latin1');
  return [
    { name: 'Dockerfile (parse, expand, every rule)', seeds: corpusSeeds(200), run: (s) => lintSource(s, 'Dockerfile', defaultConfig, { cwd: '/nonexistent-build-context', date: '2026-12-04' }, 'warning') },
    { name: 'package-lock.json (JSON with lines)', seeds: [lock], run: (s) => parseJsonWithLines(s) },
    { name: 'poetry.lock / Cargo.lock (TOML)', seeds: [toml], run: (s) => readToml(s) },
    {
      name: 'image layer (gzip tar)',
      seeds: [tar],
      run: (s) => readLayer(Readable.from([zlib.gzipSync(Buffer.from(s, 'latin1'))]), 'application/vnd.oci.image.layer.v1.tar+gzip', () => true, 'fuzz'),
    },
  ];
}

export interface FuzzFigures {
  target: string;
  inputs: number;
  /** Inputs that ended in a one-line error: a PlinthError, or a lint report's error. */
  expectedErrors: number;
  slowestMs: number;
  failures: string[];
}

/** Runs `count` mutated inputs through a target; anything but a result or a PlinthError is a failure. */
export async function fuzz(target: FuzzTarget, count: number, seed: number, limitMs: number): Promise<FuzzFigures> {
  const next = rng(seed);
  const mutate = mutator(next);
  const figures: FuzzFigures = { target: target.name, inputs: 0, expectedErrors: 0, slowestMs: 0, failures: [] };
  for (let i = 0; i < count; i++) {
    const input = mutate(target.seeds[Math.floor(next() * target.seeds.length)]!);
    const start = performance.now();
    try {
      const result = (await target.run(input)) as { error?: unknown } | null;
      // lint reports a file it cannot read in the report, not by throwing.
      if (result && typeof result === 'object' && 'error' in result && result.error) figures.expectedErrors++;
    } catch (err) {
      if (err instanceof PlinthError) figures.expectedErrors++;
      else if (figures.failures.length < 5) figures.failures.push(`input ${i} (seed ${seed}): ${(err as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(err)}`);
    }
    const ms = performance.now() - start;
    figures.slowestMs = Math.max(figures.slowestMs, ms);
    if (ms > limitMs && figures.failures.length < 5) figures.failures.push(`input ${i} (seed ${seed}) took ${ms.toFixed(0)} ms, more than ${limitMs}`);
    figures.inputs++;
  }
  return figures;
}
