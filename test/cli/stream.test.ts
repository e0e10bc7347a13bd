// `plinth lint` over many files writes its report file by file: its memory stays flat with the
// number of files (it grew by about 9 KiB a file when the whole report was built first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/plinth.js', import.meta.url));

/** `n` Dockerfiles with findings (full and EOL images, latest tags), 500 to a directory. */
function tree(n: number): string {
  const root = mkdtempSync(join(tmpdir(), 'plinth-stream-'));
  const images = ['node:20', 'python:3.9', 'ubuntu:latest', 'golang:1.21', 'openjdk:17'];
  for (let i = 0; i < n; i++) {
    const dir = join(root, `d${Math.floor(i / 500)}`);
    if (i % 500 === 0) mkdirSync(dir);
    writeFileSync(join(dir, `${i}.Dockerfile`), `FROM ${images[i % images.length]}\nWORKDIR /app\nCOPY . .\nRUN echo build ${i}\nCMD ["./app", "${i}"]\n`);
  }
  return root;
}

/** Peak RSS (KiB) of `plinth lint --format json root`, and the files its report lists. */
function lint(root: string): { rss: number; files: number } {
  const wrapper = `process.on('exit', () => process.stderr.write('maxRSS ' + process.resourceUsage().maxRSS + '\\n')); process.argv.splice(1, 0, 'plinth'); await import(${JSON.stringify(BIN)});`;
  // (A 48 MiB old space and 8 MiB semi-spaces: V8 collects instead of growing its heap by its own
  // heuristics, so the peak says what the run keeps. Node 24 grew its young generation by 30-50
  // MiB in some runs and not in others; a run that kept every report would not finish in these.)
  const r = spawnSync(process.execPath, ['--max-old-space-size=48', '--max-semi-space-size=8', '--input-type=module', '-e', wrapper, 'lint', '--format', 'json', '--date', '2026-09-01', root], { encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(r.status, 1, r.stderr);
  const rss = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1]);
  return { rss, files: (JSON.parse(r.stdout) as { files: unknown[] }).files.length };
}

test('lint memory stays flat with the number of files: 1,000 and 10,000 files within 40 MiB', () => {
  const small = tree(1000);
  const large = tree(10000);
  try {
    // The lower peak of two runs each: V8 sizes its heap by heuristics (on Node 24 a 1,000-file
    // run peaked anywhere from 78 to 95 MiB), and one high run said nothing about the files.
    const twice = (root: string) => [lint(root), lint(root)].reduce((x, y) => (y.rss < x.rss ? y : x));
    const a = twice(small);
    const b = twice(large);
    assert.equal(a.files, 1000);
    assert.equal(b.files, 10000);
    const grew = (b.rss - a.rss) / 1024;
    assert.ok(grew < 40, `peak RSS grew by ${grew.toFixed(0)} MiB from 1,000 to 10,000 files (${(a.rss / 1024).toFixed(0)} -> ${(b.rss / 1024).toFixed(0)} MiB)`);
  } finally {
    rmSync(small, { recursive: true, force: true });
    rmSync(large, { recursive: true, force: true });
  }
});
