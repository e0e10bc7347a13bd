// The JSON records of an OSV dump (`all.zip`), one entry at a time: yauzl reads the central directory
// (zip64 included); each entry's compressed bytes are inflated in memory, bounded and CRC-checked.
// Reads go through a synchronous read-ahead window: tens of thousands of small asynchronous reads
// cost more main-thread time than the inflating itself (measured: 8 s of 15 on a Debian-sized dump).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { VulnDbError } from './osv.js';

/** Largest record plinth inflates: real OSV records are a few KiB, the largest well under 1 MiB. */
export const MAX_ENTRY_BYTES = 8 * 1024 * 1024;
/** Most entries one dump may hold (Debian's has about 65,000). */
export const MAX_ENTRIES = 2_000_000;
const WINDOW = 1024 * 1024;

const crc32: ((data: Uint8Array) => number) | undefined = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** A file read through a window of WINDOW bytes, moved forward as the file is read in order. */
class Window {
  readonly #fd: number;
  readonly #window = Buffer.alloc(WINDOW);
  #start = 0;
  #length = 0;
  constructor(fd: number) {
    this.#fd = fd;
  }
  /** Copies `length` bytes at `position` into `buffer`; false when the file ends first. */
  readNow(buffer: Buffer, offset: number, length: number, position: number): boolean {
    if (length > WINDOW) return readSync(this.#fd, buffer, offset, length, position) === length;
    if (position < this.#start || position + length > this.#start + this.#length) {
      this.#start = position;
      this.#length = readSync(this.#fd, this.#window, 0, WINDOW, position);
      if (length > this.#length) return false;
    }
    this.#window.copy(buffer, offset, position - this.#start, position - this.#start + length);
    return true;
  }
}

/** yauzl's reads (the central directory, at the end of the file) through their own window. */
class WindowReader extends yauzl.RandomAccessReader {
  readonly #window: Window;
  constructor(fd: number) {
    super();
    this.#window = new Window(fd);
  }
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    let err: Error | null = null;
    try {
      if (!this.#window.readNow(buffer, offset, length, position)) err = new Error('unexpected end of file');
    } catch (e) {
      err = e as Error;
    }
    process.nextTick(callback, err);
  }
  override _readStreamForRange(): never {
    throw new Error('not used: entries are read with read()');
  }
  override close(callback: (err: Error | null) => void): void {
    process.nextTick(callback, null);
  }
}

/** Each `.json` entry's name and bytes, in the zip's order. Throws a VulnDbError on anything malformed. */
export async function* zipJsonEntries(path: string, label: string): AsyncGenerator<{ name: string; bytes: Buffer }> {
  let fd: number | null = null;
  let zip: yauzl.ZipFile | null = null;
  const fail = (what: string): never => {
    throw new VulnDbError(`${label}: ${what}`);
  };
  try {
    fd = openSync(path, 'r');
    // Two windows: the central directory sits at the end of the file, the entries it names at the start.
    const reader = new Window(fd);
    zip = await yauzl.fromRandomAccessReaderPromise(new WindowReader(fd), fstatSync(fd).size, { lazyEntries: true, autoClose: false, strictFileNames: false, decodeStrings: true, validateEntrySizes: true }).catch((err: Error) => fail(`not a readable zip (${err.message})`));
    if (zip.entryCount > MAX_ENTRIES) fail(`${zip.entryCount} entries, more than the ${MAX_ENTRIES} plinth reads`);
    const header = Buffer.alloc(30);
    let buffer = Buffer.alloc(64 * 1024);
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/') || !entry.fileName.endsWith('.json')) continue;
      const name = entry.fileName;
      if (entry.uncompressedSize > MAX_ENTRY_BYTES || entry.compressedSize > MAX_ENTRY_BYTES) fail(`entry ${name} is ${entry.uncompressedSize} bytes, more than a record may be`);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) fail(`entry ${name} uses compression method ${entry.compressionMethod}`);
      // The local header only says where the data starts (its other fields repeat the central directory's).
      if (!reader.readNow(header, 0, 30, entry.relativeOffsetOfLocalHeader) || header.readUInt32LE(0) !== 0x04034b50) fail(`entry ${name} has no local header (truncated or corrupt zip)`);
      const start = entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      if (buffer.length < entry.compressedSize) buffer = Buffer.alloc(entry.compressedSize);
      if (!reader.readNow(buffer, 0, entry.compressedSize, start)) fail(`entry ${name} is cut short (truncated zip)`);
      let bytes: Buffer;
      try {
        const raw = buffer.subarray(0, entry.compressedSize);
        bytes = entry.compressionMethod === 8 ? zlib.inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES }) : Buffer.from(raw);
      } catch (err) {
        return fail(`entry ${name} does not inflate (${(err as Error).message})`);
      }
      if (bytes.length !== entry.uncompressedSize) fail(`entry ${name} inflates to ${bytes.length} bytes, not ${entry.uncompressedSize}`);
      if (crc32 && crc32(bytes) >>> 0 !== entry.crc32 >>> 0) fail(`entry ${name} fails its CRC-32 check`);
      yield { name, bytes };
    }
  } catch (err) {
    if (err instanceof VulnDbError) throw err;
    throw new VulnDbError(`${label}: not a readable zip (${(err as Error).message})`);
  } finally {
    zip?.close();
    if (fd !== null) closeSync(fd);
  }
}
