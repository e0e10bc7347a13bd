// Platform selection for image indexes, as inspect does: default linux/amd64, arm64 means arm64/v8.
import type { Descriptor } from '../registry/types.js';
import { DEFAULT_PLATFORM, formatPlatform, type Platform } from '../reference/platform.js';
import { selectPlatform } from '../registry/platform.js';
import { ImageSourceError } from './types.js';

/** The manifest for the platform (registry/ selectPlatform), or an ImageSourceError naming what there is. */
export function choosePlatform(manifests: Descriptor[], want: Platform | null, name: string): Descriptor {
  const target = want ?? DEFAULT_PLATFORM;
  const chosen = selectPlatform(manifests, target);
  if (!chosen) {
    const have = manifests.map((m) => (m.platform ? formatPlatform(m.platform) : 'unknown')).join(', ');
    throw new ImageSourceError(`${name}: no image for platform ${formatPlatform(target)} (available: ${have || 'none'})`);
  }
  return chosen;
}
