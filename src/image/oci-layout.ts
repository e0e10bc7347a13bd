// `oci:DIR[:TAG]`: an OCI image layout directory.
import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Platform } from '../registry/types.js';
import { selectFromLayout, type FileStore } from './layout.js';
import { ImageSourceError, type ImageSource } from './types.js';

/** index.json, manifests and configs: the registry's own limits are 4 and 16 MiB. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

/**
 * A file of the layout, opened without blocking and checked on the descriptor: a blob that is a
 * FIFO or links to /dev/zero is one error, not a hang or an endless read. Null when absent.
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
      const f = await openRegular(dir, path);
      if (!f) return null;
      try {
        if (f.size > MAX_JSON_BYTES) throw new ImageSourceError(`${dir}: ${path} is larger than ${MAX_JSON_BYTES / 1024 / 1024} MiB`);
        const buf = Buffer.alloc(f.size);
        let n = 0;
        for (let got = 1; got > 0 && n < buf.length; n += got) got = (await f.fh.read(buf, n, buf.length - n, n)).bytesRead;
        return buf.subarray(0, n);
      } finally {
        await f.fh.close();
      }
    },
    open: async (path) => {
      const f = await openRegular(dir, path);
      if (!f) throw new ImageSourceError(`${dir}: ${path} is missing`);
      // (Only the bytes it had when opened: the digest check then fails on a file that grows.)
      return f.size === 0 ? (await f.fh.close(), Readable.from([])) : f.fh.createReadStream({ start: 0, end: f.size - 1 });
    },
  };
}

export async function openOciLayout(dir: string, tag: string | null, platform: Platform | null, name: string): Promise<ImageSource> {
  const s = await stat(dir).catch(() => null);
  if (!s?.isDirectory()) throw new ImageSourceError(`${name}: ${dir} is not a directory`);
  const sel = await selectFromLayout(directoryStore(dir), tag, platform, name);
  return { kind: 'oci', name, ...sel, close: async () => {} };
}
