// The JSON records of an OSV dump (`all.zip`), one entry at a time: yauzl reads the central directory
// (zip64 included) and each entry's compressed bytes are inflated in memory, bounded, CRC-checked.
import { open, type FileHandle } from 'node:fs/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { VulnDbError } from './osv.js';

/** Largest record plinth inflates: real OSV records are a few KiB, the largest well under 1 MiB. */
export const MAX_ENTRY_BYTES = 8 * 1024 * 1024;
/** Most entries one dump may hold (Debian's has about 65,000). */
export const MAX_ENTRIES = 2_000_000;

const crc32: ((data: Uint8Array) => number) | undefined = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** Each `.json` entry's name and bytes, in the zip's order. Throws a VulnDbError on anything malformed. */
export async function* zipJsonEntries(path: string, label: string): AsyncGenerator<{ name: string; bytes: Buffer }> {
  let handle: FileHandle | null = null;
  let zip: yauzl.ZipFile | null = null;
  try {
    handle = await open(path, 'r');
    // yauzl keeps its own descriptor (closed by zip.close()); entry bytes are read through `handle`.
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false, decodeStrings: true, validateEntrySizes: true }).catch((err: Error) => {
      throw new VulnDbError(`${label}: not a readable zip (${err.message})`);
    });
    if (zip.entryCount > MAX_ENTRIES) throw new VulnDbError(`${label}: ${zip.entryCount} entries, more than the ${MAX_ENTRIES} plinth reads`);
    let buffer = Buffer.alloc(64 * 1024);
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/') || !entry.fileName.endsWith('.json')) continue;
      if (entry.uncompressedSize > MAX_ENTRY_BYTES || entry.compressedSize > MAX_ENTRY_BYTES) {
        throw new VulnDbError(`${label}: entry ${entry.fileName} is ${entry.uncompressedSize} bytes, more than a record may be`);
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new VulnDbError(`${label}: entry ${entry.fileName} uses compression method ${entry.compressionMethod}`);
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true }).catch((err: Error) => {
        throw new VulnDbError(`${label}: entry ${entry.fileName}: ${err.message}`);
      });
      if (buffer.length < entry.compressedSize) buffer = Buffer.alloc(entry.compressedSize);
      const { bytesRead } = await handle.read(buffer, 0, entry.compressedSize, fileDataStart);
      if (bytesRead !== entry.compressedSize) throw new VulnDbError(`${label}: entry ${entry.fileName} is cut short (truncated zip)`);
      let bytes: Buffer;
      try {
        const raw = buffer.subarray(0, entry.compressedSize);
        bytes = entry.compressionMethod === 8 ? zlib.inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES }) : Buffer.from(raw);
      } catch (err) {
        throw new VulnDbError(`${label}: entry ${entry.fileName} does not inflate (${(err as Error).message})`);
      }
      if (bytes.length !== entry.uncompressedSize) throw new VulnDbError(`${label}: entry ${entry.fileName} inflates to ${bytes.length} bytes, not ${entry.uncompressedSize}`);
      if (crc32 && crc32(bytes) >>> 0 !== entry.crc32 >>> 0) throw new VulnDbError(`${label}: entry ${entry.fileName} fails its CRC-32 check`);
      yield { name: entry.fileName, bytes };
    }
  } catch (err) {
    if (err instanceof VulnDbError) throw err;
    throw new VulnDbError(`${label}: not a readable zip (${(err as Error).message})`);
  } finally {
    zip?.close();
    await handle?.close();
  }
}
