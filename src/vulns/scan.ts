// The vulns session: read each image's packages (inspect --contents), find its distribution release,
// and match the packages against that release's OSV index. The index loads once per release.
import { openImageSource, readImageContents, type OpenOptions } from '../image/index.js';
import type { ImageContents } from '../image/types.js';
import { countFindings, matchPackages, releaseOf, type VulnCounts, type VulnFinding } from '../vulndb/match.js';
import { VulnDbError } from '../vulndb/osv.js';
import { age, loadRelease, openDb, type Db } from '../vulndb/store.js';
import type { ReleaseIndex } from '../vulndb/types.js';

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

export interface ScanResult {
  data: DataInfo;
  images: ImageVulns[];
}

export interface ScanOptions extends OpenOptions {
  dbDir: string;
  now?: Date;
  /** Contents already read (compare and recommend read them for sizes too). */
  contents?: Map<string, ImageContents>;
}

export async function requireDb(dir: string): Promise<Db> {
  const db = await openDb(dir);
  if (!db) throw new VulnDbError(`no vulnerability data in ${dir}; run 'plinth db update' (or 'plinth db update --source file:///mirror' where there is no network)`);
  return db;
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
      throw new VulnDbError(`${reference}: ${os} is not a release plinth has vulnerability data for (Debian, Ubuntu, Alpine, Wolfi, Chainguard, Rocky Linux, AlmaLinux)`);
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

/** Reads and matches each image in turn. */
export async function scanImages(references: string[], options: ScanOptions): Promise<ScanResult> {
  const db = await requireDb(options.dbDir);
  const images: { reference: string; digest: string | null; contents: ImageContents }[] = [];
  for (const reference of references) {
    const known = options.contents?.get(reference);
    if (known) {
      images.push({ reference, digest: null, contents: known });
      continue;
    }
    const source = await openImageSource(reference, options);
    try {
      images.push({ reference, digest: source.digest, contents: await readImageContents(source, options) });
    } finally {
      await source.close();
    }
  }
  return { data: dataInfo(db, options.now ?? new Date()), images: await matchContents(db, images) };
}
