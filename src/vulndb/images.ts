// Matching images already read against the index: the release from os-release, one index load
// per release, and the one-line failures for an image no data covers.
import type { ImageContents } from '../image/types.js';
import { countFindings, matchPackages, releaseOf, type VulnCounts, type VulnFinding } from './match.js';
import { VulnDbError } from './osv.js';
import { age, loadRelease, openDb, type Db } from './store.js';
import type { ReleaseIndex } from './types.js';

export interface ImageVulns {
  reference: string;
  /** Manifest digest when the source has one. */
  digest: string | null;
  os: { id: string | null; versionId: string | null } | null;
  /** The OSV release matched against (`Debian:12`), null when nothing could be matched. */
  release: string | null;
  packages: { ecosystem: string | null; count: number };
  counts: VulnCounts;
  findings: VulnFinding[];
  /** Why nothing or not everything was matched, one line each. */
  warnings: string[];
}

export interface DataInfo {
  dir: string;
  updatedAt: string;
  age: string;
  stale: boolean;
}

export async function requireDb(dir: string): Promise<Db> {
  const db = await openDb(dir);
  if (!db) throw new VulnDbError(`no vulnerability data in ${dir}; run 'plinth db update' (or 'plinth db update --source file:///mirror' where there is no network)`);
  return db;
}

/** The warning every command that uses the data gives when it is older than a day, or null. */
export function staleWarning(info: DataInfo): string | null {
  return info.stale ? `the vulnerability data is ${info.age} (taken ${info.updatedAt}); run 'plinth db update' to refresh it` : null;
}

export function dataInfo(db: Db, now: Date): DataInfo {
  const a = age(db.meta, now);
  return { dir: db.dir, updatedAt: db.meta.updatedAt, age: a.text, stale: a.stale };
}

/** Matches images already read: one index load per release. */
export async function matchContents(db: Db, images: { reference: string; digest: string | null; contents: ImageContents }[]): Promise<ImageVulns[]> {
  const indexes = new Map<string, ReleaseIndex | null>();
  const out: ImageVulns[] = [];
  for (const { reference, digest, contents } of images) {
    const release = releaseOf(contents.os);
    const eco = contents.packages.ecosystem;
    const base: ImageVulns = {
      reference,
      digest,
      os: contents.os ? { id: contents.os.id, versionId: contents.os.versionId } : null,
      release: null,
      packages: { ecosystem: eco, count: contents.packages.count },
      counts: countFindings([]),
      findings: [],
      warnings: [...contents.warnings],
    };
    if (!eco || contents.packages.count === 0) {
      base.warnings.push('no package database (dpkg, apk or rpm): nothing to match; static binaries and copied files are not scanned');
      out.push(base);
      continue;
    }
    if (!release) {
      const os = contents.os ? `${contents.os.id ?? '?'} ${contents.os.versionId ?? '(no VERSION_ID)'}` : 'no os-release';
      throw new VulnDbError(`${reference}: ${os} is not a release plinth has vulnerability data for (Debian, Ubuntu, Alpine, Wolfi, Chainguard, Rocky Linux, AlmaLinux, Red Hat)`);
    }
    if (!indexes.has(release)) indexes.set(release, await loadRelease(db, release));
    const index = indexes.get(release)!;
    if (!index) {
      const dump = release.split(':')[0]!.toLowerCase().replace(/\s+/g, '-');
      throw new VulnDbError(`${reference}: no vulnerability data for ${release}; run 'plinth db update ${dump}'`);
    }
    const findings = matchPackages(index, eco, contents.packages.items);
    out.push({ ...base, release, counts: countFindings(findings), findings });
  }
  return out;
}

