import type { Registry } from './types.js';
import { parseReference, familiarReference } from '../reference/parse.js';
import { sizeOf } from '../catalog/sizes.js';
import { isUnreachable } from './errors.js';
import { inspectImage, withDeltas, type ComparedImage } from './inspect.js';

/**
 * Compares images for one platform. When the registry cannot be reached, sizes come from the
 * catalog snapshot where it has them, and `warnings` says so.
 */
export async function compareImages(registry: Registry, images: string[], platform = 'linux/amd64'): Promise<{ images: ComparedImage[]; warnings: string[] }> {
  const warnings: string[] = [];
  const rows = await Promise.all(images.map(async (text) => {
    const ref = parseReference(text);
    try {
      const s = await inspectImage(registry, ref, platform);
      const p = s.platforms[0]!;
      return { reference: s.reference, digest: s.digest, platform, compressedBytes: p.compressedBytes, layers: p.layers, source: 'registry' as const };
    } catch (err) {
      if (!isUnreachable(err)) throw err;
      const size = sizeOf(ref, platform);
      warnings.push(`${familiarReference(ref)}: ${(err as Error).message}; ${size === null ? 'the catalog has no size for it either' : "using the catalog's snapshot size"}`);
      return { reference: familiarReference(ref), digest: null, platform, compressedBytes: size, layers: null, source: 'catalog' as const };
    }
  }));
  return { images: withDeltas(rows), warnings };
}
