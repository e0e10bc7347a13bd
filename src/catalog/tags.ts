// Which official-image tags exist: the ones Docker lists today, the ones it listed once (never rebuilt
// since), and the ones it never published. From data/tags.json (npm run catalog), read on first use:
// most runs never ask.
import { readFileSync } from 'node:fs';

export type TagStatus = { state: 'current' } | { state: 'retired'; lastListed: string } | { state: 'never' };

interface ImageTags {
  current: Set<string>;
  retired: Map<string, string>;
}

interface TagsFile {
  source: { repository: string; commit: string | null; date: string | null };
  images: Record<string, { current: string; retired: Record<string, string> }>;
}

let file: TagsFile | null = null;
const byImage = new Map<string, ImageTags | null>();

function load(): TagsFile {
  file ??= JSON.parse(readFileSync(new URL('../../../src/catalog/data/tags.json', import.meta.url), 'utf8')) as TagsFile;
  return file;
}

function imageTags(image: string): ImageTags | null {
  let tags = byImage.get(image);
  if (tags === undefined) {
    const raw = load().images[image];
    tags = raw ? { current: new Set(raw.current.split(' ')), retired: new Map() } : null;
    if (raw && tags) for (const [day, list] of Object.entries(raw.retired)) for (const t of list.split(' ')) tags.retired.set(t, day);
    byImage.set(image, tags);
  }
  return tags;
}

/** Whether `library/<image>:<tag>` is listed today, was once, or never was; null when the catalog has no tag data for the image. */
export function officialTagStatus(image: string, tag: string): TagStatus | null {
  const tags = imageTags(image);
  if (!tags) return null;
  if (tags.current.has(tag)) return { state: 'current' };
  const last = tags.retired.get(tag);
  return last ? { state: 'retired', lastListed: last } : { state: 'never' };
}

/** When the tag data was taken (the official-images commit's date). */
export function tagDataDate(): string | null {
  return load().source.date;
}

const FULL_VERSION = /^(\d+)\.(\d+)\.(\d+)(.*)$/;

/**
 * For a full-version tag (`22.12.0-alpine`), the newest listed tag of the same major line with the
 * same suffix (`22.19.0-alpine`), so a user's precision is kept; null when there is none or no data.
 */
export function newestListedPatch(image: string, tag: string): string | null {
  const m = FULL_VERSION.exec(tag);
  const tags = m ? imageTags(image) : null;
  if (!m || !tags) return null;
  let best: { tag: string; minor: number; patch: number } | null = null;
  for (const t of tags.current) {
    const c = FULL_VERSION.exec(t);
    if (!c || c[1] !== m[1] || c[4] !== m[4]) continue;
    const minor = Number(c[2]);
    const patch = Number(c[3]);
    if (!best || minor > best.minor || (minor === best.minor && patch > best.patch)) best = { tag: t, minor, patch };
  }
  return best?.tag ?? null;
}
