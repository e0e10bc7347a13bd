// Builds real images for the image/ tests: tar layers (gzip, zstd through the zstd CLI, or none) in an
// OCI image layout on disk, and `docker save` archives (legacy and OCI layouts) made from it.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { decompress as zstdDecompress } from 'fzstd';
import initSqlJs from 'sql.js';

export type Entry =
  | { path: string; content: string | Buffer; mode?: number }
  | { path: string; dir: true }
  | { path: string; symlink: string }
  | { path: string; hardlink: string };

export type Compression = 'gzip' | 'zstd' | 'none';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: { os: string; architecture: string; variant?: string };
}

export interface ImageConfigSpec {
  Env?: string[];
  User?: string;
  Entrypoint?: string[];
  Cmd?: string[];
  Labels?: Record<string, string>;
}

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A bare 512-byte ustar header, for hand-made hostile archives (readers here do not check its checksum). */
export function ustarHeader(name: string, size: string, type: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write(`${size}\0`, 124, 'latin1');
  h.write(type, 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  return h;
}

export async function tarOf(entries: Entry[]): Promise<Buffer> {
  const p = tarPack();
  const chunks: Buffer[] = [];
  p.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((res, rej) => {
    p.on('end', () => res());
    p.on('error', rej);
  });
  const mtime = new Date(0);
  for (const e of entries) {
    if ('content' in e) p.entry({ name: e.path, mode: e.mode ?? 0o644, mtime }, Buffer.from(e.content));
    else if ('dir' in e) p.entry({ name: e.path, type: 'directory', mode: 0o755, mtime });
    else if ('symlink' in e) p.entry({ name: e.path, type: 'symlink', linkname: e.symlink, mtime });
    else p.entry({ name: e.path, type: 'link', linkname: e.hardlink, mtime });
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

export function compress(tar: Buffer, c: Compression): Buffer {
  if (c === 'gzip') return gzipSync(tar);
  if (c === 'zstd') {
    const r = spawnSync('zstd', ['-q', '-c', '-3'], { input: tar, maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`zstd failed: ${r.stderr?.toString()}`);
    return r.stdout;
  }
  return tar;
}

export function decompress(blob: Buffer): Buffer {
  if (blob[0] === 0x1f && blob[1] === 0x8b) return gunzipSync(blob);
  if (blob[0] === 0x28 && blob[1] === 0xb5) return Buffer.from(zstdDecompress(blob));
  return blob;
}

const LAYER_TYPES: Record<Compression, string> = {
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  none: 'application/vnd.oci.image.layer.v1.tar',
};

/** An OCI image layout being written: blobs as they are added, index.json at `finish()`. */
export class LayoutBuilder {
  readonly manifests: Descriptor[] = [];
  private constructor(readonly dir: string) {}

  static async create(dir?: string): Promise<LayoutBuilder> {
    const d = dir ?? (await mkdtemp(join(tmpdir(), 'plinth-oci-')));
    await mkdir(join(d, 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(d, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    return new LayoutBuilder(d);
  }

  async addBlob(body: Buffer, mediaType: string): Promise<Descriptor> {
    const digest = sha256(body);
    await writeFile(join(this.dir, 'blobs', 'sha256', digest.slice(7)), body);
    return { mediaType, digest, size: body.length };
  }

  /** A layer from entries: returns its descriptor and diff id. */
  async layer(entries: Entry[], c: Compression = 'gzip'): Promise<{ desc: Descriptor; diffId: string }> {
    const tar = await tarOf(entries);
    return { desc: await this.addBlob(compress(tar, c), LAYER_TYPES[c]), diffId: sha256(tar) };
  }

  /** A layer from a real directory tree (GNU tar, then gzip -1 or zstd -3), streamed through files, never held in memory. */
  async layerFromDir(root: string, c: 'gzip' | 'zstd' = 'gzip'): Promise<{ desc: Descriptor; diffId: string }> {
    const tmpTar = join(this.dir, `.layer-${process.pid}-${Date.now()}.tar`);
    execFileSync('tar', ['--numeric-owner', '--sort=name', '-C', root, '-cf', tmpTar, '.']);
    const diffId = `sha256:${execFileSync('sha256sum', [tmpTar]).toString().split(' ')[0]}`;
    if (c === 'gzip') execFileSync('gzip', ['-1', '-f', tmpTar]);
    else execFileSync('zstd', ['-q', '-3', '--rm', '-f', tmpTar]);
    const packed = `${tmpTar}.${c === 'gzip' ? 'gz' : 'zst'}`;
    const digest = `sha256:${execFileSync('sha256sum', [packed]).toString().split(' ')[0]}`;
    const size = Number(execFileSync('stat', ['-c', '%s', packed]).toString().trim());
    await rename(packed, join(this.dir, 'blobs', 'sha256', digest.slice(7)));
    return { desc: { mediaType: LAYER_TYPES[c], digest, size }, diffId };
  }

  /** An image manifest over the layers; listed in index.json under `tag` unless `inIndex` is false. */
  async image(
    layers: { desc: Descriptor; diffId: string }[],
    opts: { tag?: string; config?: ImageConfigSpec; architecture?: string; os?: string; variant?: string; inIndex?: boolean } = {},
  ): Promise<Descriptor> {
    const platform = { os: opts.os ?? 'linux', architecture: opts.architecture ?? 'amd64', ...(opts.variant ? { variant: opts.variant } : {}) };
    const config = { ...platform, created: '2025-01-01T00:00:00Z', config: opts.config ?? {}, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) } };
    const cfg = await this.addBlob(Buffer.from(JSON.stringify(config)), 'application/vnd.oci.image.config.v1+json');
    const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: cfg, layers: layers.map((l) => l.desc) };
    const desc = await this.addBlob(Buffer.from(JSON.stringify(manifest)), manifest.mediaType);
    const listed: Descriptor = { ...desc, platform, ...(opts.tag ? { annotations: { 'org.opencontainers.image.ref.name': opts.tag } } : {}) };
    if (opts.inIndex !== false) this.manifests.push(listed);
    return listed;
  }

  /** A multi-platform index over image manifests, listed in index.json under `tag`. */
  async index(images: Descriptor[], tag: string): Promise<Descriptor> {
    const index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: images.map(({ annotations: _a, ...d }) => d) };
    const desc = await this.addBlob(Buffer.from(JSON.stringify(index)), index.mediaType);
    const listed = { ...desc, annotations: { 'org.opencontainers.image.ref.name': tag } };
    this.manifests.push(listed);
    return listed;
  }

  async finish(): Promise<string> {
    await writeFile(join(this.dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: this.manifests }));
    return this.dir;
  }

  async readJson<T>(digest: string): Promise<T> {
    return JSON.parse((await readFile(join(this.dir, 'blobs', 'sha256', digest.slice(7)))).toString()) as T;
  }
}

/**
 * A `docker save` tarball of one platform image of the layout: `legacy` (manifest.json, <id>/layer.tar
 * uncompressed, <hex>.json config), `oci` (index.json + blobs, as Docker 25+ writes, with a manifest.json
 * pointing into blobs), or `oci-only` (no manifest.json).
 */
export async function writeDockerArchive(layout: LayoutBuilder, image: Descriptor, file: string, style: 'legacy' | 'oci' | 'oci-only', repoTag: string): Promise<string> {
  const stage = await mkdtemp(join(tmpdir(), 'plinth-save-'));
  try {
    const manifest = await layout.readJson<{ config: Descriptor; layers: Descriptor[] }>(image.digest);
    const top: string[] = [];
    if (style === 'legacy') {
      const cfgName = `${manifest.config.digest.slice(7)}.json`;
      await copyFile(join(layout.dir, 'blobs', 'sha256', manifest.config.digest.slice(7)), join(stage, cfgName));
      const layerPaths: string[] = [];
      for (const l of manifest.layers) {
        const tar = decompress(await readFile(join(layout.dir, 'blobs', 'sha256', l.digest.slice(7))));
        const id = createHash('sha256').update(tar).digest('hex');
        await mkdir(join(stage, id), { recursive: true });
        await writeFile(join(stage, id, 'layer.tar'), tar);
        await writeFile(join(stage, id, 'VERSION'), '1.0');
        layerPaths.push(`${id}/layer.tar`);
        top.push(id);
      }
      await writeFile(join(stage, 'manifest.json'), JSON.stringify([{ Config: cfgName, RepoTags: [repoTag], Layers: layerPaths }]));
      top.push(cfgName, 'manifest.json');
    } else {
      await mkdir(join(stage, 'blobs', 'sha256'), { recursive: true });
      for (const d of [image, manifest.config, ...manifest.layers]) {
        await copyFile(join(layout.dir, 'blobs', 'sha256', d.digest.slice(7)), join(stage, 'blobs', 'sha256', d.digest.slice(7)));
      }
      const tag = repoTag.split(':').pop()!;
      const listed = { ...image, annotations: { 'io.containerd.image.name': `docker.io/library/${repoTag}`, 'org.opencontainers.image.ref.name': tag } };
      await writeFile(join(stage, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [listed] }));
      await writeFile(join(stage, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
      top.push('blobs', 'index.json', 'oci-layout');
      if (style === 'oci') {
        await writeFile(join(stage, 'manifest.json'), JSON.stringify([{ Config: `blobs/sha256/${manifest.config.digest.slice(7)}`, RepoTags: [repoTag], Layers: manifest.layers.map((l) => `blobs/sha256/${l.digest.slice(7)}`) }]));
        top.push('manifest.json');
      }
    }
    execFileSync('tar', ['-C', stage, '-cf', file, ...top]);
    return file;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

export interface RpmSpec {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  arch: string;
  sourcerpm?: string;
}

/**
 * An rpm header blob as rpm stores it in rpmdb.sqlite: count of index entries, data length, the
 * entries (tag, type, offset, count; big-endian, sorted by tag) and the data, with the immutable
 * region tag (63) first and its trailer at the end of the data, as rpm writes them.
 */
export function rpmHeaderBlob(p: RpmSpec): Buffer {
  const tags: { tag: number; type: number; data: Buffer; count: number }[] = [];
  const str = (tag: number, v: string): void => void tags.push({ tag, type: 6, data: Buffer.from(`${v}\0`), count: 1 });
  str(1000, p.name);
  str(1001, p.version);
  str(1002, p.release);
  if (p.epoch !== undefined) {
    const b = Buffer.alloc(4);
    b.writeInt32BE(p.epoch);
    tags.push({ tag: 1003, type: 4, data: b, count: 1 });
  }
  str(1022, p.arch);
  if (p.sourcerpm) str(1044, p.sourcerpm);
  tags.push({ tag: 1004, type: 9, data: Buffer.from('a test package\0'), count: 1 }); // summary (i18n)
  tags.sort((a, b) => a.tag - b.tag);
  const il = tags.length + 1;
  const parts: Buffer[] = [];
  let off = 0;
  const index: Buffer[] = [];
  for (const t of tags) {
    if (t.type === 4 && off % 4) {
      parts.push(Buffer.alloc(4 - (off % 4)));
      off += 4 - (off % 4);
    }
    const e = Buffer.alloc(16);
    e.writeUInt32BE(t.tag, 0);
    e.writeUInt32BE(t.type, 4);
    e.writeUInt32BE(off, 8);
    e.writeUInt32BE(t.count, 12);
    index.push(e);
    parts.push(t.data);
    off += t.data.length;
  }
  const trailer = Buffer.alloc(16);
  trailer.writeUInt32BE(63, 0);
  trailer.writeUInt32BE(7, 4);
  trailer.writeInt32BE(-il * 16, 8);
  trailer.writeUInt32BE(16, 12);
  const region = Buffer.alloc(16);
  region.writeUInt32BE(63, 0);
  region.writeUInt32BE(7, 4);
  region.writeUInt32BE(off, 8);
  region.writeUInt32BE(16, 12);
  parts.push(trailer);
  const data = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(il, 0);
  head.writeUInt32BE(data.length, 4);
  return Buffer.concat([head, region, ...index, data]);
}

/** An rpmdb.sqlite with rpm's Packages table (plus an index table, as rpm has) holding the headers. */
export async function rpmdbSqlite(pkgs: RpmSpec[]): Promise<Buffer> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
  db.run('CREATE TABLE Name (key TEXT NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL, FOREIGN KEY (hnum) REFERENCES Packages(hnum))');
  for (const p of pkgs) {
    db.run('INSERT INTO Packages (blob) VALUES (?)', [rpmHeaderBlob(p)]);
    db.run('INSERT INTO Name VALUES (?, last_insert_rowid(), 0)', [p.name]);
  }
  const bytes = Buffer.from(db.export());
  db.close();
  return bytes;
}

/**
 * A real Debian file system made by `debootstrap --variant=minbase`, cached in a temp directory shared
 * by the tests and the bench (built once, under a lock). Returns the root, or why it cannot be built.
 */
export async function debianTree(): Promise<{ root: string } | { skip: string }> {
  const cache = process.env.PLINTH_DEBIAN_TREE ?? join(tmpdir(), 'plinth-debootstrap-bookworm-minbase');
  const root = join(cache, 'root');
  const marker = join(cache, 'complete');
  const exists = async (p: string): Promise<boolean> => (await import('node:fs/promises')).stat(p).then(() => true, () => false);
  if (await exists(marker)) return { root };
  if (process.getuid?.() !== 0) return { skip: 'debootstrap needs root to build a Debian tree' };
  const debootstrap = ['/usr/sbin/debootstrap', '/usr/bin/debootstrap'];
  const bin = (await Promise.all(debootstrap.map(exists))).findIndex(Boolean);
  if (bin === -1) return { skip: 'debootstrap is not installed (apt-get install debootstrap)' };
  await mkdir(cache, { recursive: true });
  const lock = join(cache, 'lock');
  for (const deadline = Date.now() + 15 * 60_000; ; ) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (await exists(marker)) return { root };
      if (Date.now() > deadline) return { skip: `another process holds ${lock} for too long` };
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    if (await exists(marker)) return { root };
    const partial = join(cache, 'root.partial');
    await rm(partial, { recursive: true, force: true });
    const mirror = process.env.PLINTH_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
    const r = spawnSync(debootstrap[bin]!, ['--variant=minbase', 'bookworm', partial, mirror], { encoding: 'utf8', timeout: 15 * 60_000 });
    if (r.status !== 0) {
      await rm(partial, { recursive: true, force: true });
      const last = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').pop() ?? '';
      return { skip: `debootstrap from ${mirror} failed (no network to the mirror?): ${last}` };
    }
    await rm(root, { recursive: true, force: true });
    await rename(partial, root);
    await writeFile(marker, new Date().toISOString());
    return { root };
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Pushes an image of an OCI layout to a registry with skopeo (plain HTTP, loopback). */
export function skopeoPush(layoutDir: string, tag: string, dest: string): void {
  const r = spawnSync('skopeo', ['copy', '--quiet', '--preserve-digests', '--dest-tls-verify=false', `oci:${layoutDir}:${tag}`, `docker://${dest}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`skopeo copy to ${dest} failed: ${r.stderr.trim()}`);
}

/**
 * A real registry (Debian's docker-registry) on 127.0.0.1 with storage in a temp dir, for the image
 * tests and the bench when the registry harness is not wanted. Null when docker-registry is missing.
 */
export async function startLocalRegistry(): Promise<{ host: string; stop: () => Promise<void> } | null> {
  const bin = ['/usr/bin/docker-registry', '/usr/sbin/docker-registry'].find((p) => spawnSync('test', ['-x', p]).status === 0);
  if (!bin) return null;
  const { createServer } = await import('node:net');
  const port = await new Promise<number>((res, rej) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
    s.on('error', rej);
  });
  const dir = await mkdtemp(join(tmpdir(), 'plinth-registry-'));
  const config = join(dir, 'config.yml');
  await writeFile(config, `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  const { spawn } = await import('node:child_process');
  const proc = spawn(bin, ['serve', config], { stdio: 'ignore' });
  const host = `127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://${host}/v2/`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 100 || proc.exitCode !== null) {
      proc.kill();
      throw new Error(`docker-registry did not start on ${host}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    stop: async () => {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill();
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
