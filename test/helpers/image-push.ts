// Test images: real gzip tar layers, config blobs, manifests and indexes (Docker or OCI media types),
// pushed through the distribution API (monolithic or chunked), or written as an OCI layout.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { PASSWORD, USER, run, type TestRegistry } from './registry.js';

export type LayerFile = { path: string; content: string | Buffer } | { path: string; symlink: string };

export interface PushOptions {
  /** Makes the content (and so the digests) unique and reproducible. */
  seed?: string;
  /** `linux/amd64` etc.; more than one pushes an index. Default one platform, no index. */
  platforms?: string[];
  /** Force an index even for one platform. */
  index?: boolean;
  mediaTypes?: 'docker' | 'oci';
  /** Layers as files; default one layer with a file derived from the seed. */
  layers?: LayerFile[][];
  labels?: Record<string, string>;
  created?: string;
  /** Extra incompressible bytes per layer, for size tests. */
  fillerBytes?: number;
  /** Blob upload: one PUT (default) or PATCH chunks then PUT. */
  upload?: 'monolithic' | 'chunked';
}

export interface PushedImage {
  /** The digest the tag points to: the index digest when there is one. */
  digest: string;
  mediaType: string;
  platforms: { platform: string; digest: string; compressedBytes: number; layers: number; created: string }[];
}

const MT = {
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
} as const;

const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export async function tarLayer(files: LayerFile[]): Promise<Buffer> {
  const p = tarPack();
  const chunks: Buffer[] = [];
  p.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((res, rej) => {
    p.on('end', () => res());
    p.on('error', rej);
  });
  for (const f of files) {
    if ('symlink' in f) p.entry({ name: f.path, type: 'symlink', linkname: f.symlink, mtime: new Date(0) });
    else p.entry({ name: f.path, mode: 0o644, mtime: new Date(0) }, Buffer.from(f.content));
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** An image built in memory: every blob, the per-platform manifests and the top manifest (or index). */
export interface BuiltImage extends PushedImage {
  blobs: Map<string, Buffer>;
  manifests: { digest: string; mediaType: string; bytes: Buffer }[];
  top: { digest: string; mediaType: string; bytes: Buffer };
}

/** Builds an image's real gzip tar layers, config blobs, manifests and (multi-platform) index. */
export async function buildImage(nameTag: string, options: PushOptions = {}): Promise<BuiltImage> {
  const mt = MT[options.mediaTypes ?? 'docker'];
  const platforms = options.platforms ?? ['linux/amd64'];
  const seed = options.seed ?? nameTag;
  const created = options.created ?? '2026-01-02T03:04:05Z';
  const blobs = new Map<string, Buffer>();
  const manifests: BuiltImage['manifests'] = [];
  const pushed: PushedImage['platforms'] = [];
  const descriptors: { mediaType: string; digest: string; size: number; platform: Record<string, string> }[] = [];
  for (const platform of platforms) {
    const [os, architecture, variant] = platform.split('/') as [string, string, string | undefined];
    const layerFiles = options.layers ?? [[{ path: 'etc/plinth-seed', content: `${seed} ${platform}\n` }]];
    const layers: { digest: string; size: number; diffId: string }[] = [];
    for (const [i, files] of layerFiles.entries()) {
      const extra: LayerFile[] = options.fillerBytes ? [{ path: `filler-${i}`, content: randomish(`${seed}${platform}${i}`, options.fillerBytes) }] : [];
      const tar = await tarLayer([...files, ...extra, { path: `etc/plinth-platform-${i}`, content: `${seed} ${platform}` }]);
      const gz = gzipSync(tar);
      blobs.set(digestOf(gz), gz);
      layers.push({ digest: digestOf(gz), size: gz.length, diffId: digestOf(tar) });
    }
    const config = Buffer.from(JSON.stringify({
      architecture, os, ...(variant ? { variant } : {}), created,
      config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Labels: options.labels ?? { 'org.opencontainers.image.title': seed } },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    }));
    blobs.set(digestOf(config), config);
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: mt.manifest,
      config: { mediaType: mt.config, digest: digestOf(config), size: config.length },
      layers: layers.map((l) => ({ mediaType: mt.layer, digest: l.digest, size: l.size })),
    }));
    manifests.push({ digest: digestOf(manifest), mediaType: mt.manifest, bytes: manifest });
    pushed.push({ platform, digest: digestOf(manifest), compressedBytes: config.length + layers.reduce((a, l) => a + l.size, 0), layers: layers.length, created });
    descriptors.push({ mediaType: mt.manifest, digest: digestOf(manifest), size: manifest.length, platform: { os, architecture, ...(variant ? { variant } : {}) } });
  }
  if (platforms.length === 1 && !options.index) {
    const top = manifests[0]!;
    return { digest: top.digest, mediaType: top.mediaType, platforms: pushed, blobs, manifests: [], top };
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: mt.index, manifests: descriptors }));
  return { digest: digestOf(index), mediaType: mt.index, platforms: pushed, blobs, manifests, top: { digest: digestOf(index), mediaType: mt.index, bytes: index } };
}

