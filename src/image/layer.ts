// Streams one layer blob once: detects its compression, decompresses, walks the tar and keeps only the
// bodies the readers asked for (everything else is drained as it passes).
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { extract as tarExtract } from 'tar-stream';
import { normalizeTarPath, type LayerEntry } from './filesystem.js';
import { ImageSourceError, type Compression } from './types.js';
import { ZstdFrameCheck } from './zstd-frames.js';

/** Decides whether a regular file's body is kept: called with the normalized path and the size. */
export type WantBody = (path: string, size: number) => boolean;

export interface ReadLayer {
  entries: LayerEntry[];
  compression: Compression;
  /** Bytes of the decompressed tar stream. */
  tarBytes: number;
  /** Sum of the regular files in the tar. */
  fileBytes: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** The compression the bytes show; the media type only decides when the magic is inconclusive. */
export function detectCompression(head: Uint8Array, mediaType: string): Compression {
  const starts = (magic: number[]): boolean => magic.every((b, i) => head[i] === b);
  if (starts(GZIP_MAGIC)) return 'gzip';
  if (starts(ZSTD_MAGIC)) return 'zstd';
  if (head.length < 4 && /gzip/.test(mediaType)) return 'gzip';
  if (head.length < 4 && /zstd/.test(mediaType)) return 'zstd';
  return 'none';
}

/** A limit the decompressor itself hits (a bomb): reported as it is, not as invalid data. */
class InflateLimit extends Error {}

/**
 * fzstd (JavaScript) where Node has no zstd of its own (before 22.15 and 23.8). fzstd hands over
 * every block of an input chunk at once, whatever the stream downstream asks: 8 kB of a zstd bomb
 * gave 256 MiB in one push (316 MiB peak). So `limit` is checked on each block as it comes.
 */
class ZstdDecompress extends Transform {
  private out = 0;
  // fzstd hands over a fresh array per block: a Buffer view of it, not a copy.
  private readonly zstd = new Decompress((chunk) => {
    if (chunk.length === 0) return;
    this.out += chunk.length;
    const over = this.limit(this.out);
    if (over) throw new InflateLimit(over);
    this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });

  constructor(private readonly limit: (bytes: number) => string | null) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.zstd.push(chunk);
      cb();
    } catch (err) {
      cb(err instanceof InflateLimit ? new Error(err.message) : new Error(`invalid zstd data (${(err as Error).message})`));
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      this.zstd.push(new Uint8Array(0), true);
      cb();
    } catch (err) {
      cb(err instanceof InflateLimit ? new Error(err.message) : new Error(`truncated or invalid zstd data (${(err as Error).message})`));
    }
  }
}

/**
 * Node's own zstd (zlib, 22.15 and 23.8 onward): several times faster than fzstd. Some of those
 * releases end a truncated frame without an error, so a ZstdFrameCheck walks the frames before it.
 */
const nativeZstd = (zlib as { createZstdDecompress?: (o: { chunkSize: number }) => NodeJS.ReadWriteStream }).createZstdDecompress;
const ZLIB_CHUNK = 256 * 1024;

class Counter extends Transform {
  bytes = 0;
  /** `limit(bytes)`: an error message once the count passes what is allowed, else null. */
  constructor(private readonly limit: (bytes: number) => string | null = () => null) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    const over = this.limit(this.bytes);
    cb(over ? new Error(over) : null, over ? undefined : chunk);
  }
}

/** Decompressed bytes past which the ratio to the compressed ones is checked, the ratio, and an absolute cap. */
const RATIO_FLOOR = 64 * 1024 * 1024;
const MAX_RATIO = 200;
const MAX_TAR_BYTES = 16 * 1024 * 1024 * 1024;
/** Tar members per layer, and path components per member: real layers stay far below. */
const MAX_ENTRIES = 1_000_000;
const MAX_DEPTH = 256;

/**
 * The largest file a reader keeps (a package database, os-release): real ones are a few MiB; a layer
 * can claim or hold far more in a few compressed bytes. Past it the image is refused, not misread.
 */
export const MAX_BODY = 64 * 1024 * 1024;
/** All kept bodies of one layer together. */
const MAX_KEPT = 256 * 1024 * 1024;

