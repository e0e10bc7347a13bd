// The zstd frame walk that stands before Node's own decompressor: frames made by the zstd command
// (raw, RLE and compressed blocks, with and without checksums, several frames and a skippable one),
// cut at every length, must pass exactly where a frame ends, in any chunking.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { ZstdFrameCheck } from '../../src/image/zstd-frames.js';

function zstd(input: Buffer, ...args: string[]): Buffer {
  const r = spawnSync('zstd', ['-q', '-c', ...args], { input, maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr?.toString());
  return r.stdout;
}

/** What the check passes on, or its error message. */
async function check(bytes: Buffer, chunk = 1 << 16): Promise<Buffer | string> {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) parts.push(bytes.subarray(at, at + chunk));
  const out: Buffer[] = [];
  try {
    await pipeline(Readable.from(parts), new ZstdFrameCheck(), async function* (src) {
      for await (const b of src) out.push(b as Buffer);
    });
  } catch (err) {
    return (err as Error).message;
  }
  return Buffer.concat(out);
}

/** Incompressible bytes (raw blocks), a run of one byte (RLE blocks) and text (compressed blocks). */
function samples(): Buffer {
  const random: Buffer[] = [];
  let seed = createHash('sha256').update('zstd-frames').digest();
  for (let i = 0; i < 6000; i++) random.push((seed = createHash('sha256').update(seed).digest()));
  return Buffer.concat([Buffer.concat(random), Buffer.alloc(300_000, 9), Buffer.from('a line of text, then another\n'.repeat(9000))]);
}

describe('zstd frame check', () => {
  const data = samples();
  const skippable = Buffer.concat([Buffer.from([0x5a, 0x2a, 0x4d, 0x18, 5, 0, 0, 0]), Buffer.from('hello')]);
  const a = zstd(data, '-3');
  const b = zstd(data.subarray(0, 1000), '--no-check', '-19');
  const empty = zstd(Buffer.alloc(0));
  const stream = Buffer.concat([a, skippable, b, empty]);
  const ends = new Set([a.length, a.length + skippable.length + b.length, stream.length]);

  it('passes whole frames through unchanged, in any chunking', async () => {
    for (const chunk of [1, 3, 4096, 1 << 20]) assert.ok((await check(stream, chunk) as Buffer).equals(stream), `chunks of ${chunk}`);
  });

  it('fails wherever the input stops inside a frame, and only there', async () => {
    // Every cut through the headers and the small frames, and a sample of cuts through the big one.
    const cuts = new Set<number>();
    for (let n = 1; n < stream.length; n += n < 2000 || n > a.length - 2000 ? 1 : 997) cuts.add(n);
    for (const end of ends) for (let d = -40; d <= 40; d++) if (end + d > 0 && end + d < stream.length) cuts.add(end + d);
    let failed = 0;
    for (const n of cuts) {
      const r = await check(stream.subarray(0, n), 4096);
      // A cut just after the skippable frame ends a valid stream too.
      const whole = ends.has(n) || n === a.length + skippable.length;
      if (whole) assert.ok(Buffer.isBuffer(r), `cut at ${n}: ${String(r)}`);
      else {
        assert.equal(r, 'truncated zstd data (the input ends inside a frame)', `cut at ${n}`);
        failed++;
      }
    }
    assert.ok(failed > 2000);
  });

  it('refuses what is not a zstd frame, and an empty input', async () => {
    assert.match(String(await check(Buffer.concat([a, Buffer.from('not zstd at all')]))), /^invalid zstd data \(no frame starts here\)$/);
    const reserved = Buffer.from(a);
    reserved[4]! |= 0x08;
    assert.match(String(await check(reserved)), /reserved bit/);
    assert.match(String(await check(Buffer.alloc(0))), /^truncated zstd data/);
  });
});
