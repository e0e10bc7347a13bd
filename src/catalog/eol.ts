import { eolData } from './data.js';
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
    const entry = find(q.runtime, versionKey(q.runtimeVersion, q.versionDepth));
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

function find(subject: string, key: string, label?: string): EndOfLife | null {
  const s = eolData.subjects[subject];
  const date = s?.releases[key];
  if (!s || !date) return null;
  return { subject: label ?? `${s.name} ${key}`, date, source: s.source };
}
