// `oci:DIR[:TAG]`: an OCI image layout directory.
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Platform } from '../registry/types.js';
import { selectFromLayout, type FileStore } from './layout.js';
import { NotReadable, readRegularBytes } from '../util/read-regular.js';
import { BLOB_READ, ImageSourceError, type ImageSource } from './types.js';

/** index.json, manifests and configs: the registry's own limits are 4 and 16 MiB. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

/**
 * A blob to stream, opened without blocking and checked on the descriptor: a blob that is a FIFO
 * or links to /dev/zero is one error, not a hang or an endless read. Null when absent. (Small
 * files are read whole through util/read-regular.ts.)
 */
async function openRegular(dir: string, path: string): Promise<{ fh: FileHandle; size: number } | null> {
  let fh: FileHandle;
  try {
    fh = await open(join(dir, path), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ImageSourceError(`${dir}: ${path}: ${(err as Error).message}`);
  }
  const st = await fh.stat();
  if (!st.isFile()) {
    await fh.close();
    throw new ImageSourceError(`${dir}: ${path} is not a regular file`);
  }
  return { fh, size: st.size };
}

export function directoryStore(dir: string): FileStore {
  return {
    read: async (path) => {
      try {
        return readRegularBytes(join(dir, path), MAX_JSON_BYTES);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        // (`… is not a regular file`, `… is a directory`, `…: EACCES …`.)
        const why = !(err instanceof NotReadable) ? `: ${(err as Error).message}` : err.code === 'EISDIR' ? ` ${err.message}` : ` is ${err.message}`;
        throw new ImageSourceError(`${dir}: ${path}${why}`);
      }
    },
    open: async (path) => {
      const f = await openRegular(dir, path);
      if (!f) throw new ImageSourceError(`${dir}: ${path} is missing`);
      // (Only the bytes it had when opened: the digest check then fails on a file that grows.)
      return f.size === 0 ? (await f.fh.close(), Readable.from([])) : f.fh.createReadStream({ start: 0, end: f.size - 1, highWaterMark: BLOB_READ });
    },
  };
}

export async function openOciLayout(dir: string, tag: string | null, platform: Platform | null, name: string): Promise<ImageSource> {
  const s = await stat(dir).catch(() => null);
  if (!s?.isDirectory()) throw new ImageSourceError(`${name}: ${dir} is not a directory`);
  const sel = await selectFromLayout(directoryStore(dir), tag, platform, name);
  return { kind: 'oci', name, ...sel, close: async () => {} };
}
