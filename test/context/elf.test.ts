// ELF link reading on real binaries: this machine's /bin/true (glibc), one gcc links statically
// here, the same /bin/true with its loader renamed to musl's, and cut or corrupted headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elfLink } from '../../src/context/elf.js';

const head = (b: Buffer) => b.subarray(0, 64 * 1024);
const hasGcc = spawnSync('gcc', ['--version']).status === 0;

test('a dynamically linked executable names its loader; the libc follows from it', () => {
  const bin = readFileSync('/bin/true');
  const link = elfLink(head(bin));
  assert.equal(link?.kind, 'dynamic');
  assert.ok(link?.kind === 'dynamic' && /ld-linux/.test(link.interpreter) && link.libc === 'glibc', JSON.stringify(link));
  // The same file with musl's loader in place of glibc's (same length, NUL-padded).
  const text = bin.toString('latin1');
  const at = text.indexOf('/lib64/ld-linux-x86-64.so.2');
  assert.ok(at > 0);
  const musl = Buffer.from(bin);
  musl.write('/lib/ld-musl-x86_64.so.1\0\0\0', at, 'latin1');
  assert.deepEqual(elfLink(head(musl)), { kind: 'dynamic', interpreter: '/lib/ld-musl-x86_64.so.1', libc: 'musl' });
});

test('a statically linked executable has no loader', { skip: !hasGcc && 'gcc is not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-elf-'));
  try {
    writeFileSync(join(dir, 'a.c'), 'int main(void) { return 0; }\n');
    const cc = spawnSync('gcc', ['-static', '-o', join(dir, 'a'), join(dir, 'a.c')], { encoding: 'utf8' });
    assert.equal(cc.status, 0, cc.stderr);
    assert.deepEqual(elfLink(head(readFileSync(join(dir, 'a')))), { kind: 'static' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('not ELF, cut short or with offsets out of range: null, never a throw', () => {
  const bin = readFileSync('/bin/true');
  assert.equal(elfLink(Buffer.from('#!/bin/sh\necho hi\n')), null);
  assert.equal(elfLink(bin.subarray(0, 40)), null);
  // Program headers said to lie past the bytes read.
  const far = Buffer.from(bin.subarray(0, 4096));
  far.writeBigUInt64LE(1n << 40n, 32);
  assert.equal(elfLink(far), null);
  // A relocatable object (e_type 1) is not an executable.
  const obj = Buffer.from(bin.subarray(0, 4096));
  obj.writeUInt16LE(1, 16);
  assert.equal(elfLink(obj), null);
  // 10,000 random heads that start like ELF: each is answered.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  for (let i = 0; i < 10_000; i++) {
    const b = Buffer.alloc(64 + (i % 512));
    for (let j = 0; j < b.length; j++) b[j] = rand();
    b.write('\x7fELF', 0, 'latin1');
    const r = elfLink(b);
    assert.ok(r === null || r.kind === 'static' || r.kind === 'dynamic');
  }
});