export async function readLayer(
  stream: NodeJS.ReadableStream,
  mediaType: string,
  want: WantBody,
  label: string,
): Promise<ReadLayer> {
  const it = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  while (head.length < 4) {
    const r = await it.next();
    if (r.done) break;
    head = Buffer.concat([head, Buffer.from(r.value)]);
  }
  const compression = detectCompression(head, mediaType);
  const rest = Readable.from(
    (async function* () {
      if (head.length > 0) yield head;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        // (Buffer.from of a Buffer copies it: 68 ms of an 81 MiB layer.)
        yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
      }
    })(),
    { objectMode: false },
  );
  // A layer that inflates far beyond its size (a decompression bomb) is refused as it streams.
  const raw = new Counter();
  const inflated = (bytes: number): string | null => {
    if (bytes > MAX_TAR_BYTES) return `decompresses to more than ${MAX_TAR_BYTES / 1024 ** 3} GiB`;
    if (bytes > RATIO_FLOOR && bytes > MAX_RATIO * Math.max(raw.bytes, 1)) return `decompresses to more than ${MAX_RATIO} times its size (a decompression bomb)`;
    return null;
  };
  const counter = new Counter(inflated);
  const entries: LayerEntry[] = [];
  let fileBytes = 0;
  let kept = 0;
  const extract = tarExtract();
  extract.on('entry', (header, body, next) => {
    // A body cut short errors here and in the extract: the pipeline reports the extract's, once.
    body.on('error', () => {});
    if (entries.length >= MAX_ENTRIES) {
      extract.destroy(new Error(`more than ${MAX_ENTRIES} members`));
      return;
    }
    const path = normalizeTarPath(header.name);
    if (path.split('/').length > MAX_DEPTH) {
      extract.destroy(new Error(`a path deeper than ${MAX_DEPTH} levels`));
      return;
    }
    const size = header.size ?? 0;
    const done = (): void => next();
    switch (header.type) {
      case 'file':
      case 'contiguous-file': {
        fileBytes += size;
        if (want(path, size)) {
          if (size > MAX_BODY || kept + size > MAX_KEPT) {
            extract.destroy(new Error(`${path} is larger than ${MAX_BODY / 1024 / 1024} MiB: not read (no real package database is)`));
            return;
          }
          kept += size;
          const chunks: Buffer[] = [];
          body.on('data', (c) => chunks.push(c as Buffer));
          body.on('end', () => {
            entries.push({ type: 'file', path, size, body: Buffer.concat(chunks) });
            done();
          });
          return;
        }
        entries.push({ type: 'file', path, size, body: null });
        break;
      }
      case 'directory':
        entries.push({ type: 'dir', path });
        break;
      case 'symlink':
        entries.push({ type: 'symlink', path, target: header.linkname ?? '' });
        break;
      case 'link':
        entries.push({ type: 'hardlink', path, target: normalizeTarPath(header.linkname ?? '') });
        break;
      default:
        entries.push({ type: 'other', path });
    }
    body.on('end', done);
    body.resume();
  });
  const stages: NodeJS.ReadWriteStream[] = [];
  // zlib's streams work on the thread pool, one output chunk per trip: at its 16 KiB default a 200 MB
  // layer is 13,000 trips, and the main thread waited on them for half its run.
  if (compression === 'gzip') stages.push(createGunzip({ chunkSize: ZLIB_CHUNK }));
  if (compression === 'zstd') stages.push(...(nativeZstd ? [new ZstdFrameCheck(), nativeZstd({ chunkSize: ZLIB_CHUNK })] : [new ZstdDecompress(inflated)]));
  try {
    const chain = [rest, raw, ...stages, counter, extract as unknown as NodeJS.WritableStream];
    await pipeline(chain);
  } catch (err) {
    // Stop the source (an HTTP body or a file) instead of leaving it half read.
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    throw new ImageSourceError(`layer ${label}: ${describe(err, compression)}`);
  }
  return { entries, compression, tarBytes: counter.bytes, fileBytes };
}

function describe(err: unknown, compression: Compression): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/incorrect header check|unexpected end of file|invalid (block|distance|code)/i.test(msg)) return `invalid ${compression} data (${msg})`;
  return msg.split('\n')[0]!;
}
