// Typical compressed sizes from the shipped official-images snapshot (see data/PROVENANCE.md).
import type { ImageRef } from '../reference/types.js';
import { familiarName, parseReference } from '../reference/parse.js';
import { snapshot } from './data.js';

const byTag = new Map(snapshot.map((e) => [`${e.image}:${e.tag}`, e]));

export function snapshotSize(name: string, tag: string, platform = 'linux/amd64'): number | null {
  const entry = byTag.get(`${name}:${tag}`);
  if (!entry) return null;
  const [os, arch, variant] = platform.split('/');
  const p = entry.platforms.find((x) => x.os === os && x.architecture === arch && (!variant || x.variant === variant));
  return p ? p.compressedBytes : null;
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
