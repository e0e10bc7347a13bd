// How the CLI writes: straight to fd 1 and 2 (cli/io.ts), with Node's stream taking over from a
// descriptor that would block, and quiet when the reader goes away.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SHARED } from '../helpers/shared.js';

const bin = join(process.cwd(), 'bin', 'plinth.js');
// The corpus: some 95 kB of JSON, more than a pipe holds (64 kB).
const args = [bin, 'lint', '--format', 'json', join(SHARED, 'corpus')];
// What the same run writes into ordinary pipes: both tests compare against it.
let plain: SpawnSyncReturns<string> | undefined;
const plainRun = () => (plain ??= spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 }));

test('a non-blocking stdout that fills up: the rest goes through Node stream, nothing is lost', async () => {
  const want = plainRun();
  assert.ok(want.stdout.length > 80_000, `${want.stdout.length} bytes`);
  const dir = mkdtempSync(join(tmpdir(), 'plinth-fifo-'));
  try {
    const fifo = join(dir, 'out');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    // Both ends non-blocking: the child inherits O_NONBLOCK on its stdout and gets EAGAIN when full.
    const readFd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeFd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const child = spawn(process.execPath, args, { stdio: ['ignore', writeFd, 'pipe'] });
    const code = new Promise<number | null>((r) => child.on('close', r));
    let exited = false;
    child.on('exit', () => (exited = true));
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    // Read nothing until the child has filled the pipe and had to wait.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(exited, false, 'the child waits for the reader');
    closeSync(writeFd);
    const reader = new Socket({ fd: readFd, readable: true, writable: false });
    const chunks: Buffer[] = [];
    reader.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((r) => reader.on('end', r));
    assert.equal(await code, want.status, err);
    assert.equal(err, want.stderr);
    assert.equal(Buffer.concat(chunks).toString('utf8'), want.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a reader that goes away (plinth lint | head -c 10): no error, no stack', async () => {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const want = plainRun();
  // (The corpus holds files plinth cannot read: those lines, and their exit 2, are the same.)
  assert.equal(err, want.stderr);
  assert.equal(code, want.status);
});
