// Matching an image's packages against one release's index. Binaries map to their source package
// first (dpkg `Source:`, apk origin, rpm source rpm), since distributions key advisories by source.
// A finding is one vulnerability (one CVE, or one record without a CVE) in one source package: DSA,
// DLA and DEBIAN-CVE records that name the same CVE count once.
import { pushAll } from '../util/push-all.js';
import type { ImageContents, PackageEcosystem, PackageItem } from '../image/types.js';
import { affects } from './osv.js';
import { SEVERITIES, severityRank, type Severity, type SeveritySource } from './severity.js';
import type { ReleaseIndex } from './types.js';
import { COMPARE } from './versions/index.js';

export interface VulnFinding {
  /** The CVE id, or the record's id when it names no CVE. */
  id: string;
  /** Every record behind it (`DEBIAN-CVE-…`, `DSA-…`) and their other names. */
  records: string[];
  aliases: string[];
  package: { source: string; version: string; binaries: string[] };
  /** The version that fixes it; null when the distribution has no fix yet. */
  fixedVersion: string | null;
  severity: Severity;
  severitySource: SeveritySource;
  score: number | null;
  summary: string | null;
}

export type SeverityCounts = Record<Severity, number>;

export interface VulnCounts {
  total: number;
  bySeverity: SeverityCounts;
  fixable: number;
  unfixed: number;
}

export const emptyCounts = (): VulnCounts => ({ total: 0, bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts, fixable: 0, unfixed: 0 });

/** The OSV release an image's os-release names, or null for one no dump covers. */
export function releaseOf(os: ImageContents['os']): string | null {
  const id = os?.id?.toLowerCase();
  const v = os?.versionId ?? '';
  if (!id) return null;
  if (id === 'debian') return /^\d+$/.test(v) ? `Debian:${v}` : null;
  if (id === 'ubuntu') return /^\d+\.\d+$/.test(v) ? `Ubuntu:${v}` : null;
  if (id === 'alpine') {
    // The repositories apk installs from name the release its packages belong to.
    if (os?.alpineBranch?.startsWith('v')) return `Alpine:${os.alpineBranch}`;
    const m = /^(\d+)\.(\d+)/.exec(v);
    return m ? `Alpine:v${m[1]}.${m[2]}` : null;
  }
  if (id === 'wolfi') return 'Wolfi';
  if (id === 'chainguard') return 'Chainguard';
  // Enterprise Linux: OSV keys each by its major release (UBI images say ID="rhel"; see releaseKey).
  const el = ENTERPRISE_LINUX.get(id);
  const major = /^(\d+)/.exec(v)?.[1];
  return el && major ? `${el}:${major}` : null;
}

// (A Map: an image's os-release ID such as `constructor` must not find an Object property.)
const ENTERPRISE_LINUX = new Map([['rhel', 'Red Hat'], ['rocky', 'Rocky Linux'], ['almalinux', 'AlmaLinux']]);

export function countFindings(findings: VulnFinding[]): VulnCounts {
  const c = emptyCounts();
  for (const f of findings) {
    c.total++;
    c.bySeverity[f.severity]++;
    if (f.fixedVersion === null) c.unfixed++;
    else c.fixable++;
  }
  return c;
}

/** Source packages with their version and binaries, one entry per (source, version). */
function sources(items: PackageItem[]): { source: string; version: string; binaries: string[] }[] {
  const out = new Map<string, { source: string; version: string; binaries: string[] }>();
  for (const p of items) {
    const version = p.sourceVersion ?? p.version;
    const key = `${p.source}\u0000${version}`;
    const hit = out.get(key);
    if (hit) hit.binaries.push(p.name);
    else out.set(key, { source: p.source, version, binaries: [p.name] });
  }
  return [...out.values()];
}

/** Every vulnerability of `index` that affects the packages, most severe first. */
export function matchPackages(index: ReleaseIndex, ecosystem: PackageEcosystem, items: PackageItem[]): VulnFinding[] {
  const compare = COMPARE[ecosystem];
  const findings: VulnFinding[] = [];
  for (const pkg of sources(items)) {
    const byKey = new Map<string, VulnFinding>();
    // The source's records, and a binary's own when the distribution keys some by binary name (rpm).
    const names = [pkg.source, ...pkg.binaries.filter((b) => b !== pkg.source)];
    for (const name of names) {
      const vulns = index.lookup(name);
      for (const v of vulns) {
        const hit = affects(v, pkg.version, compare);
        if (!hit) continue;
        for (const key of v.cves.length > 0 ? v.cves : [v.id]) {
          const f = byKey.get(key);
          if (!f) {
            byKey.set(key, {
              id: key,
              records: [v.id],
              aliases: v.aliases.filter((a) => a !== key),
              package: pkg,
              fixedVersion: hit.fixed,
              severity: v.severity,
              severitySource: v.severitySource,
              score: v.score ?? null,
              summary: v.summary ?? null,
            });
            continue;
          }
          if (!f.records.includes(v.id)) f.records.push(v.id);
          for (const a of v.aliases) if (a !== key && !f.aliases.includes(a)) f.aliases.push(a);
          // Fixed when any record gives a fix: the highest of them, so every record is satisfied.
          if (hit.fixed !== null && (f.fixedVersion === null || compare(hit.fixed, f.fixedVersion) > 0)) f.fixedVersion = hit.fixed;
          if (severityRank(v.severity) > severityRank(f.severity)) {
            f.severity = v.severity;
            f.severitySource = v.severitySource;
            f.score = v.score ?? null;
          }
          f.summary ??= v.summary ?? null;
        }
      }
    }
    pushAll(findings, byKey.values());
  }
  return findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.package.source < b.package.source ? -1 : a.package.source > b.package.source ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
