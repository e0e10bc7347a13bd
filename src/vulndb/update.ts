// `plinth db update`: fetch each OSV dump (https, file://, or http to a loopback mirror), spool it to a
// private temporary file while hashing it, read its records one at a time, and write a new generation
// of the index; only when every dump is read does `current` move to it. Any failure leaves it alone.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, writeSync } from 'node:fs';
import { link, mkdir, open, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { atomicWriteFile } from '../util/atomic.js';
import { DUMPS, recordEntries, VulnDbError } from './osv.js';
import type { Cvss4Scorer } from './severity.js';
import { indexFileName, openDb } from './store.js';
import type { PackageEcosystem } from '../image/types.js';
import { INDEX_MAGIC, type DbMeta, type IndexHeader, type SourceMeta } from './types.js';
import { zipJsonEntries } from './zip.js';

export const DEFAULT_SOURCE = 'https://osv-vulnerabilities.storage.googleapis.com';
/** Largest dump plinth downloads (Ubuntu's, the largest, is a few hundred MiB). */
export const MAX_DUMP_BYTES = 4 * 1024 * 1024 * 1024;
const IDLE_MS = 60_000;

export interface UpdateOptions {
  dir: string;
  /** Base URL: the dump of ecosystem E is `<source>/<E>/all.zip`. */
  source?: string;
  /** OSV ecosystems to fetch (`Debian`, `Alpine`, ...); all plinth reads when empty. */
  ecosystems?: string[];
  now?: () => Date;
  /** Called with one line per step, for the user to see progress. */
  progress?: (line: string) => void;
}

export interface UpdateResult {
  meta: DbMeta;
  generation: string;
}

/** The dump names for what the user typed, case-insensitively (`debian` -> `Debian`). */
export function resolveEcosystems(names: string[]): string[] {
  if (names.length === 0) return Object.keys(DUMPS);
  return [...new Set(names.map((n) => {
    const hit = Object.keys(DUMPS).find((d) => d.toLowerCase() === n.toLowerCase() || d.toLowerCase().replace(/\s+/g, '-') === n.toLowerCase());
    if (!hit) throw new VulnDbError(`unknown ecosystem '${n}' (plinth reads ${Object.keys(DUMPS).join(', ')})`);
    return hit;
  }))];
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** Only https, file:, and plain http to this machine: vulnerability data decides what CI lets through. */
function checkUrl(url: URL): void {
  if (url.protocol === 'https:' || url.protocol === 'file:') return;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return;
  throw new VulnDbError(`refusing ${url.protocol.replace(':', '')} for ${url.host || url.href}: vulnerability data comes over https, file:// or http to 127.0.0.1 only`);
}

async function openBody(url: URL): Promise<{ body: Readable; lastModified: string | null }> {
  if (url.protocol === 'file:') {
    const path = fileURLToPath(url);
    const body = createReadStream(path);
    await new Promise<void>((resolve, reject) => body.once('open', () => resolve()).once('error', (err) => reject(new VulnDbError(`${path}: ${(err as NodeJS.ErrnoException).code ?? err.message}`))));
    return { body, lastModified: null };
  }
  let current = url;
  for (let hops = 0; hops < 5; hops++) {
    checkUrl(current);
    // The timer covers the wait for headers only; spool() watches the body for stalls.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), IDLE_MS);
    const res = await fetch(current, { redirect: 'manual', signal: controller.signal })
      .catch((err: Error) => {
        throw new VulnDbError(`${current.host}: ${controller.signal.aborted ? `no answer in ${IDLE_MS / 1000} s` : ((err.cause as Error | undefined)?.message ?? err.message)}`);
      })
      .finally(() => clearTimeout(timer));
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      await res.body?.cancel();
      current = new URL(res.headers.get('location')!, current);
      continue;
    }
    if (!res.ok || !res.body) throw new VulnDbError(`${current.href}: HTTP ${res.status}`);
    return { body: Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>), lastModified: res.headers.get('last-modified') };
  }
  throw new VulnDbError(`${url.href}: too many redirects`);
}

