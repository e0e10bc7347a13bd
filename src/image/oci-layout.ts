// `oci:DIR[:TAG]`: an OCI image layout directory.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Platform } from '../registry/types.js';
import { selectFromLayout, type FileStore } from './layout.js';
import { ImageSourceError, type ImageSource } from './types.js';

export function directoryStore(dir: string): FileStore {
  return {
    read: async (path) => {
      try {
        return await readFile(join(dir, path));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    open: async (path) => {
      await stat(join(dir, path)).catch(() => {
        throw new ImageSourceError(`${dir}: ${path} is missing`);
      });
      return createReadStream(join(dir, path));
    },
  };
}

export async function openOciLayout(dir: string, tag: string | null, platform: Platform | null, name: string): Promise<ImageSource> {
  const s = await stat(dir).catch(() => null);
  if (!s?.isDirectory()) throw new ImageSourceError(`${name}: ${dir} is not a directory`);
  const sel = await selectFromLayout(directoryStore(dir), tag, platform, name);
  return { kind: 'oci', name, ...sel, close: async () => {} };
}
