// `docker save` archives: the OCI layout newer Docker writes (index.json) or the legacy
// manifest.json + <id>/layer.tar layout.
import type { Platform } from '../registry/types.js';
import { DigestCheck, selectFromLayout, type FileStore } from './layout.js';
import { createHash } from 'node:crypto';
import { formatPlatform } from '../reference/platform.js';
import { indexTar } from './tar-index.js';
import { ImageNotSelectedError, ImageSourceError, type ImageConfig, type ImageSource } from './types.js';

interface LegacyEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

export async function openDockerArchive(file: string, tag: string | null, platform: Platform | null, name: string): Promise<ImageSource> {
  const store = await indexTar(file);
  const manifestJson = await store.read('manifest.json');
  // Prefer the OCI layout when it is there: it carries digests and platforms.
  if (await store.read('index.json')) {
    try {
      const sel = await selectFromLayout(store, tag, platform, name);
      return { kind: 'docker-archive', name, ...sel, close: async () => {} };
    } catch (err) {
      // Docker's index.json names images by full reference; fall back to manifest.json for tags it lacks.
      if (!manifestJson || !(err instanceof ImageNotSelectedError)) throw err;
    }
  }
  if (!manifestJson) throw new ImageSourceError(`${name}: neither manifest.json nor index.json (not a docker save archive)`);
  let entries: LegacyEntry[];
  try {
    entries = JSON.parse(manifestJson.toString('utf8')) as LegacyEntry[];
  } catch {
    throw new ImageSourceError(`${name}: manifest.json is not valid JSON`);
  }
  const entry = pickLegacy(entries, tag, name);
  const config = await legacyConfig(store, entry.Config, name);
  if (platform && (config.os !== platform.os || config.architecture !== platform.architecture)) {
    throw new ImageSourceError(`${name}: the archive holds ${config.os}/${config.architecture}, not ${formatPlatform(platform)}`);
  }
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== entry.Layers.length) throw new ImageSourceError(`${name}: the config names ${diffIds.length} layer digests for ${entry.Layers.length} layers`);
  return {
    kind: 'docker-archive',
    name,
    digest: null,
    platform: { os: config.os ?? 'linux', architecture: config.architecture ?? 'unknown', ...(config.variant ? { variant: config.variant } : {}) },
    config,
    // Each layer.tar is checked against the config's diff_id (the digest of the uncompressed tar) as it streams.
    layers: entry.Layers.map((path, i) => {
      const diffId = diffIds[i]!;
      return {
        digest: diffId,
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar',
        size: -1,
        open: async () => {
          const check = new DigestCheck(diffId, `${name}: ${path}`);
          return (await store.open(path)).pipe(check) as NodeJS.ReadableStream;
        },
      };
    }),
    close: async () => {},
  };
}

function pickLegacy(entries: LegacyEntry[], tag: string | null, name: string): LegacyEntry {
  if (!Array.isArray(entries) || entries.length === 0) throw new ImageSourceError(`${name}: manifest.json lists no images`);
  if (tag === null) {
    if (entries.length > 1) throw new ImageSourceError(`${name}: the archive holds ${entries.length} images; name one as ${name}:REPO:TAG`);
    return entries[0]!;
  }
  const found = entries.find((e) => (e.RepoTags ?? []).some((t) => t === tag || t.endsWith(`/${tag}`) || t.endsWith(`:${tag}`)));
  if (!found) throw new ImageSourceError(`${name}: no image tagged '${tag}' in manifest.json`);
  return found;
}

async function legacyConfig(store: FileStore, path: string, name: string): Promise<ImageConfig> {
  // New archives name the config blobs/sha256/<hex>; old ones <hex>.json: both are checked against the hex.
  const hex = /([a-f0-9]{64})(\.json)?$/.exec(path)?.[1];
  if (!hex) throw new ImageSourceError(`${name}: config ${path.slice(0, 100)} is not named by its digest`);
  const body = await store.read(path);
  if (!body) throw new ImageSourceError(`${name}: config ${path} is missing`);
  if (createHash('sha256').update(body).digest('hex') !== hex) throw new ImageSourceError(`${name}: config ${path} does not match its digest`);
  try {
    return JSON.parse(body.toString('utf8')) as ImageConfig;
  } catch {
    throw new ImageSourceError(`${name}: config ${path} is not valid JSON`);
  }
}
