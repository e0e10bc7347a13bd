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

/** The smallest static x86-64 executable head: an ELF64 header and one PT_LOAD program header. */
export function staticElfHead(): Buffer {
  const b = Buffer.alloc(64 + 56);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(62, 18); // x86-64
  b.writeBigUInt64LE(64n, 32); // e_phoff
  b.writeUInt16LE(64, 52);
  b.writeUInt16LE(56, 54); // e_phentsize
  b.writeUInt16LE(1, 56); // e_phnum
  b.writeUInt32LE(1, 64); // PT_LOAD
  return b;
}

test("a binary copied from a per-platform folder ($TARGETPLATFORM) is read as linux/amd64's", async () => {
  const { readContext } = await import('../../src/context/index.js');
  const { parseDockerfile, buildModel } = await import('../../src/dockerfile/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'plinth-elf-'));
  try {
    const source = 'FROM alpine:3.24\nRUN apk add --no-cache ca-certificates tzdata\nARG TARGETPLATFORM\nCOPY ./dist/$TARGETPLATFORM/traefik /\nENTRYPOINT ["/traefik"]\n';
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'dist/linux/amd64'), { recursive: true });
    writeFileSync(join(dir, 'dist/linux/amd64/traefik'), staticElfHead());
    writeFileSync(join(dir, 'Dockerfile'), source);
    const file = parseDockerfile(source, join(dir, 'Dockerfile'));
    const ctx = readContext(dir, file, buildModel(file));
    // (Before: a source with a variable was never read.)
    assert.equal(ctx.stages[0]!.prebuilt?.path, 'dist/linux/amd64/traefik');
    assert.deepEqual(ctx.stages[0]!.prebuilt?.link, { kind: 'static' });
    // Another variable still keeps the path unread.
    const other = 'FROM alpine:3.24\nARG FLAVOUR=x\nCOPY ./dist/$FLAVOUR/traefik /\n';
    const f2 = parseDockerfile(other, join(dir, 'Dockerfile'));
    assert.equal(readContext(dir, f2, buildModel(f2)).stages[0]!.prebuilt, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
