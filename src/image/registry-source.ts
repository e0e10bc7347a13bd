// A registry image through the Registry client: manifest or index -> platform -> config + layer streams.
import type { ImageRef } from '../reference/types.js';
import { MEDIA_TYPES, type Platform, type Registry } from '../registry/types.js';
import { choosePlatform } from './platform.js';
import { ImageSourceError, type ImageConfig, type ImageSource } from './types.js';

const INDEX_TYPES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]);

export async function openRegistryImage(registry: Registry, ref: ImageRef, platform: Platform | null, name: string): Promise<ImageSource> {
  let manifest = await registry.manifest(ref);
  if (INDEX_TYPES.has(manifest.mediaType) || manifest.json.manifests) {
    const chosen = choosePlatform(manifest.json.manifests ?? [], platform, name);
    manifest = await registry.manifest(ref, chosen.digest);
  }
  const cfg = manifest.json.config;
  if (!cfg) throw new ImageSourceError(`${name}: manifest ${manifest.digest} has no config`);
  let config: ImageConfig;
  try {
    config = JSON.parse(Buffer.from(await registry.blob(ref, cfg.digest)).toString('utf8')) as ImageConfig;
  } catch (err) {
    if (err instanceof SyntaxError) throw new ImageSourceError(`${name}: config ${cfg.digest} is not valid JSON`);
    throw err;
  }
  return {
    kind: 'registry',
    name,
    digest: manifest.digest,
    platform: { os: config.os ?? 'linux', architecture: config.architecture ?? 'unknown', ...(config.variant ? { variant: config.variant } : {}) },
    config,
    layers: (manifest.json.layers ?? []).map((d) => ({
      digest: d.digest,
      mediaType: d.mediaType,
      size: d.size,
      open: () => registry.blobStream(ref, d.digest),
    })),
    close: async () => {},
  };
}