/** Pushes an image as `repository:tag` (e.g. `library/node:22`) to the registry. */
export async function pushImage(reg: TestRegistry | string, nameTag: string, options: PushOptions = {}): Promise<PushedImage> {
  const base = typeof reg === 'string' ? reg : reg.url;
  const [repository, tag] = splitNameTag(nameTag);
  const authorization = typeof reg === 'string' ? undefined : reg.pushAuthorization(repository);
  const image = await buildImage(nameTag, options);
  for (const bytes of image.blobs.values()) await putBlob(base, repository, bytes, options.upload ?? 'monolithic', authorization);
  for (const m of image.manifests) await putManifest(base, repository, m.digest, m.bytes, m.mediaType, authorization);
  await putManifest(base, repository, tag, image.top.bytes, image.top.mediaType, authorization);
  return { digest: image.digest, mediaType: image.mediaType, platforms: image.platforms };
}

/** Writes the same image as an OCI image layout in `dir` (tag in `org.opencontainers.image.ref.name`). */
export async function writeOciLayout(dir: string, nameTag: string, options: PushOptions = {}): Promise<BuiltImage> {
  const image = await buildImage(nameTag, options);
  const [, tag] = splitNameTag(nameTag);
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const all = [...image.blobs.entries(), ...image.manifests.map((m) => [m.digest, m.bytes] as const), [image.top.digest, image.top.bytes] as const];
  for (const [digest, bytes] of all) await writeFile(join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes);
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(join(dir, 'index.json'), JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: image.top.mediaType, digest: image.top.digest, size: image.top.bytes.length, annotations: { 'org.opencontainers.image.ref.name': tag } }],
  }));
  return image;
}

/**
 * `skopeo copy --all oci:DIR:TAG docker://HOST/NAME:TAG` into a test registry, digests preserved.
 * skopeo 1.9 (Debian 12) only finds OCI media types in a layout's index.json: build it with `mediaTypes: 'oci'`.
 */
export async function skopeoCopy(layoutDir: string, tag: string, reg: TestRegistry, nameTag: string): Promise<void> {
  const creds = reg.auth === 'none' ? [] : ['--dest-creds', `${USER}:${PASSWORD}`];
  const r = await run('skopeo', ['copy', '--quiet', '--all', '--preserve-digests', '--dest-tls-verify=false', ...creds, `oci:${layoutDir}:${tag}`, `docker://${reg.host}/${nameTag}`]);
  if (r.code !== 0) throw new Error(`skopeo copy to ${reg.host}/${nameTag}: ${r.stderr.trim()}`);
}

function splitNameTag(nameTag: string): [string, string] {
  const colon = nameTag.lastIndexOf(':');
  return colon > nameTag.lastIndexOf('/') ? [nameTag.slice(0, colon), nameTag.slice(colon + 1)] : [nameTag, 'latest'];
}

function randomish(seed: string, n: number): Buffer {
  const out = Buffer.alloc(n);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < n; i += 32) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

async function putBlob(base: string, repository: string, bytes: Buffer, mode: 'monolithic' | 'chunked', authorization?: string): Promise<void> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const start = await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST', headers });
  await start.arrayBuffer();
  if (start.status !== 202) throw new Error(`blob upload start for ${repository}: HTTP ${start.status}`);
  let location = new URL(start.headers.get('location')!, base);
  let body = bytes;
  if (mode === 'chunked') {
    // PATCH the blob in chunks, then PUT an empty body with the digest.
    const size = Math.max(1, Math.ceil(bytes.length / 3));
    for (let at = 0; at < bytes.length; at += size) {
      const chunk = bytes.subarray(at, at + size);
      const patch = await fetch(location, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'application/octet-stream', 'content-range': `${at}-${at + chunk.length - 1}`, 'content-length': String(chunk.length) },
        body: new Uint8Array(chunk),
      });
      await patch.arrayBuffer();
      if (patch.status !== 202) throw new Error(`blob chunk upload for ${repository}: HTTP ${patch.status}`);
      location = new URL(patch.headers.get('location')!, base);
    }
    body = Buffer.alloc(0);
  }
  location.searchParams.set('digest', digestOf(bytes));
  const put = await fetch(location, { method: 'PUT', headers: { ...headers, 'content-type': 'application/octet-stream' }, body: new Uint8Array(body) });
  await put.arrayBuffer();
  if (put.status !== 201) throw new Error(`blob upload for ${repository}: HTTP ${put.status}`);
}

async function putManifest(base: string, repository: string, reference: string, bytes: Buffer, mediaType: string, authorization?: string): Promise<void> {
  const res = await fetch(`${base}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT', headers: { 'content-type': mediaType, ...(authorization ? { authorization } : {}) }, body: new Uint8Array(bytes),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`manifest put ${repository}:${reference}: HTTP ${res.status} ${text}`);
}
