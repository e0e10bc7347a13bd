// OSV records (https://ossf.github.io/osv-schema/) turned into index entries, and the schema's
// evaluation of a version against a range: events in version order, `introduced` opens, `fixed` (at or
// above) and `last_affected` (above) close, `limit` bounds the whole range; `introduced: "0"` is the start.
import type { PackageEcosystem } from '../image/types.js';
import { PlinthError } from '../types.js';
import { rate, type Cvss4Scorer, type OsvSeverity } from './severity.js';
import type { IndexedVuln, RangeEvent } from './types.js';
import { COMPARE, type VersionCompare } from './versions/index.js';

export class VulnDbError extends PlinthError {
  constructor(message: string) {
    super('vulndb', message);
  }
}

/** The OSV dumps plinth reads, and the package manager whose order their versions follow. */
export const DUMPS: Record<string, PackageEcosystem> = {
  Debian: 'deb',
  Ubuntu: 'deb',
  Alpine: 'apk',
  Wolfi: 'apk',
  Chainguard: 'apk',
  'Rocky Linux': 'rpm',
  AlmaLinux: 'rpm',
  'Red Hat': 'rpm',
};

/**
 * The release an ecosystem string names, as images are keyed: `Ubuntu:22.04:LTS` is `Ubuntu:22.04`;
 * Red Hat keys each repository (`Red Hat:enterprise_linux:9::appstream`, `...:9::baseos`,
 * `...:10.0`) and an image names only its major release, so all are `Red Hat:9`. Null for what
 * no image here runs: Red Hat's other products and update streams (rhel_eus, rhel_e4s, ...).
 */
export function releaseKey(ecosystem: string): string | null {
  if (ecosystem.startsWith('Red Hat:')) {
    const m = /^Red Hat:enterprise_linux:(\d+)(?:\.\d+)?(?:::[a-z0-9_]+)?$/.exec(ecosystem);
    return m ? `Red Hat:${m[1]}` : null;
  }
  return ecosystem.replace(/:LTS$/, '');
}

/** The dump an ecosystem string belongs to (`Debian:12` -> `Debian`), null for one plinth does not read. */
export function dumpOf(ecosystem: string): string | null {
  const name = ecosystem.split(':')[0]!;
  return Object.hasOwn(DUMPS, name) ? name : null;
}

const KINDS: Record<string, RangeEvent[0]> = { introduced: 'i', fixed: 'f', last_affected: 'l', limit: 'm' };
const KIND_ORDER = { i: 0, l: 1, f: 2, m: 3 };
const MAX_TEXT = 256;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length <= MAX_TEXT) : []);

function fail(id: string, why: string): never {
  throw new VulnDbError(`${id}: not valid OSV (${why})`);
}

/** Sorts one range's events in the package manager's order; `introduced: "0"` comes first. */
export function sortEvents(events: RangeEvent[], compare: VersionCompare): RangeEvent[] {
  return events.sort(([ka, va], [kb, vb]) => {
    const za = ka === 'i' && va === '0';
    const zb = kb === 'i' && vb === '0';
    if (za || zb) return za && zb ? 0 : za ? -1 : 1;
    return compare(va, vb) || KIND_ORDER[ka] - KIND_ORDER[kb];
  });
}

export interface RecordEntry {
  release: string;
  packageName: string;
  vuln: IndexedVuln;
}

/**
 * The index entries of one record: one per affected package of a release plinth reads. Throws a
 * VulnDbError naming the record when it is not valid OSV; returns `withdrawn` for a withdrawn one.
 */
