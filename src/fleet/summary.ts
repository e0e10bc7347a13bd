// The fleet summary, computed from the per-file records only: one run and a merge of shards give the
// same summary. Savings multiply by pulls per day (a CSV or the config), per repository or per file.
import { supportedReleases } from '../catalog/eol.js';
import { addMonths, SUPPORT_MARGIN_MONTHS } from '../catalog/eol.js';
import { PlinthError } from '../types.js';
import type { FleetFile, FleetScan, FleetSummary } from './types.js';

/** Catalog family -> end-of-life subject, for the release to converge on. */
const EOL_ID: Record<string, string> = { node: 'nodejs', python: 'python', golang: 'go', ruby: 'ruby', php: 'php', 'eclipse-temurin': 'java', amazoncorretto: 'java', debian: 'debian', ubuntu: 'ubuntu', alpine: 'alpine', rust: 'rust' };

const count = <K>(m: Map<K, number>, k: K, n = 1): void => void m.set(k, (m.get(k) ?? 0) + n);
const byCount = <T extends { count: number }>(a: T, b: T): number => b.count - a.count;

/** `image_or_repository,pulls_per_day` lines (a header line is skipped); one-line errors name the line. */
export function parsePulls(text: string, name: string): Map<string, number> {
  const out = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const cells = t.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    if (cells.length !== 2) throw new PlinthError('input', `${name}:${i + 1}: expected image_or_repository,pulls_per_day`);
    const n = Number(cells[1]);
    if (i === 0 && !Number.isFinite(n)) return; // header
    if (!Number.isFinite(n) || n < 0) throw new PlinthError('input', `${name}:${i + 1}: pulls per day must be a number, got '${cells[1]}'`);
    out.set(cells[0]!, n);
  });
  return out;
}

