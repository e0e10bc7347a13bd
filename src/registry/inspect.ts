// What an image costs: digest, platforms, compressed size (config + layers), layers, created, labels.
import type { ImageRef } from '../reference/types.js';
import { familiarReference } from '../reference/parse.js';
import { formatPlatform, parsePlatform, selectPlatform } from './platform.js';
import type { Descriptor, FetchedManifest, Registry } from './types.js';

export interface PlatformSummary {
  os: string;
  architecture: string;
  variant: string | null;
  digest: string;
  compressedBytes: number;
  layers: number;
  created: string | null;
  labels: Record<string, string>;
}

export interface ImageSummary {
  reference: string;
  digest: string;
  mediaType: string;
  platforms: PlatformSummary[];
}

interface ImageConfigJson {
  os?: string;
  architecture?: string;
  variant?: string;
  created?: string;
  config?: { Labels?: Record<string, string> | null };
}

/** Reads the image (and each platform of an index, or only `platform`). */
export async function inspectImage(registry: Registry, ref: ImageRef, platform?: string): Promise<ImageSummary> {
  const top = await registry.manifest(ref);
  let entries: { manifest: FetchedManifest; descriptor?: Descriptor }[];
  if (top.json.manifests) {
    let descriptors = top.json.manifests.filter((d) => d.platform && d.platform.os !== 'unknown');
    if (platform) {
      const chosen = selectPlatform(descriptors, parsePlatform(platform));
      if (!chosen) throw new Error(`${familiarReference(ref)} has no ${platform} image (it has ${descriptors.map((d) => formatPlatform(d.platform!)).join(', ')})`);
      descriptors = [chosen];
    }
    entries = await Promise.all(descriptors.map(async (d) => ({ manifest: await registry.manifest(ref, d.digest), descriptor: d })));
  } else {
    entries = [{ manifest: top }];
  }
  const platforms = await Promise.all(entries.map(async ({ manifest, descriptor }) => {
    const configDesc = manifest.json.config!;
    const config = JSON.parse(new TextDecoder().decode(await registry.blob(ref, configDesc.digest))) as ImageConfigJson;
    const layers = manifest.json.layers ?? [];
    const summary: PlatformSummary = {
      os: descriptor?.platform?.os ?? config.os ?? 'unknown',
      architecture: descriptor?.platform?.architecture ?? config.architecture ?? 'unknown',
      variant: descriptor?.platform?.variant ?? config.variant ?? null,
      digest: manifest.digest,
      compressedBytes: configDesc.size + layers.reduce((a, l) => a + l.size, 0),
      layers: layers.length,
      created: config.created ?? null,
      labels: config.config?.Labels ?? {},
    };
    return summary;
  }));
  if (!top.json.manifests && platform) {
    const want = parsePlatform(platform);
    const p = platforms[0]!;
    if (p.os !== want.os || p.architecture !== want.architecture) throw new Error(`${familiarReference(ref)} is a single ${formatPlatform({ os: p.os, architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}) })} image, not ${platform}`);
  }
  return { reference: familiarReference(ref), digest: top.digest, mediaType: top.mediaType, platforms };
}

export interface ComparedImage {
  reference: string;
  digest: string | null;
  platform: string;
  compressedBytes: number | null;
  layers: number | null;
  deltaBytes: number | null;
  deltaPercent: number | null;
  /** 'registry' or 'catalog' (offline fallback). */
  source: 'registry' | 'catalog';
}

/** Side by side, with the saving of each image against the first. */
export function withDeltas(images: Omit<ComparedImage, 'deltaBytes' | 'deltaPercent'>[]): ComparedImage[] {
  const base = images[0]?.compressedBytes ?? null;
  return images.map((img) => {
    const known = base !== null && img.compressedBytes !== null;
    const deltaBytes = known ? img.compressedBytes! - base : null;
    const deltaPercent = known && base !== 0 ? Math.round((deltaBytes! / base) * 1000) / 10 : null;
    return { ...img, deltaBytes, deltaPercent };
  });
}

/** The documented JSON of `plinth inspect`: exactly these keys per platform (labels are text-only). */
export function inspectJson(s: ImageSummary): { reference: string; digest: string; mediaType: string; platforms: Omit<PlatformSummary, 'labels'>[] } {
  return {
    reference: s.reference, digest: s.digest, mediaType: s.mediaType,
    platforms: s.platforms.map(platformJson),
  };
}

/** One platform entry of the inspect JSON. */
export function platformJson(p: Omit<PlatformSummary, 'labels'>): Omit<PlatformSummary, 'labels'> {
  return { os: p.os, architecture: p.architecture, variant: p.variant, digest: p.digest, compressedBytes: p.compressedBytes, layers: p.layers, created: p.created };
}

/** The documented JSON row of `plinth compare` (where the sizes came from is said on stderr). */
export function compareJsonRow(c: ComparedImage): Omit<ComparedImage, 'source'> {
  return { reference: c.reference, digest: c.digest, platform: c.platform, compressedBytes: c.compressedBytes, layers: c.layers, deltaBytes: c.deltaBytes, deltaPercent: c.deltaPercent };
}
