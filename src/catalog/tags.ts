// Which official-image tags exist: the ones Docker lists today, the ones it listed once (never rebuilt
// since), and the ones it never published. From data/tags/ (npm run catalog), read per image on first
// use, the long retired lists only for a tag that is not listed today.
import { readFileSync } from 'node:fs';

export type TagStatus = { state: 'current' } | { state: 'retired'; lastListed: string } | { state: 'never' };

const dir = new URL('../../../src/catalog/data/tags/', import.meta.url);

/** The images with tag data (tags/source.json), read once. */
let known: Set<string> | null = null;
let sourceDate: string | null = null;
const current = new Map<string, Set<string>>();
const retired = new Map<string, Map<string, string>>();

function hasData(image: string): boolean {
  if (known === null) {
    const source = JSON.parse(readFileSync(new URL('source.json', dir), 'utf8')) as { date: string | null; images: string[] };
    known = new Set(source.images);
    sourceDate = source.date;
  }
  return known.has(image);
}

/** `<image>.current`: the tags listed today (a few kilobytes). */
function currentTags(image: string): Set<string> {
  let set = current.get(image);
  if (!set) current.set(image, (set = new Set(readFileSync(new URL(`${image}.current`, dir), 'utf8').trim().split(' '))));
  return set;
}

/** `<image>.retired`: read only when a tag is not listed today. */
function retiredTags(image: string): Map<string, string> {
  let map = retired.get(image);
  if (!map) {
    map = new Map();
    for (const line of readFileSync(new URL(`${image}.retired`, dir), 'utf8').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const day = line.slice(0, tab);
      for (const t of line.slice(tab + 1).split(' ')) map.set(t, day);
    }
    retired.set(image, map);
  }
  return map;
}

/** Whether `library/<image>:<tag>` is listed today, was once, or never was; null when the catalog has no tag data for the image. */
export function officialTagStatus(image: string, tag: string): TagStatus | null {
  if (!hasData(image)) return null;
  if (currentTags(image).has(tag)) return { state: 'current' };
  const last = retiredTags(image).get(tag);
  return last ? { state: 'retired', lastListed: last } : { state: 'never' };
}

/** When the tag data was taken (the official-images commit's date). */
export function tagDataDate(): string | null {
  hasData('');
  return sourceDate;
}

const FULL_VERSION = /^(\d+)\.(\d+)\.(\d+)(.*)$/;

/**
 * For a full-version tag (`22.12.0-alpine`), the newest listed tag of the same major line with the
 * same suffix (`22.19.0-alpine`), so a user's precision is kept; null when there is none or no data.
 */
export function newestListedPatch(image: string, tag: string): string | null {
  const m = FULL_VERSION.exec(tag);
  if (!m || !hasData(image)) return null;
  let best: { tag: string; minor: number; patch: number } | null = null;
  for (const t of currentTags(image)) {
    const c = FULL_VERSION.exec(t);
    if (!c || c[1] !== m[1] || c[4] !== m[4]) continue;
    const minor = Number(c[2]);
    const patch = Number(c[3]);
    if (!best || minor > best.minor || (minor === best.minor && patch > best.patch)) best = { tag: t, minor, patch };
  }
  return best?.tag ?? null;
}