/** Copies a dump to `path` (mode 0600), bounded in size, hashing it; stalls longer than a minute fail. */
async function spool(url: URL, path: string): Promise<{ sha256: string; bytes: number; lastModified: string | null }> {
  // The file first: a body that fails while nothing iterates it would be an unhandled 'error'.
  const file = await open(path, 'wx', 0o600);
  let opened: Awaited<ReturnType<typeof openBody>>;
  try {
    opened = await openBody(url);
  } catch (err) {
    await file.close();
    throw err;
  }
  const { body, lastModified } = opened;
  const hash = createHash('sha256');
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;
  try {
    const idle = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => body.destroy(new VulnDbError(`${url.href}: no data for ${IDLE_MS / 1000} s`)), IDLE_MS);
    };
    idle();
    for await (const chunk of body as AsyncIterable<Buffer>) {
      idle();
      bytes += chunk.length;
      if (bytes > MAX_DUMP_BYTES) throw new VulnDbError(`${url.href}: larger than ${MAX_DUMP_BYTES} bytes`);
      hash.update(chunk);
      await file.write(chunk);
    }
  } catch (err) {
    if (err instanceof VulnDbError) throw err;
    throw new VulnDbError(`${url.href}: download failed (${(err as Error).message})`);
  } finally {
    clearTimeout(timer);
    body.destroy();
    await file.close();
  }
  return { sha256: `sha256:${hash.digest('hex')}`, bytes, lastModified };
}

/**
 * Entries of one release as they are read: `"package"\tjson` lines appended to a private file in the
 * new generation, so memory holds no release's entries while the dump is read (a Debian-sized dump
 * held 100 MB of them in memory; its releases are grouped one at a time afterwards).
 */
