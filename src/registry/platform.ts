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

/** The manifest in an index for a platform; attestation manifests (unknown/unknown) never match. */
export function selectPlatform(manifests: readonly Descriptor[], want: Platform): Descriptor | null {
  const candidates = manifests.filter((m) => m.platform && m.platform.os === want.os && m.platform.architecture === want.architecture);
  return candidates.find((m) => variantMatches(want, m.platform!)) ?? null;
}
