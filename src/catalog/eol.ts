import { eolData } from './data.js';
import { BoundedMap } from '../util/bounded-map.js';
import { versionKey } from './tag.js';
import type { EndOfLife } from './types.js';

export interface EolQuery {
  runtime: string | null;
  runtimeVersion: string | null;
  versionDepth: number;
  distro: string | null;
  distroVersion: string | null;
}

/** End-of-life entries for the runtime and the distribution an image names. */
export function eolFacts(q: EolQuery): EndOfLife[] {
  const out: EndOfLife[] = [];
  if (q.runtime && q.runtimeVersion) {
    const entry = find(q.runtime, versionKey(q.runtimeVersion, q.versionDepth), undefined, 'runtime');
    if (entry) out.push(entry);
  }
  if (q.distro && q.distroVersion) {
    const entry = distroEol(q.distro, q.distroVersion);
    if (entry) out.push(entry);
  }
  return out;
}

export function distroEol(distro: string, version: string): EndOfLife | null {
  if (distro === 'debian') {
    const number = eolData.debianCodenames[version] ?? version.split('.')[0]!;
    const codename = Object.entries(eolData.debianCodenames).find(([, n]) => n === number)?.[0];
    return find('debian', number, codename ? `Debian ${number} (${codename})` : undefined);
  }
  if (distro === 'ubuntu') {
    const number = eolData.ubuntuCodenames[version] ?? version;
    return find('ubuntu', number);
  }
  if (distro === 'alpine') return find('alpine', versionKey(version, 2));
  if (distro === 'ubi' || distro === 'rhel') return find('rhel', versionKey(version, 1));
  return null;
}

function find(subject: string, key: string, label?: string, kind: EndOfLife['kind'] = 'distribution'): EndOfLife | null {
  const s = eolData.subjects[subject];
  const date = s?.releases[key];
  if (!s || !date) return null;
  return { subject: label ?? `${s.name} ${key}`, date, source: s.source, id: subject, release: key, kind };
}

const compareVersions = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

/** `date` plus whole months, yyyy-mm-dd. */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** How long a release must still be supported to be worth moving to. */
export const SUPPORT_MARGIN_MONTHS = 6;

/**
 * The releases of a subject to move to on `date`, nearest first: released by then, newer than
 * `after` (when given), supported for at least SUPPORT_MARGIN_MONTHS more, and long-term releases
 * only where the subject has them (Node.js's even majors, Java's and Ubuntu's LTS lines).
 */
export function supportedReleases(id: string, date: string, after: string | null = null): readonly string[] {
  // Asked for every stage past its end of life, with the run's one date: worked out once per question.
  const key = `${id} ${date} ${after}`;
  let list = supported.get(key);
  if (list === undefined) supported.set(key, (list = Object.freeze(computeSupported(id, date, after))));
  return list;
}

const supported = new BoundedMap<string, readonly string[]>(1000);

function computeSupported(id: string, date: string, after: string | null): string[] {
  const s = eolData.subjects[id];
  if (!s) return [];
  const until = addMonths(date, SUPPORT_MARGIN_MONTHS);
  const ltsOnly = (id === 'nodejs' || id === 'java' || id === 'ubuntu') && s.lts && s.lts.length > 0;
  return Object.entries(s.releases)
    .filter(([release, eol]) => eol >= until && (!s.released?.[release] || s.released[release]! <= date) && (!ltsOnly || s.lts!.includes(release)) && (after === null || compareVersions(release, after) > 0))
    .map(([release]) => release)
    .sort(compareVersions);
}

/**
 * The development distribution a tag word names, or null: Debian's unstable (sid) and testing
 * (`testing`, or a codename not released yet), Alpine's edge. None gets security support.
 */
export function developmentRelease(distro: string | null, word: string | null): string | null {
  if (!distro || !word) return null;
  if (distro === 'alpine') return word === 'edge' ? 'Alpine Linux edge' : null;
  if (distro !== 'debian') return null;
  if (word === 'sid' || word === 'unstable') return 'Debian unstable (sid)';
  if (word === 'testing') return 'Debian testing';
  const number = Object.hasOwn(eolData.debianCodenames, word) ? eolData.debianCodenames[word]! : null;
  return number && !eolData.subjects.debian?.releases[number] ? `Debian testing (${word})` : null;
}

/** Debian's codename for a release number (`12`, `12.8` -> `bookworm`); a codename passes through. */
export function debianCodename(release: string | null | undefined): string | null {
  if (!release) return null;
  if (release in eolData.debianCodenames) return release;
  const major = release.split('.')[0];
  return Object.entries(eolData.debianCodenames).find(([, n]) => n === major)?.[0] ?? null;
}
