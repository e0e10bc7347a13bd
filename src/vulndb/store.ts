// Where the index lives: `<cache>/vulndb/current` names one generation folder holding `meta.json` and
// one JSON file per release. An update writes a new generation and then replaces `current` in one
// rename, so a reader sees the old data or the new, never a mix, and a failed update changes nothing.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VulnDbError } from './osv.js';
import { SEVERITIES, type Severity } from './severity.js';
import { INDEX_MAGIC, type DbMeta, type IndexedVuln, type IndexHeader, type ReleaseIndex } from './types.js';

/** Largest index file plinth loads: Debian 12's is a few tens of MiB. */
const MAX_INDEX_BYTES = 512 * 1024 * 1024;
/** Data older than this draws a warning from every command that uses it. */
export const STALE_MS = 24 * 60 * 60 * 1000;

export { defaultDbDir } from './dir.js';

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One release's index, or null when the data holds none for it. Packages parse when looked up. */
export async function loadRelease(db: Db, release: string): Promise<ReleaseIndex | null> {
  const file = Object.hasOwn(db.meta.files, release) ? db.meta.files[release] : undefined;
  if (file === undefined) return null;
  if (typeof file !== 'string' || !INDEX_FILE.test(file)) throw damaged(db.dir, `bad file name for ${release}`);
  const path = join(db.dir, db.generation, file);
  const st = await stat(path).catch(() => null);
  if (!st?.isFile()) throw damaged(db.dir, `${file} is missing`);
  if (st.size > MAX_INDEX_BYTES) throw damaged(db.dir, `${file} is ${st.size} bytes, more than plinth loads`);
  const bytes = await readFile(path);
  const first = bytes.indexOf(10);
  const second = first < 0 ? -1 : bytes.indexOf(10, first + 1);
  if (second < 0 || bytes.toString('latin1', 0, first) !== INDEX_MAGIC) throw damaged(db.dir, `${file} is not a plinth index`);
  let header: IndexHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', first + 1, second)) as IndexHeader;
  } catch {
    throw damaged(db.dir, `${file} has a header that is not JSON`);
  }
  if (!isObject(header) || header.release !== release || !isObject(header.packages) || !['deb', 'apk', 'rpm'].includes(header.packageEcosystem)) throw damaged(db.dir, `${file} has another shape`);
  const body = second + 1;
  const parsed = new Map<string, IndexedVuln[]>();
  return {
    release,
    packageEcosystem: header.packageEcosystem,
    names: () => Object.keys(header.packages),
    lookup(name: string): IndexedVuln[] {
      const hit = parsed.get(name);
      if (hit) return hit;
      const at = Object.hasOwn(header.packages, name) ? header.packages[name] : undefined;
      if (at === undefined) return [];
      const [offset, length] = Array.isArray(at) ? at : [];
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset! < 0 || length! < 2 || body + offset! + length! > bytes.length) throw damaged(db.dir, `${file}: bad offsets for ${name}`);
      let list: IndexedVuln[];
      try {
        list = JSON.parse(bytes.toString('utf8', body + offset!, body + offset! + length!)) as IndexedVuln[];
      } catch {
        throw damaged(db.dir, `${file}: the entries of ${name} are not JSON`);
      }
      if (!Array.isArray(list) || !list.every(validEntry)) throw damaged(db.dir, `${file}: the entries of ${name} have another shape`);
      parsed.set(name, list);
      return list;
    },
  };
}

/** Enough of an entry's shape that matching cannot trip on it (the cache may come from anyone). */
function validEntry(v: unknown): v is IndexedVuln {
  if (!isObject(v) || typeof v.id !== 'string' || !Array.isArray(v.cves) || !Array.isArray(v.aliases) || typeof v.severity !== 'string' || !Array.isArray(v.ranges)) return false;
  if (!SEVERITIES.includes(v.severity as Severity)) return false;
  if (v.versions !== undefined && !(Array.isArray(v.versions) && v.versions.every((x) => typeof x === 'string'))) return false;
  return v.ranges.every((r) => Array.isArray(r) && r.every((e) => Array.isArray(e) && e.length === 2 && ['i', 'f', 'l', 'm'].includes(e[0]) && typeof e[1] === 'string'));
}

/** How old the data is, in words, and whether that is older than a day. */
export function age(meta: DbMeta, now: Date): { stale: boolean; text: string } {
  const taken = Date.parse(meta.updatedAt);
  const ms = Number.isFinite(taken) ? now.getTime() - taken : Infinity;
  const hours = ms / 3_600_000;
  const text = !Number.isFinite(ms) ? 'of unknown age' : hours < 1 ? 'less than an hour old' : hours < 48 ? `${Math.floor(hours)} hours old` : `${Math.floor(hours / 24)} days old`;
  return { stale: ms > STALE_MS, text };
}
