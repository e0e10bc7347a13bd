import type { Descriptor, Platform } from './types.js';

/** `linux/arm64/v8` -> { os, architecture, variant }; arm64 means v8 when no variant is given. */
export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture) throw new Error(`invalid platform '${text}': expected os/arch[/variant]`);
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

function variantMatches(want: Platform, have: Platform): boolean {
  if (!want.variant) return true;
  const v = have.variant ?? (have.architecture === 'arm64' ? 'v8' : undefined);
  return v === want.variant;
}

type IndexLike = { manifests?: readonly Descriptor[] | undefined };

/** What plinth assumes when no --platform is given. */
export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

/**
 * The manifest in an index (or its `manifests` array) for a platform, `os/arch[/variant]` text or
 * parsed; attestation manifests (unknown/unknown) never match.
 */
export function selectPlatform(index: readonly Descriptor[] | IndexLike | { json: IndexLike }, platform: Platform | string = DEFAULT_PLATFORM): Descriptor | null {
  const manifests = Array.isArray(index) ? (index as readonly Descriptor[]) : 'json' in index ? (index.json.manifests ?? []) : ((index as IndexLike).manifests ?? []);
  const want = typeof platform === 'string' ? parsePlatform(platform) : platform;
  const candidates = manifests.filter((m) => m.platform && m.platform.os === want.os && m.platform.architecture === want.architecture);
  return candidates.find((m) => variantMatches(want, m.platform!)) ?? null;
}
