import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unifiedDiff } from '../../src/fix/diff.js';

// Deterministic pseudo-random texts so a failure can be replayed.
function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

function mutate(lines: string[], r: () => number): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const p = r();
    if (p < 0.1) continue;
    if (p < 0.2) out.push(`changed ${Math.floor(r() * 5)}`);
    else out.push(l);
    if (r() < 0.08) out.push(`inserted ${Math.floor(r() * 5)}`);
  }
  return out;
}

const hasPatch = spawnSync('patch', ['--version']).status === 0;

test('unified diff applies with patch(1) and reproduces the new text', { skip: hasPatch ? false : 'patch(1) not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-diff-'));
  try {
    const r = rng(42);
    for (let round = 0; round < 60; round++) {
      const n = Math.floor(r() * 40);
      const base = Array.from({ length: n }, () => `line ${Math.floor(r() * 8)}`);
      const nl = (ls: string[], eol: boolean) => (ls.length ? ls.join(round % 3 === 0 ? '\r\n' : '\n') + (eol ? (round % 3 === 0 ? '\r\n' : '\n') : '') : '');
      const before = nl(base, r() < 0.8);
      const after = nl(mutate(base, r), r() < 0.8);
      const d = unifiedDiff(before, after, 'a/f', 'b/f');
      if (before === after) { assert.equal(d, ''); continue; }
      writeFileSync(join(dir, 'f'), before);
      writeFileSync(join(dir, 'p'), d);
      execFileSync('patch', ['-s', '--binary', '-p1', '-i', 'p'], { cwd: dir });
      assert.equal(readFileSync(join(dir, 'f'), 'utf8'), after, `round ${round}\n${d}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('unified diff hunk headers and context match diff -u for a one-line change', () => {
  const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\n';
  const after = 'a\nb\nc\nd\nE\nf\ng\nh\ni\n';
  const d = unifiedDiff(before, after, 'a/f', 'b/f');
  const dir = mkdtempSync(join(tmpdir(), 'plinth-diff-'));
  try {
    writeFileSync(join(dir, 'x'), before);
    writeFileSync(join(dir, 'y'), after);
    const gnu = spawnSync('diff', ['-u', '--label', 'a/f', '--label', 'b/f', 'x', 'y'], { cwd: dir, encoding: 'utf8' });
    assert.equal(d, gnu.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing final newline is marked', () => {
  const d = unifiedDiff('FROM a', 'FROM b', 'a/f', 'b/f');
  assert.match(d, /^-FROM a\n\\ No newline at end of file\n\+FROM b\n\\ No newline at end of file\n$/m);
});