class ReleaseSpool {
  readonly path: string;
  #fd: number;
  #pending = '';
  constructor(path: string) {
    this.path = path;
    this.#fd = openSync(path, 'wx', 0o600);
  }
  add(line: string): void {
    this.#pending += line;
    if (this.#pending.length > 1 << 15) this.flush();
  }
  flush(): void {
    if (this.#pending) writeSync(this.#fd, this.#pending);
    this.#pending = '';
  }
  close(): void {
    this.flush();
    closeSync(this.#fd);
  }
  /** The release's entries by package, in the order they came. */
  group(): Map<string, string[]> {
    const pkgs = new Map<string, string[]>();
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const name = JSON.parse(line.slice(0, tab)) as string;
      const list = pkgs.get(name);
      if (list) list.push(line.slice(tab + 1));
      else pkgs.set(name, [line.slice(tab + 1)]);
    }
    return pkgs;
  }
}

/** Reads one spooled dump, each entry to its release's spool. */
async function readDump(path: string, dump: string, url: string, spoolFor: (release: string) => ReleaseSpool, cvss4: Cvss4Scorer): Promise<{ records: number; withdrawn: number }> {
  let records = 0;
  let withdrawn = 0;
  for await (const { name, bytes } of zipJsonEntries(path, url)) {
    let record: unknown;
    try {
      record = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new VulnDbError(`${url}: ${name} is not JSON`);
    }
    let entries;
    try {
      entries = recordEntries(record, dump, cvss4);
    } catch (err) {
      throw new VulnDbError(`${url}: ${name}: ${(err as Error).message}`);
    }
    records++;
    if (entries === 'withdrawn') {
      withdrawn++;
      continue;
    }
    for (const e of entries) spoolFor(e.release).add(`${JSON.stringify(e.packageName)}\t${JSON.stringify(e.vuln)}\n`);
  }
  return { records, withdrawn };
}

/** A release's index file (see INDEX_MAGIC), written from the entries' JSON texts package by package. */
async function writeIndex(path: string, release: string, ecosystem: PackageEcosystem, pkgs: Map<string, string[]>): Promise<void> {
  const header: IndexHeader = { release, packageEcosystem: ecosystem, packages: {} };
  let offset = 0;
  for (const [name, list] of pkgs) {
    // `[a,b,c]`: the texts, the commas between them and the brackets.
    const length = list.reduce((n, t) => n + Buffer.byteLength(t), 0) + list.length + 1;
    header.packages[name] = [offset, length];
    offset += length;
  }
  const file = await open(path, 'wx', 0o600);
  try {
    await file.write(`${INDEX_MAGIC}\n${JSON.stringify(header)}\n`);
    // Small pieces: strings past ~128 KiB go to V8's large-object space, which only a full GC frees
    // (1 MiB pieces raised the peak RSS by 50 MiB on a Debian-sized dump).
    let chunk = '';
    for (const list of pkgs.values()) {
      chunk += `[${list.join(',')}]`;
      if (chunk.length > 1 << 15) {
        await file.write(chunk);
        chunk = '';
      }
    }
    await file.write(chunk);
  } finally {
    await file.close();
  }
}

export async function updateDb(options: UpdateOptions): Promise<UpdateResult> {
  const now = options.now ?? (() => new Date());
  const source = (options.source ?? DEFAULT_SOURCE).replace(/\/+$/, '');
  let base: URL;
  try {
    base = new URL(`${source}/`);
  } catch {
    throw new VulnDbError(`--source ${source}: not a URL`);
  }
  checkUrl(base);
  const dumps = resolveEcosystems(options.ecosystems ?? []);
  // Loaded here, not imported at the top: only db update rates records, and the calculator is big.
  const { cvss4Score } = await import('./cvss4.js');
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const previous = await openDb(options.dir).catch(() => null);
  const generation = `gen-${now().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
  const genDir = join(options.dir, generation);
  const meta: DbMeta = { schema: 1, updatedAt: now().toISOString(), sources: {}, files: {} };
  let ok = false;
  try {
    await mkdir(genDir, { mode: 0o700 });
    for (const dump of dumps) {
      const url = new URL(`${encodeURIComponent(dump)}/all.zip`, base);
      const shown = url.protocol === 'file:' ? fileURLToPath(url) : url.href;
      const tmp = join(options.dir, `.download-${process.pid}-${randomBytes(6).toString('hex')}.zip`);
      try {
        options.progress?.(`fetching ${dump} from ${shown}`);
        const got = await spool(url, tmp);
        const spools = new Map<string, ReleaseSpool>();
        const spoolFor = (release: string): ReleaseSpool => {
          let sp = spools.get(release);
          if (!sp) spools.set(release, (sp = new ReleaseSpool(join(genDir, `.entries-${spools.size}`))));
          return sp;
        };
        let counts: { records: number; withdrawn: number };
        try {
          counts = await readDump(tmp, dump, shown, spoolFor, cvss4Score);
        } finally {
          for (const sp of spools.values()) sp.close();
        }
        const names = [...spools.keys()].sort();
        for (const [release, sp] of spools) {
          const file = indexFileName(release);
          await writeIndex(join(genDir, file), release, DUMPS[dump]!, sp.group());
          await rm(sp.path, { force: true });
          meta.files[release] = file;
        }
        const sm: SourceMeta = { ecosystem: dump, url: shown, fetchedAt: now().toISOString(), lastModified: got.lastModified, sha256: got.sha256, bytes: got.bytes, records: counts.records, withdrawn: counts.withdrawn, releases: names };
        meta.sources[dump] = sm;
        options.progress?.(`${dump}: ${counts.records} records, ${names.length} releases`);
      } finally {
        await rm(tmp, { force: true });
      }
    }
    // Dumps not fetched this time keep their previous data.
    if (previous) {
      for (const [dump, sm] of Object.entries(previous.meta.sources)) {
        if (meta.sources[dump] || !Object.hasOwn(DUMPS, dump)) continue;
        meta.sources[dump] = sm;
        for (const release of sm.releases) {
          const file = previous.meta.files[release];
          if (typeof file !== 'string' || !/^[0-9A-Za-z._%-]+\.json$/.test(file)) continue;
          await link(join(options.dir, previous.generation, file), join(genDir, file));
          meta.files[release] = file;
        }
      }
    }
    await writeFile(join(genDir, 'meta.json'), JSON.stringify(meta, null, 2), { mode: 0o600 });
    await atomicWriteFile(join(options.dir, 'current'), `${generation}\n`, 0o600);
    ok = true;
  } finally {
    if (!ok) await rm(genDir, { recursive: true, force: true });
  }
  // Older generations go; the one just replaced stays for a reader that opened it a moment ago.
  for (const name of await readdir(options.dir)) {
    if (name.startsWith('gen-') && name !== generation && name !== previous?.generation) await rm(join(options.dir, name), { recursive: true, force: true });
  }
  return { meta, generation };
}
