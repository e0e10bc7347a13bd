// Picking a platform's manifest out of an image index (arm64 means arm64/v8 when no variant is given).
import type { Descriptor } from './types.js';
import { DEFAULT_PLATFORM, parsePlatform, type Platform } from '../reference/platform.js';
export { DEFAULT_PLATFORM, formatPlatform, parsePlatform } from '../reference/platform.js';

/** The variant an image is for: arm64 with none written means v8. */
function variantOf(p: Platform): string | undefined {
  return p.variant ?? (p.architecture === 'arm64' ? 'v8' : undefined);
}

type IndexLike = { manifests?: readonly Descriptor[] | undefined };


/**
 * The manifest in an index (or its `manifests` array) for a platform, `os/arch[/variant]` text or
 * parsed; attestation manifests (unknown/unknown) never match.
 */
export function selectPlatform(index: readonly Descriptor[] | IndexLike | { json: IndexLike }, platform: Platform | string = DEFAULT_PLATFORM): Descriptor | null {
  const manifests = Array.isArray(index) ? (index as readonly Descriptor[]) : 'json' in index ? (index.json.manifests ?? []) : ((index as IndexLike).manifests ?? []);
  const want = typeof platform === 'string' ? parsePlatform(platform) : platform;
  const candidates = manifests.filter((m) => m.platform && m.platform.os === want.os && m.platform.architecture === want.architecture);
  // A written variant must match; an unwritten one prefers the default variant, else takes the first.
  const exact = candidates.find((m) => variantOf(m.platform!) === variantOf(want));
  return exact ?? (want.variant ? null : candidates[0] ?? null);
}
