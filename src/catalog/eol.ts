import { eolData } from './data.js';
import { versionKey } from './tag.js';
import type { EndOfLife } from './types.js';
import { BoundedMap } from '../util/bounded-map.js';

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

const newest = new BoundedMap<string, { date: string; release: string | null }>(1000);

/** The newest release of a subject still supported on `date` (Node.js: even, long-term majors only). */
export function newestSupported(id: string, date: string): string | null {
  // Asked once per finding, with the run's one date: cached by subject for the date last asked
  // (a key joining both would be a new string to hash on every call).
  const hit = newest.get(id);
  if (hit !== undefined && hit.date === date) return hit.release;
  const release = computeNewest(id, date);
  newest.set(id, { date, release });
  return release;
}

function computeNewest(id: string, date: string): string | null {
  const s = eolData.subjects[id];
  if (!s) return null;
  const candidates = Object.entries(s.releases)
    .filter(([release, eol]) => eol > date && (id !== 'nodejs' || Number(release) % 2 === 0))
    .map(([release]) => release)
    .sort(compareVersions);
  return candidates.at(-1) ?? null;
}

/** Debian's codename for a release number (`12`, `12.8` -> `bookworm`); a codename passes through. */
export function debianCodename(release: string | null | undefined): string | null {
  if (!release) return null;
  if (release in eolData.debianCodenames) return release;
  const major = release.split('.')[0];
  return Object.entries(eolData.debianCodenames).find(([, n]) => n === major)?.[0] ?? null;
}
