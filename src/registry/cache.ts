// On-disk cache: content by digest (kept forever, verified on every read) and tag -> digest (kept for
// a TTL). Writes are atomic renames, so concurrent plinth processes only ever see whole files.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { atomicWriteFile } from '../util/atomic.js';

export interface TagEntry {
  digest: string;
  mediaType: string;
  size: number;
  /** When it was resolved, ms since the epoch. */
  at: number;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'plinth');
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export class DiskCache {
  constructor(readonly dir: string, private readonly tagTtlMs: number) {}

  private contentPath(digest: string): string | null {
    const m = /^sha256:([a-f0-9]{64})$/.exec(digest);
    return m ? join(this.dir, 'content', 'sha256', m[1]!) : null;
  }

  private tagPath(key: string): string {
    return join(this.dir, 'tags', createHash('sha256').update(key).digest('hex') + '.json');
  }

  /** Content for a digest, or null; a file that no longer hashes to its name is removed. */
  async getContent(digest: string): Promise<Uint8Array | null> {
    const path = this.contentPath(digest);
    if (!path) return null;
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      return null;
    }
    if (sha256(bytes) !== digest) {
      await rm(path, { force: true });
      return null;
    }
    return bytes;
  }

  async putContent(digest: string, bytes: Uint8Array): Promise<void> {
    const path = this.contentPath(digest);
    if (!path || sha256(bytes) !== digest) return;
    await atomicWriteFile(path, bytes).catch(() => {});
  }

  async getTag(key: string, now = Date.now()): Promise<TagEntry | null> {
    try {
      const e = JSON.parse(await readFile(this.tagPath(key), 'utf8')) as TagEntry & { key?: string };
      if (e.key !== key || typeof e.digest !== 'string' || now - e.at > this.tagTtlMs || now < e.at) return null;
      return { digest: e.digest, mediaType: e.mediaType, size: e.size, at: e.at };
    } catch {
      return null;
    }
  }

  async putTag(key: string, entry: TagEntry): Promise<void> {
    await atomicWriteFile(this.tagPath(key), JSON.stringify({ key, ...entry })).catch(() => {});
  }
}
