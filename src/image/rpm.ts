// rpm's SQLite database (`rpmdb.sqlite`): one header blob per package in the `Packages` table.
import type { SqlJsStatic } from 'sql.js';
import { importExternal } from '../util/import-external.js';
import { ImageSourceError } from './types.js';
import { MAX_PACKAGES, tooMany } from './packages.js';
import type { PackageItem } from './types.js';

export const RPMTAG = { name: 1000, version: 1001, release: 1002, epoch: 1003, arch: 1022, sourcerpm: 1044 } as const;
const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;

/** Reads the tags plinth needs from an rpm header blob (index count, data length, index entries, data). */
export function parseRpmHeader(blob: Uint8Array): Map<number, string | number> {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.byteLength < 8) throw new Error('rpm header blob too short');
  const il = view.getUint32(0);
  const dl = view.getUint32(4);
  const dataStart = 8 + il * 16;
  if (il > 100000 || dataStart + dl > blob.byteLength) throw new Error('rpm header blob is malformed');
  const wanted = new Set<number>(Object.values(RPMTAG));
  const out = new Map<number, string | number>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const tag = view.getUint32(at);
    if (!wanted.has(tag)) continue;
    const type = view.getUint32(at + 4);
    const offset = view.getUint32(at + 8);
    if (offset >= dl) continue;
    const pos = dataStart + offset;
    if (type === TYPE_INT32) out.set(tag, view.getInt32(pos));
    else if (type === TYPE_STRING || type === TYPE_STRING_ARRAY || type === TYPE_I18NSTRING) {
      let end = pos;
      while (end < dataStart + dl && blob[end] !== 0) end++;
      out.set(tag, Buffer.from(blob.subarray(pos, end)).toString('utf8'));
    }
  }
  return out;
}

/** `foo-1.2-3.el9.src.rpm` -> `foo`. */
export function sourceName(sourcerpm: string): string {
  const base = sourcerpm.replace(/\.(no)?src\.rpm$/, '');
  const parts = base.split('-');
  return parts.length >= 3 ? parts.slice(0, -2).join('-') : base;
}

// sql.js (SQLite in WebAssembly) loads with the first rpm database: no other image needs it.
let sqlPromise: Promise<SqlJsStatic> | null = null;

/** Packages from an rpmdb.sqlite file's bytes; the `gpg-pubkey` pseudo-packages are left out. */
export async function readRpmSqlite(bytes: Uint8Array): Promise<PackageItem[]> {
  // An optional peer dependency (31 MB): installed by whoever reads rpm-based images.
  sqlPromise ??= (importExternal('sql.js') as Promise<typeof import('sql.js')>).then(
    (m) => m.default(),
    () => {
      sqlPromise = null;
      throw new ImageSourceError('reading an rpm database (rpmdb.sqlite) needs the optional package sql.js: npm install sql.js');
    },
  );
  const SQL = await sqlPromise;
  const copy = new Uint8Array(bytes);
  // A database in WAL mode (header bytes 18-19 = 2) opens read-only from memory once marked as rollback-journal.
  if (copy.length > 19 && copy[18] === 2 && copy[19] === 2) copy[18] = copy[19] = 1;
  const db = new SQL.Database(copy);
  try {
    const items: PackageItem[] = [];
    const count = Number(db.exec('SELECT count(*) FROM Packages')[0]?.values[0]?.[0] ?? 0);
    if (count > MAX_PACKAGES) throw tooMany();
    const res = db.exec('SELECT blob FROM Packages');
    for (const row of res[0]?.values ?? []) {
      const blob = row[0];
      if (!(blob instanceof Uint8Array)) continue;
      const h = parseRpmHeader(blob);
      const name = h.get(RPMTAG.name);
      if (typeof name !== 'string' || name === 'gpg-pubkey') continue;
      const epoch = h.get(RPMTAG.epoch);
      const version = `${typeof epoch === 'number' ? `${epoch}:` : ''}${h.get(RPMTAG.version) ?? ''}-${h.get(RPMTAG.release) ?? ''}`;
      const src = h.get(RPMTAG.sourcerpm);
      const arch = h.get(RPMTAG.arch);
      items.push({ name, version, source: typeof src === 'string' ? sourceName(src) : name, architecture: typeof arch === 'string' ? arch : null });
    }
    return items;
  } finally {
    db.close();
  }
}
