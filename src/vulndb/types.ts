// The compact index plinth keeps of OSV data: one file per distribution release, by source package.
import type { PackageEcosystem } from '../image/types.js';
import type { Severity, SeveritySource } from './severity.js';

/** One OSV range event, sorted by version at index time: introduced, fixed, last_affected, limit. */
export type RangeEvent = ['i' | 'f' | 'l' | 'm', string];

/** One OSV record as it applies to one package of one release. */
export interface IndexedVuln {
  id: string;
  /** CVE ids the record covers (its own id, `aliases`, `upstream`): what counts one vulnerability once. */
  cves: string[];
  /** Other ids it is known by (DSA, DLA, GHSA, ...). */
  aliases: string[];
  severity: Severity;
  severitySource: SeveritySource;
  score?: number;
  /** `ECOSYSTEM` ranges, each sorted in the package manager's version order. */
  ranges: RangeEvent[][];
  /** Versions the record lists one by one. */
  versions?: string[];
  summary?: string;
}

/**
 * One release's index file: a first line naming the format, a JSON header line (`IndexHeader`), then
 * each package's entries as one JSON array, at the byte offsets the header gives. A scan parses only
 * the packages an image has: a tenth of a Debian index for a 400-package image.
 */
export const INDEX_MAGIC = 'plinth-vulndb-index 1';

export interface IndexHeader {
  release: string;
  packageEcosystem: PackageEcosystem;
  /** package -> [offset, length] in bytes, from the start of the body. */
  packages: Record<string, [number, number]>;
}

export interface ReleaseIndex {
  /** The OSV ecosystem without a trailing `:LTS` (`Debian:12`, `Alpine:v3.20`, `Ubuntu:22.04`). */
  release: string;
  packageEcosystem: PackageEcosystem;
  names(): string[];
  /** The entries of one package; none when the index has no record for it. */
  lookup(name: string): IndexedVuln[];
}

/** One dump as `db update` took it. */
export interface SourceMeta {
  /** OSV ecosystem of the dump (`Debian`, `Alpine`, ...). */
  ecosystem: string;
  url: string;
  fetchedAt: string;
  /** The server's Last-Modified, when it said. */
  lastModified: string | null;
  sha256: string;
  bytes: number;
  records: number;
  /** Withdrawn records, skipped (a record that is not valid OSV fails the update instead). */
  withdrawn: number;
  releases: string[];
}

export interface DbMeta {
  schema: 1;
  updatedAt: string;
  sources: Record<string, SourceMeta>;
  /** release -> index file name inside the generation folder. */
  files: Record<string, string>;
}
