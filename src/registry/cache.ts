// On-disk cache: content by digest (kept forever, verified on every read) and tag -> digest (kept for
// a TTL). Writes are atomic renames, so concurrent plinth processes only ever see whole files. The
// cache is private (folders 0700, files 0600) and split by credential identity: what was fetched
// with credentials is never served to a run without them. It stores no credentials.
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
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

const PRIVATE_FILE = 0o600;

export class DiskCache {
  readonly dir: string;
  #ready: Promise<void> | null = null;

  /** `identity`: `anonymous`, or a hash of the registry host and the credentials its answers came with. */
  constructor(readonly root: string, identity: string, private readonly tagTtlMs: number) {
    this.dir = join(root, identity);
  }

  /** The cache's folders exist and are private, whatever an older plinth or a umask left. */
  private ready(): Promise<void> {
    this.#ready ??= (async () => {
      for (const d of [this.root, this.dir, join(this.dir, 'content', 'sha256'), join(this.dir, 'tags')]) {
        await mkdir(d, { recursive: true, mode: 0o700 });
        await chmod(d, 0o700);
      }
    })().catch(() => {});
    return this.#ready;
  }

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
    await this.ready();
    await atomicWriteFile(path, bytes, PRIVATE_FILE).catch(() => {});
  }

  async getTag(key: string, now = Date.now()): Promise<TagEntry | null> {
    try {
      const e = JSON.parse(await readFile(this.tagPath(key), 'utf8')) as TagEntry & { key?: string };
      // An entry is data from disk like any other: a digest of the wrong shape, or a key that is not
      // this one, is not trusted (what it names is verified again when its content is read).
      if (e.key !== key || typeof e.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(e.digest) || typeof e.at !== 'number' || now - e.at > this.tagTtlMs || now < e.at) return null;
      return { digest: e.digest, mediaType: e.mediaType, size: e.size, at: e.at };
    } catch {
      return null;
    }
  }

  async putTag(key: string, entry: TagEntry): Promise<void> {
    await this.ready();
    await atomicWriteFile(this.tagPath(key), JSON.stringify({ key, ...entry }), PRIVATE_FILE).catch(() => {});
  }
}