export function summarize(scan: FleetScan, pulls: Map<string, number> = new Map()): FleetSummary {
  const files = scan.files;
  const repos = new Set(files.map((f) => f.repository));
  const inv = new Map<string, { image: string; family: string | null; version: string | null; finalStages: number; buildStages: number; files: Set<string>; repos: Set<string> }>();
  const eolSoon = addMonths(scan.date, SUPPORT_MARGIN_MONTHS);
  const eol = new Map<string, { image: string; subject: string; date: string; files: Set<string>; repos: Set<string> }>();
  const families = new Map<string, Map<string, Set<string>>>();
  const byRule = new Map<string, number>();
  const byRepo = new Map<string, { count: number; errors: number; warnings: number }>();
  const unmaintained: FleetSummary['findings']['unmaintainedTags'] = [];
  const key = (f: FleetFile): string => `${f.repository}/${f.path}`;
  for (const f of files) {
    for (const s of f.stages) {
      if (!s.image) continue;
      let e = inv.get(s.image);
      if (!e) inv.set(s.image, (e = { image: s.image, family: s.family, version: s.version, finalStages: 0, buildStages: 0, files: new Set(), repos: new Set() }));
      if (s.final) e.finalStages++;
      else e.buildStages++;
      e.files.add(key(f));
      e.repos.add(f.repository);
      if (s.family && s.version) {
        let versions = families.get(s.family);
        if (!versions) families.set(s.family, (versions = new Map()));
        let set = versions.get(s.version);
        if (!set) versions.set(s.version, (set = new Set()));
        set.add(key(f));
      }
      if (s.eol && s.eol.date <= eolSoon) {
        let x = eol.get(s.image);
        if (!x) eol.set(s.image, (x = { image: s.image, subject: s.eol.subject, date: s.eol.date, files: new Set(), repos: new Set() }));
        x.files.add(key(f));
        x.repos.add(f.repository);
      }
    }
    const r = byRepo.get(f.repository) ?? { count: 0, errors: 0, warnings: 0 };
    for (const x of f.findings) {
      count(byRule, x.rule);
      r.count++;
      if (x.severity === 'error') r.errors++;
      if (x.severity === 'warning') r.warnings++;
      if (x.rule === 'unmaintained-tag') unmaintained.push({ repository: f.repository, path: f.path, line: x.line });
    }
    byRepo.set(f.repository, r);
  }
  const changes: FleetSummary['changes'] = [];
  for (const f of files) {
    for (const c of f.changes) {
      // Pulls are given per repository or per Dockerfile (`repository/path`).
      const p = pulls.get(key(f)) ?? pulls.get(f.repository) ?? null;
      const perDay = p !== null && c.savingBytes !== null ? c.savingBytes * p : null;
      changes.push({ ...c, repository: f.repository, path: f.path, pullsPerDay: p, bytesPerDay: perDay, bytesPerMonth: perDay === null ? null : perDay * 30 });
    }
  }
  // Most saved first; unknown amounts last (never NaN from two unknowns).
  const desc = (x: number | null, y: number | null): number => (x === y ? 0 : x === null ? 1 : y === null ? -1 : y - x);
  changes.sort((a, b) => desc(a.bytesPerDay, b.bytesPerDay) || desc(a.savingBytes, b.savingBytes) || (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  const withPulls = changes.filter((c) => c.bytesPerDay !== null);
  const bytesPerDay = withPulls.reduce((n, c) => n + c.bytesPerDay!, 0);
  return {
    repositories: repos.size,
    dockerfiles: files.length,
    errors: files.filter((f) => f.error).length,
    inventory: [...inv.values()]
      .map((e) => ({ image: e.image, family: e.family, version: e.version, finalStages: e.finalStages, buildStages: e.buildStages, dockerfiles: e.files.size, repositories: e.repos.size }))
      .sort((a, b) => b.dockerfiles - a.dockerfiles || b.finalStages + b.buildStages - (a.finalStages + a.buildStages) || (a.image < b.image ? -1 : 1)),
    drift: [...families]
      .filter(([, versions]) => versions.size > 1)
      .map(([family, versions]) => {
        const id = EOL_ID[family];
        const supported = id ? supportedReleases(id, scan.date) : [];
        return {
          family,
          versions: [...versions].map(([version, set]) => ({ version, dockerfiles: set.size })).sort((a, b) => b.dockerfiles - a.dockerfiles || (a.version < b.version ? -1 : 1)),
          convergeOn: supported.length ? supported[supported.length - 1]! : null,
        };
      })
      .sort((a, b) => b.versions.length - a.versions.length || (a.family < b.family ? -1 : 1)),
    endOfLife: [...eol.values()]
      .map((e) => ({ image: e.image, subject: e.subject, date: e.date, status: (e.date <= scan.date ? 'past' : 'soon') as 'past' | 'soon', dockerfiles: e.files.size, repositories: e.repos.size }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.image < b.image ? -1 : 1)),
    findings: {
      byRule: [...byRule].map(([rule, n]) => ({ rule, count: n })).sort((a, b) => byCount(a, b) || (a.rule < b.rule ? -1 : 1)),
      byRepository: [...byRepo].map(([repository, r]) => ({ repository, ...r })).sort((a, b) => byCount(a, b) || (a.repository < b.repository ? -1 : 1)),
      unmaintainedTags: unmaintained,
    },
    changes,
    totals: {
      savingBytesPerPull: changes.reduce((n, c) => n + Math.max(c.savingBytes ?? 0, 0), 0),
      bytesPerDay,
      bytesPerMonth: bytesPerDay * 30,
      changes: changes.length,
      changesWithPulls: withPulls.length,
      // Counted only when the scan counted them (--vulns): before minus after, over the changes counted.
      vulnerabilitiesRemoved: changes.some((c) => c.vulnerabilities) ? changes.reduce((n, c) => n + (c.vulnerabilities ? c.vulnerabilities.before.total - c.vulnerabilities.after.total : 0), 0) : null,
    },
  };
}

/** Shards of one fleet (`report --format json` outputs) as one scan: the files of all, each once. */
export function mergeScans(scans: FleetScan[], names: string[]): FleetScan {
  if (scans.length === 0) throw new PlinthError('usage', 'report merge needs at least one JSON report');
  const first = scans[0]!;
  const seen = new Map<string, FleetFile>();
  scans.forEach((s, i) => {
    if (s?.kind !== 'plinth-fleet' || s.version !== 1 || !Array.isArray(s.files)) throw new PlinthError('input', `${names[i]}: not a plinth report JSON (version 1)`);
    if (s.date !== first.date) throw new PlinthError('input', `${names[i]}: evaluated on ${s.date}, the first on ${first.date}; run every shard with the same --date`);
    for (const f of s.files) {
      const ok = typeof f?.repository === 'string' && typeof f.path === 'string' && Array.isArray(f.stages) && Array.isArray(f.findings) && Array.isArray(f.changes)
        && f.changes.every((c) => typeof c?.from === 'string' && typeof c.to === 'string' && (c.savingBytes === null || Number.isFinite(c.savingBytes)));
      if (!ok) throw new PlinthError('input', `${names[i]}: a file record is not what plinth report writes`);
      seen.set(`${f.repository}/${f.path}`, f);
    }
  });
  const files = [...seen.values()].sort((a, b) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { kind: 'plinth-fleet', version: 1, date: first.date, sizeSource: scans.every((s) => s.sizeSource === 'registry') ? 'registry' : 'catalog', files };
}
