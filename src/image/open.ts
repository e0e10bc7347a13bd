// openImageSource: `oci:DIR[:TAG]`, `docker-archive:FILE[:REPO:TAG]`, or a registry reference.
import { stat } from 'node:fs/promises';
import type { ImageRef } from '../reference/types.js';
import type { Platform, Registry } from '../registry/types.js';
import { openDockerArchive } from './docker-archive.js';
import { openOciLayout } from './oci-layout.js';
import { parsePlatform } from '../reference/platform.js';
import { ImageSourceError, type ImageSource } from './types.js';

export interface OpenOptions {
  /** `os/arch[/variant]` or a Platform; default linux/amd64 when the image is multi-platform. */
  platform?: string | Platform | null;
  /** The registry client for registry references (with its cache and mirrors). */
  registry?: Registry;
  /** Parses a registry reference; defaults to the reference module's parser. */
  parseReference?: (text: string) => ImageRef;
}

/** Splits `PATH[:REST]` where PATH is the longest prefix that exists (paths may contain ':'). */
async function splitExisting(text: string, kind: 'file' | 'dir'): Promise<[string, string | null]> {
  const cuts = [text.length, ...[...text.matchAll(/:/g)].map((m) => m.index!).reverse()];
  for (const cut of cuts) {
    const s = await stat(text.slice(0, cut)).catch(() => null);
    if (s && (kind === 'dir' ? s.isDirectory() : s.isFile())) return [text.slice(0, cut), cut < text.length ? text.slice(cut + 1) : null];
  }
  throw new ImageSourceError(`${text}: no such ${kind === 'dir' ? 'directory' : 'file'}`);
}

export async function openImageSource(text: string, options: OpenOptions = {}): Promise<ImageSource> {
  const platform = typeof options.platform === 'string' ? parsePlatform(options.platform) : options.platform ?? null;
  if (text.startsWith('oci:')) {
    const [dir, tag] = await splitExisting(text.slice(4), 'dir');
    return openOciLayout(dir, tag, platform, text);
  }
  if (text.startsWith('docker-archive:')) {
    const [file, ref] = await splitExisting(text.slice('docker-archive:'.length), 'file');
    return openDockerArchive(file, ref, platform, text);
  }
  if (!options.registry) throw new ImageSourceError(`${text}: reading a registry image needs a registry client`);
  const parse = options.parseReference ?? (await defaultParser());
  // The registry client loads only for a registry reference: oci: and docker-archive: never need it.
  const { openRegistryImage } = await import('./registry-source.js');
  return openRegistryImage(options.registry, parse(text), platform, text);
}

async function defaultParser(): Promise<(text: string) => ImageRef> {
  const mod = (await import('../reference/index.js')) as Record<string, unknown>;
  const fn = mod.parseReference ?? mod.parseImageRef ?? mod.parseImageReference;
  if (typeof fn !== 'function') throw new ImageSourceError('no reference parser available');
  return fn as (text: string) => ImageRef;
}
