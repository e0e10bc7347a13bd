// Typical compressed sizes of the measured official-image tags (data/sizes.json, made by
// `npm run catalog` from the shared repo-info snapshot; see data/PROVENANCE.md).
import type { ImageRef } from '../reference/types.js';
import { familiarName, parseReference } from '../reference/parse.js';
import { loadJson, type SizesData } from './data.js';

let sizes: SizesData['sizes'] | undefined;

/** `platform` is `os/arch` (any variant) or `os/arch/variant`. */
export function snapshotSize(name: string, tag: string, platform = 'linux/amd64'): number | null {
  sizes ??= loadJson<SizesData>('sizes.json').sizes;
  const key = `${name}:${tag}`;
  const entry = Object.hasOwn(sizes, key) ? sizes[key]! : null;
  if (!entry) return null;
  // (Every image a lint looks up comes here: no array from a split.)
  const exact = platform.indexOf('/', platform.indexOf('/') + 1) >= 0;
  const p = entry.find(([key]) => key === platform || (!exact && key.startsWith(`${platform}/`)));
  return p ? p[1] : null;
}

/** Compressed size of an image for a platform (default linux/amd64) from the snapshot, or null. */
export function sizeOf(image: ImageRef | string, platform?: string): number | null {
  let ref: ImageRef;
  try {
    ref = typeof image === 'string' ? parseReference(image) : image;
  } catch {
    return null;
  }
  return snapshotSize(familiarName(ref), ref.tag ?? 'latest', platform);
}
