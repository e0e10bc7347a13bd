import { nodeCrypto } from './lazy-crypto.js';
// fs.promises, read when a write happens: the lint path imports this module (for --fix), and
// loading node:fs/promises costs a one-file lint about 3 ms.
import { promises as fsp } from 'node:fs';
import { PlinthError } from '../types.js';
import { dirname, basename, join } from 'node:path';

/**
 * Writes a file so readers see the old bytes or the new bytes, never a mix: write a temporary file
 * beside it, fsync, then rename over. Concurrent writers each rename a whole file.
 */
export async function atomicWriteFile(path: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const dir = dirname(path);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx', mode ?? 0o644);
  if (mode !== undefined) await handle.chmod(mode).catch(() => {});
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(tmp, path);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

/** A rewrite that was not made, and why (one line). */
export class WriteRefused extends PlinthError {
  constructor(message: string) {
    super('fix', message);
  }
}

/**
 * Replaces a file the user owns, whose text was `expected` when it was read: through a symlink to
 * its target, keeping mode and owner, atomically (a temp file beside the target, renamed over), and
 * only if nobody changed it meanwhile (it is read again just before the rename). A file with other
 * hard links is refused: a rename would leave them with the old text. Temp files never stay behind.
 */
export async function replaceFile(path: string, expected: string, next: string): Promise<void> {
  const target = await fsp.realpath(path);
  const st = await fsp.stat(target);
  if (!st.isFile()) throw new WriteRefused(`${path}: not a regular file; not rewritten`);
  if (st.nlink > 1) throw new WriteRefused(`${path}: has ${st.nlink} hard links, which a rewrite would split; not rewritten (edit it by hand)`);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const handle = await fsp.open(tmp, 'wx', st.mode & 0o7777);
    try {
      await handle.writeFile(next);
      // open() applies the umask: set the mode again, and the owner when running as another user (root).
      await handle.chmod(st.mode & 0o7777);
      if (process.getuid?.() === 0 && (st.uid !== 0 || st.gid !== 0)) await handle.chown(st.uid, st.gid);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if ((await fsp.readFile(target, 'utf8')) !== expected) throw new WriteRefused(`${path}: changed while plinth was working; not rewritten (run it again)`);
    await fsp.rename(tmp, target);
    renamed = true;
  } finally {
    if (!renamed) await fsp.rm(tmp, { force: true });
  }
}