export function recordEntries(record: unknown, dump: string, cvss4?: Cvss4Scorer): RecordEntry[] | 'withdrawn' {
  if (!isObject(record)) fail('record', 'not a JSON object');
  const id = record.id;
  if (typeof id !== 'string' || id === '' || id.length > MAX_TEXT || !/^[\x21-\x7e]+$/.test(id)) fail('record', 'no usable "id"');
  if (record.withdrawn !== undefined) return 'withdrawn';
  if (record.affected !== undefined && !Array.isArray(record.affected)) fail(id, '"affected" is not an array');
  if (record.severity !== undefined && !Array.isArray(record.severity)) fail(id, '"severity" is not an array');
  const all = [id, ...strings(record.aliases), ...strings(record.upstream)];
  const cves = [...new Set(all.filter((x) => /^CVE-\d{4}-\d+$/.test(x)))];
  const aliases = [...new Set(all.filter((x) => x !== id && !cves.includes(x)))];
  const summary = typeof record.summary === 'string' ? record.summary.slice(0, 200) : undefined;
  const out: RecordEntry[] = [];
  for (const a of (record.affected ?? []) as unknown[]) {
    if (!isObject(a) || !isObject(a.package)) fail(id, 'an "affected" entry has no "package"');
    const { ecosystem, name } = a.package;
    if (typeof ecosystem !== 'string' || typeof name !== 'string' || name === '' || name.length > MAX_TEXT) fail(id, 'a package without "ecosystem" and "name"');
    if (dumpOf(ecosystem) !== dump) continue;
    const release = releaseKey(ecosystem);
    if (release === null) continue;
    const family = DUMPS[dump]!;
    if (a.ranges !== undefined && !Array.isArray(a.ranges)) fail(id, '"ranges" is not an array');
    if (a.versions !== undefined && !Array.isArray(a.versions)) fail(id, '"versions" is not an array');
    const ranges: RangeEvent[][] = [];
    for (const r of (a.ranges ?? []) as unknown[]) {
      if (!isObject(r) || typeof r.type !== 'string' || !Array.isArray(r.events)) fail(id, 'a range without "type" and "events"');
      if (r.type !== 'ECOSYSTEM') continue;
      const events: RangeEvent[] = [];
      for (const e of r.events as unknown[]) {
        const keys = isObject(e) ? Object.keys(e) : [];
        const kind = keys.length === 1 ? KINDS[keys[0]!] : undefined;
        const value = kind ? (e as Json)[keys[0]!] : undefined;
        if (!kind || typeof value !== 'string' || value === '' || value.length > MAX_TEXT) fail(id, 'an event is not one of introduced, fixed, last_affected, limit');
        events.push([kind, value]);
      }
      if (events.length > 0) ranges.push(sortEvents(events, COMPARE[family]));
    }
    const versions = strings(a.versions);
    if (ranges.length === 0 && versions.length === 0) continue;
    const eco = isObject(a.ecosystem_specific) ? a.ecosystem_specific : {};
    const db = isObject(a.database_specific) ? a.database_specific : {};
    const rdb = isObject(record.database_specific) ? record.database_specific : {};
    const severities = [...((a.severity as OsvSeverity[] | undefined) ?? []), ...((record.severity as OsvSeverity[] | undefined) ?? [])].filter(isObject);
    const rated = rate(severities, [eco.urgency, eco.severity, db.severity, rdb.severity], cvss4);
    const vuln: IndexedVuln = { id, cves, aliases, severity: rated.severity, severitySource: rated.source, ranges };
    if (rated.score !== undefined) vuln.score = rated.score;
    if (versions.length > 0) vuln.versions = versions;
    if (summary) vuln.summary = summary;
    out.push({ release, packageName: name, vuln });
  }
  return out;
}

/** Whether `version` lies in one sorted range. */
export function inRange(version: string, events: RangeEvent[], compare: VersionCompare): boolean {
  let limited = false;
  let below = false;
  for (const [k, v] of events) {
    if (k !== 'm') continue;
    limited = true;
    if (compare(version, v) < 0) below = true;
  }
  if (limited && !below) return false;
  let vulnerable = false;
  for (const [k, v] of events) {
    if (k === 'i') {
      if (v === '0' || compare(version, v) >= 0) vulnerable = true;
      else break;
    } else if (k === 'f') {
      if (compare(version, v) >= 0) vulnerable = false;
      else break;
    } else if (k === 'l') {
      if (compare(version, v) > 0) vulnerable = false;
      else if (compare(version, v) < 0) break;
    }
  }
  return vulnerable;
}

export interface Affects {
  /** The lowest `fixed` above the installed version in the range that affects it; null when none. */
  fixed: string | null;
}

/** Whether a record affects an installed version, and the version that fixes it. */
export function affects(vuln: IndexedVuln, version: string, compare: VersionCompare): Affects | null {
  let hit = false;
  let fixed: string | null = null;
  for (const events of vuln.ranges) {
    if (!inRange(version, events, compare)) continue;
    hit = true;
    const f = events.find(([k, v]) => k === 'f' && compare(v, version) > 0);
    if (f && (fixed === null || compare(f[1], fixed) > 0)) fixed = f[1];
  }
  if (!hit && vuln.versions?.some((v) => compare(v, version) === 0)) hit = true;
  return hit ? { fixed } : null;
}
