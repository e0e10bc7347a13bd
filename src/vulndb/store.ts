// Where the index lives: `<cache>/vulndb/current` names one generation folder holding `meta.json` and
// one JSON file per release. An update writes a new generation and then replaces `current` in one
// rename, so a reader sees the old data or the new, never a mix, and a failed update changes nothing.
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { VulnDbError } from './osv.js';
import type { DbMeta, ReleaseIndex } from './types.js';

/** Largest index file plinth loads: Debian 12's is a few tens of MiB. */
const MAX_INDEX_BYTES = 512 * 1024 * 1024;
/** Data older than this draws a warning from every command that uses it. */
export const STALE_MS = 24 * 60 * 60 * 1000;

export function defaultDbDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'plinth', 'vulndb');
}

const GENERATION = /^gen-[0-9A-Za-z-]{1,80}$/;
const INDEX_FILE = /^[0-9A-Za-z._%-]{1,200}\.json$/;

export function indexFileName(release: string): string {
  return `${encodeURIComponent(release).replace(/[!'()*~]/g, '_')}.json`;
}

async function readBounded(path: string, what: string): Promise<string> {
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) throw new VulnDbError(`${what} is missing`);
  if (st.size > MAX_INDEX_BYTES) throw new VulnDbError(`${what} is ${st.size} bytes, more than plinth loads`);
  return readFile(path, 'utf8');
}

export interface Db {
  dir: string;
  generation: string;
  meta: DbMeta;
}

const damaged = (dir: string, why: string): VulnDbError => new VulnDbError(`the vulnerability data in ${dir} is damaged (${why}); run 'plinth db update'`);

/** The current generation, or null when `db update` never ran here. */
export async function openDb(dir: string): Promise<Db | null> {
  let generation: string;
  try {
    generation = (await readFile(join(dir, 'current'), 'utf8')).trim();
  } catch {
    return null;
  }
  if (!GENERATION.test(generation)) throw damaged(dir, '"current" does not name a generation');
  let meta: DbMeta;
  try {
    meta = JSON.parse(await readBounded(join(dir, generation, 'meta.json'), 'meta.json')) as DbMeta;
  } catch (err) {
    throw damaged(dir, err instanceof VulnDbError ? err.message : 'meta.json is not JSON');
  }
  if (meta?.schema !== 1 || typeof meta.updatedAt !== 'string' || typeof meta.files !== 'object' || meta.files === null || typeof meta.sources !== 'object' || meta.sources === null) {
    throw damaged(dir, 'meta.json has another shape');
  }
  return { dir, generation, meta };
}

/** One release's index, or null when the data holds none for it. */
export async function loadRelease(db: Db, release: string): Promise<ReleaseIndex | null> {
  const file = Object.hasOwn(db.meta.files, release) ? db.meta.files[release] : undefined;
  if (file === undefined) return null;
  if (typeof file !== 'string' || !INDEX_FILE.test(file)) throw damaged(db.dir, `bad file name for ${release}`);
  let index: ReleaseIndex;
  try {
    index = JSON.parse(await readBounded(join(db.dir, db.generation, file), file)) as ReleaseIndex;
  } catch (err) {
    throw damaged(db.dir, err instanceof VulnDbError ? err.message : `${file} is not JSON`);
  }
  if (index?.schema !== 1 || index.release !== release || typeof index.packages !== 'object' || index.packages === null) throw damaged(db.dir, `${file} has another shape`);
  return index;
}

/** How old the data is, in words, and whether that is older than a day. */
export function age(meta: DbMeta, now: Date): { stale: boolean; text: string } {
  const taken = Date.parse(meta.updatedAt);
  const ms = Number.isFinite(taken) ? now.getTime() - taken : Infinity;
  const hours = ms / 3_600_000;
  const text = !Number.isFinite(ms) ? 'of unknown age' : hours < 1 ? 'less than an hour old' : hours < 48 ? `${Math.floor(hours)} hours old` : `${Math.floor(hours / 24)} days old`;
  return { stale: ms > STALE_MS, text };
}
