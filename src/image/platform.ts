// Platform selection for image indexes, as inspect does: default linux/amd64, arm64 means arm64/v8.
import type { Descriptor, Platform } from '../registry/types.js';
import { ImageSourceError } from './types.js';

export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

export function parsePlatformText(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture) throw new ImageSourceError(`invalid platform '${text}' (expected os/arch[/variant])`);
  return variant ? { os, architecture, variant } : { os, architecture };
}

function variantOf(p: Platform): string | undefined {
  if (p.variant) return p.variant;
  return p.architecture === 'arm64' ? 'v8' : undefined;
}

export function platformText(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** The manifest for the platform; a wanted variant must match, an unwritten one takes the first. */
export function choosePlatform(manifests: Descriptor[], want: Platform | null, name: string): Descriptor {
  const target = want ?? DEFAULT_PLATFORM;
  const candidates = manifests.filter((m) => m.platform && m.platform.os === target.os && m.platform.architecture === target.architecture);
  const wantVariant = variantOf(target);
  const exact = candidates.find((m) => variantOf(m.platform!) === wantVariant);
  const chosen = exact ?? (target.variant ? undefined : candidates[0]);
  if (!chosen) {
    const have = manifests.map((m) => (m.platform ? platformText(m.platform) : 'unknown')).join(', ');
    throw new ImageSourceError(`${name}: no image for platform ${platformText(target)} (available: ${have || 'none'})`);
  }
  return chosen;
}
