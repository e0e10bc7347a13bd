// Rewrites of a user's file (pin, recommend --fix): through symlinks, keeping mode and owner,
// refusing what would lose an edit or split hard links, leaving no temp file behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, linkSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceFile, WriteRefused } from '../../src/util/atomic.js';
import { writeFixed } from '../../src/fix/edits.js';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'plinth-write-'));
}

test('a symlinked Dockerfile is rewritten at its target; the link stays a link', async () => {
  const d = dir();
  try {
    writeFileSync(join(d, 'real.Dockerfile'), 'FROM node:22\n');
    symlinkSync('real.Dockerfile', join(d, 'Dockerfile'));
    await writeFixed(join(d, 'Dockerfile'), 'FROM node:22\n', [{ start: 5, end: 12, text: 'node:22-slim' }]);
    assert.ok(lstatSync(join(d, 'Dockerfile')).isSymbolicLink());
    assert.equal(readFileSync(join(d, 'real.Dockerfile'), 'utf8'), 'FROM node:22-slim\n');
    assert.deepEqual(readdirSync(d).sort(), ['Dockerfile', 'real.Dockerfile']);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('mode and owner are kept (0600, 0444, another user\'s file when root runs it)', async () => {
  const d = dir();
  try {
    for (const mode of [0o600, 0o444, 0o755]) {
      const p = join(d, `Dockerfile.${mode.toString(8)}`);
      writeFileSync(p, 'FROM alpine:3.21\n');
      chmodSync(p, mode);
      if (process.getuid?.() === 0) chownSync(p, 1234, 5678);
      await replaceFile(p, 'FROM alpine:3.21\n', 'FROM alpine:3.22\n');
      const st = statSync(p);
      assert.equal(st.mode & 0o7777, mode);
      if (process.getuid?.() === 0) assert.deepEqual([st.uid, st.gid], [1234, 5678]);
      assert.equal(readFileSync(p, 'utf8'), 'FROM alpine:3.22\n');
    }
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('an edit made while plinth worked is never lost: the rewrite is refused and no temp file stays', async () => {
  const d = dir();
  try {
    const p = join(d, 'Dockerfile');
    writeFileSync(p, 'FROM node:22\nRUN echo mine\n');
    // plinth read the file before this line was added (pin waits on the network in between).
    await assert.rejects(replaceFile(p, 'FROM node:22\n', 'FROM node:22@sha256:' + 'a'.repeat(64) + '\n'), (e: unknown) => e instanceof WriteRefused && /changed while plinth was working/.test(e.message));
    assert.equal(readFileSync(p, 'utf8'), 'FROM node:22\nRUN echo mine\n');
    assert.deepEqual(readdirSync(d), ['Dockerfile']);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('a hard-linked Dockerfile is refused (a rename would split the links); a directory is no file', async () => {
  const d = dir();
  try {
    const p = join(d, 'Dockerfile');
    writeFileSync(p, 'FROM node:22\n');
    linkSync(p, join(d, 'Dockerfile.copy'));
    await assert.rejects(replaceFile(p, 'FROM node:22\n', 'FROM node:24\n'), (e: unknown) => e instanceof WriteRefused && /2 hard links/.test(e.message));
    assert.equal(readFileSync(join(d, 'Dockerfile.copy'), 'utf8'), 'FROM node:22\n');
    await assert.rejects(replaceFile(d, '', 'x'), (e: unknown) => e instanceof WriteRefused && /not a regular file/.test(e.message));
    assert.deepEqual(readdirSync(d).sort(), ['Dockerfile', 'Dockerfile.copy']);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
