// Which official-image tags exist: the ones Docker lists today, the ones it listed once (never rebuilt
// since), and the ones it never published. From data/tags/ (npm run catalog), read per image on first
// use, the long retired lists only for a tag that is not listed today.
import { readFileSync } from 'node:fs';
import { BoundedMap } from '../util/bounded-map.js';

export type TagStatus = { state: 'current' } | { state: 'retired'; lastListed: string } | { state: 'never' };

const dir = new URL('../../../src/catalog/data/tags/', import.meta.url);

/** The images with tag data (tags/source.json), read once. */
let known: Set<string> | null = null;
const current = new Map<string, Set<string>>();

function hasData(image: string): boolean {
  if (known === null) {
    const source = JSON.parse(readFileSync(new URL('source.json', dir), 'utf8')) as { images: string[] };
    known = new Set(source.images);
  }
  return known.has(image);
}

/** `<image>.current`: the tags listed today (a few kilobytes). */
function currentTags(image: string): Set<string> {
  let set = current.get(image);
  if (!set) current.set(image, (set = new Set(readFileSync(new URL(`${image}.current`, dir), 'utf8').trim().split(' '))));
  return set;
}

/** `<image>.retired`: read only when a tag is not listed today, and kept as text. */
const retiredText = new Map<string, string>();
/** The day each tag looked up was last listed ('' for never): a tag is searched for once. */
const retiredDay = new BoundedMap<string, string>(10_000);

/**
 * The day `tag` was last listed, or ''. One search of the text finds it: building a map of an
 * image's ten thousand retired tags cost a one-file lint more than all its rules.
 */
function lastListed(image: string, tag: string): string {
  const key = `${image}:${tag}`;
  let day = retiredDay.get(key);
  if (day !== undefined) return day;
  let text = retiredText.get(image);
  if (text === undefined) retiredText.set(image, (text = readFileSync(new URL(`${image}.retired`, dir), 'utf8')));
  day = '';
  // Lines are `<day>\t<tag> <tag> ...`: a tag follows a tab or a space and ends at a space or a newline.
  for (let at = text.indexOf(tag); at >= 0 && tag !== ''; at = text.indexOf(tag, at + 1)) {
    const before = text.charCodeAt(at - 1);
    const after = at + tag.length < text.length ? text.charCodeAt(at + tag.length) : 10;
    if ((before === 9 || before === 32) && (after === 32 || after === 10)) {
      const lineStart = text.lastIndexOf('\n', at) + 1;
      day = text.slice(lineStart, text.indexOf('\t', lineStart));
      break;
    }
  }
  retiredDay.set(key, day);
  return day;
}

/** The tags of `library/<image>` Docker lists today, or null when the catalog has no tag data for it. */
export function listedTags(image: string): string[] | null {
  return hasData(image) ? [...currentTags(image)] : null;
}

/** Whether `library/<image>:<tag>` is listed today, was once, or never was; null when the catalog has no tag data for the image. */
export function officialTagStatus(image: string, tag: string): TagStatus | null {
  if (!hasData(image)) return null;
  if (currentTags(image).has(tag)) return { state: 'current' };
  const last = lastListed(image, tag);
  return last ? { state: 'retired', lastListed: last } : { state: 'never' };
}


// A full version, with Temurin's build number where it has one (`25.0.4_7`): the build is part of
// the version, never of the variant. Alpine releases are written `alpine3.21` or `alpine-3.21`.
const FULL_VERSION = /^(\d+)\.(\d+)\.(\d+)(?:_(\d+))?(.*)$/;
const ALPINE_RELEASE = /alpine(-?)(\d+)\.(\d+)/;

/**
 * For a full-version tag (`22.12.0-alpine`), the newest listed tag of the same line (the first
 * `depth` numbers: 1 for node's 22, 2 for python's 3.12) with the same variant (`22.23.2-alpine`), so
 * a user's precision is kept; a named Alpine release may move to a newer one
 * (`22.12.0-alpine3.21` -> `22.23.2-alpine3.24`). Null when there is none or no data.
 */
export function newestListedPatch(image: string, tag: string, depth = 1): string | null {
  const m = FULL_VERSION.exec(tag);
  if (!m || !hasData(image)) return null;
  const withBuild = m[4] !== undefined;
  const variant = m[5]!.replace(ALPINE_RELEASE, 'alpine$1#');
  let best: { tag: string; rank: number[] } | null = null;
  for (const t of currentTags(image)) {
    const c = FULL_VERSION.exec(t);
    if (!c || c[1] !== m[1] || (depth > 1 && c[2] !== m[2]) || (c[4] !== undefined) !== withBuild || c[5]!.replace(ALPINE_RELEASE, 'alpine$1#') !== variant) continue;
    const alpine = ALPINE_RELEASE.exec(c[5]!);
    // The exact variant first, then the newest patch (and build), then the newest Alpine release.
    const rank = [c[5] === m[5] ? 1 : 0, Number(c[2]), Number(c[3]), Number(c[4] ?? 0), Number(alpine?.[2] ?? 0), Number(alpine?.[3] ?? 0)];
    if (!best || compareRanks(rank, best.rank) > 0) best = { tag: t, rank };
  }
  return best?.tag ?? null;
}

const VERSION_TAG = /^(\d+(?:\.\d+)*)(.*)$/;

/**
 * For a version tag Docker no longer lists (`nginx:1.27-alpine`), the nearest newer line it lists
 * with as many version numbers and the same variant (`1.30-alpine`): the smallest move that is
 * rebuilt again. Null when there is none or no data.
 */
export function nearestListedLine(image: string, tag: string): string | null {
  const m = VERSION_TAG.exec(tag);
  if (!m || !hasData(image)) return null;
  const want = m[1]!.split('.').map(Number);
  let best: { tag: string; v: number[] } | null = null;
  for (const t of currentTags(image)) {
    const c = VERSION_TAG.exec(t);
    if (!c || c[2] !== m[2]) continue;
    const v = c[1]!.split('.').map(Number);
    if (v.length !== want.length || compareRanks(v, want) <= 0) continue;
    if (!best || compareRanks(v, best.v) < 0) best = { tag: t, v };
  }
  return best?.tag ?? null;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
