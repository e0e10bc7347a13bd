// An OCI image layout (index.json + blobs/<alg>/<hex>) over any file store: a directory or a tar.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { MEDIA_TYPES, type Descriptor, type Platform } from '../registry/types.js';
import { choosePlatform } from './platform.js';
import { ImageNotSelectedError, ImageSourceError, type ImageConfig, type LayerSource } from './types.js';

export interface FileStore {
  /** Whole small file (JSON), null when absent. */
  read(path: string): Promise<Buffer | null>;
  open(path: string): Promise<NodeJS.ReadableStream>;
}

export interface SelectedImage {
  digest: string | null;
  platform: Platform;
  config: ImageConfig;
  layers: LayerSource[];
}

const REF_NAME = 'org.opencontainers.image.ref.name';
const INDEX_TYPES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]);

/** The digest algorithms the OCI image spec registers, with their hex lengths: every blob is verified. */
const ALGORITHMS: Record<string, number> = { sha256: 64, sha512: 128 };

/** `algorithm:hex`, checked: a known algorithm and the right length, or an ImageSourceError. */
function parseDigest(digest: string): { algorithm: string; hex: string } {
  const m = /^([a-z0-9]+):([a-f0-9]+)$/.exec(digest);
  if (!m) throw new ImageSourceError(`invalid digest ${digest.slice(0, 100)}`);
  const length = ALGORITHMS[m[1]!];
  if (length === undefined) throw new ImageSourceError(`digest ${digest.slice(0, 100)}: unsupported algorithm ${m[1]} (sha256 or sha512)`);
  if (m[2]!.length !== length) throw new ImageSourceError(`invalid ${m[1]} digest ${digest.slice(0, 100)}`);
  return { algorithm: m[1]!, hex: m[2]! };
}

export function blobPath(digest: string): string {
  const { algorithm, hex } = parseDigest(digest);
  return `blobs/${algorithm}/${hex}`;
}

/** Reads a blob and checks it hashes to its digest (sha256 or sha512). */
export async function readBlob(store: FileStore, digest: string, name: string): Promise<Buffer> {
  const { algorithm } = parseDigest(digest);
  const body = await store.read(blobPath(digest));
  if (!body) throw new ImageSourceError(`${name}: blob ${digest} is missing`);
  if (`${algorithm}:${createHash(algorithm).update(body).digest('hex')}` !== digest) {
    throw new ImageSourceError(`${name}: blob ${digest} does not match its digest`);
  }
  return body;
}

/** Passes bytes through and fails at the end when they do not hash to the digest (`algorithm:hex`). */
export class DigestCheck extends Transform {
  private readonly hash: Hash;
  private readonly algorithm: string;
  constructor(private readonly digest: string, private readonly name: string) {
    super();
    this.algorithm = parseDigest(digest).algorithm;
    this.hash = createHash(this.algorithm);
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    const got = `${this.algorithm}:${this.hash.digest('hex')}`;
    cb(got === this.digest ? null : new ImageSourceError(`${this.name}: blob ${this.digest} does not match its digest (got ${got})`));
  }
}

export function layerFromStore(store: FileStore, d: Descriptor, name: string): LayerSource {
  return {
    digest: d.digest,
    mediaType: d.mediaType,
    size: d.size,
    open: async () => {
      const check = new DigestCheck(d.digest, name);
      const s = await store.open(blobPath(d.digest));
      return s.pipe(check) as NodeJS.ReadableStream;
    },
  };
}

function parseJson<T>(body: Buffer, what: string): T {
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new ImageSourceError(`${what} is not valid JSON`);
  }
}

/** Picks the image named by `tag` (or the only one) from index.json, then the platform, then reads it. */
export async function selectFromLayout(store: FileStore, tag: string | null, want: Platform | null, name: string): Promise<SelectedImage> {
  const indexBody = await store.read('index.json');
  if (!indexBody) throw new ImageSourceError(`${name}: no index.json (not an OCI image layout)`);
  const index = parseJson<{ manifests?: Descriptor[] }>(indexBody, `${name}: index.json`);
  let manifests = index.manifests ?? [];
  if (tag !== null) {
    manifests = manifests.filter((m) => {
      const ref = m.annotations?.[REF_NAME] ?? '';
      const full = m.annotations?.['io.containerd.image.name'] ?? '';
      return ref === tag || ref.endsWith(`:${tag}`) || full === tag || full.endsWith(`:${tag}`);
    });
    if (manifests.length === 0) throw new ImageNotSelectedError(`${name}: no image tagged '${tag}' in index.json`);
  } else {
    const tags = new Set(manifests.map((m) => m.annotations?.[REF_NAME]).filter(Boolean));
    if (tags.size > 1) throw new ImageNotSelectedError(`${name}: index.json holds several images (${[...tags].join(', ')}); name one as ${name}:TAG`);
  }
  return resolveDescriptors(store, manifests, want, name, 0);
}

async function resolveDescriptors(store: FileStore, manifests: Descriptor[], want: Platform | null, name: string, depth: number): Promise<SelectedImage> {
  if (depth > 4) throw new ImageSourceError(`${name}: indexes nested too deeply`);
  if (manifests.length === 0) throw new ImageSourceError(`${name}: the index lists no manifests`);
  const chosen = manifests.length === 1 && !manifests[0]!.platform ? manifests[0]! : choosePlatform(manifests, want, name);
  const body = await readBlob(store, chosen.digest, name);
  const json = parseJson<{ mediaType?: string; manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] }>(body, `${name}: manifest ${chosen.digest}`);
  const mediaType = json.mediaType ?? chosen.mediaType;
  if (INDEX_TYPES.has(mediaType) || json.manifests) return resolveDescriptors(store, json.manifests ?? [], want, name, depth + 1);
  if (!json.config) throw new ImageSourceError(`${name}: manifest ${chosen.digest} has no config`);
  const config = parseJson<ImageConfig>(await readBlob(store, json.config.digest, name), `${name}: config`);
  return {
    digest: chosen.digest,
    platform: { os: config.os ?? 'linux', architecture: config.architecture ?? 'unknown', ...(config.variant ? { variant: config.variant } : {}) },
    config,
    layers: (json.layers ?? []).map((d) => layerFromStore(store, d, name)),
  };
}
