// Random access into an uncompressed tar file (a `docker save` archive): one pass over the headers,
// skipping bodies with seeks, then each member is read by offset.
import { createReadStream } from 'node:fs';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { normalizeTarPath } from './filesystem.js';
import type { FileStore } from './layout.js';
import { BLOB_READ, ImageSourceError } from './types.js';

interface Member {
  offset: number;
  size: number;
  link: string | null;
}

function octal(buf: Buffer, start: number, len: number): number {
  // Base-256 (GNU) for sizes over 8 GiB: high bit set in the first byte.
  if (buf[start]! & 0x80) {
    let n = 0;
    for (let i = start + 1; i < start + len; i++) n = n * 256 + buf[i]!;
    return n;
  }
  const s = buf.toString('latin1', start, start + len).replace(/\0.*$/, '').trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function cstr(buf: Buffer, start: number, len: number): string {
  const end = buf.indexOf(0, start);
  return buf.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
}

function paxRecords(body: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const sp = body.indexOf(0x20, i);
    if (sp === -1) break;
    const len = parseInt(body.toString('latin1', i, sp), 10);
    if (!(len > 0)) break;
    const rec = body.toString('utf8', sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

/** Header records (long names, pax) and members read whole into memory: real ones are far smaller. */
const MAX_META = 1024 * 1024;
const MAX_READ = 64 * 1024 * 1024;
const MAX_MEMBERS = 1_000_000;

export async function indexTar(file: string): Promise<FileStore> {
  // Opened without blocking (a FIFO named as an archive would wait for a writer forever).
  const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => {
    throw new ImageSourceError(`${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  const members = new Map<string, Member>();
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new ImageSourceError(`${file}: not a regular file`);
    const fileSize = st.size;
    const header = Buffer.alloc(512);
    let pos = 0;
    let longName: string | null = null;
    let longLink: string | null = null;
    let pax = new Map<string, string>();
    while (pos + 512 <= fileSize) {
      await fh.read(header, 0, 512, pos);
      if (header.every((b) => b === 0)) break;
      if (header.toString('latin1', 257, 262) !== 'ustar' && pos === 0) throw new ImageSourceError(`${file}: not a tar archive`);
      const size = pax.has('size') ? Number(pax.get('size')) : octal(header, 124, 12);
      const type = String.fromCharCode(header[156] || 0x30);
      const body = pos + 512;
      // A size is a claim: it must be a whole number that fits in the file (a negative one looped forever).
      if (!Number.isSafeInteger(size) || size < 0) throw new ImageSourceError(`${file}: a member at offset ${pos} has an invalid size`);
      if (size > fileSize - body) throw new ImageSourceError(`${file}: a member at offset ${pos} claims ${size} bytes, past the end of the archive`);
      if (members.size >= MAX_MEMBERS) throw new ImageSourceError(`${file}: more than ${MAX_MEMBERS} members`);
      const readBody = async (): Promise<Buffer> => {
        if (size > MAX_META) throw new ImageSourceError(`${file}: a header record of ${size} bytes (at most ${MAX_META})`);
        const b = Buffer.alloc(size);
        await fh.read(b, 0, size, body);
        return b;
      };
      if (type === 'L') longName = cstr(await readBody(), 0, size);
      else if (type === 'K') longLink = cstr(await readBody(), 0, size);
      else if (type === 'x') pax = paxRecords(await readBody());
      else if (type !== 'g') {
        const prefix = cstr(header, 345, 155);
        const raw = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${cstr(header, 0, 100)}` : cstr(header, 0, 100));
        const linkname = pax.get('linkpath') ?? longLink ?? cstr(header, 157, 100);
        const path = normalizeTarPath(raw);
        if (type === '2') members.set(path, { offset: body, size, link: normalizeTarPath(`${path}/../${linkname}`) });
        else if (type === '1') members.set(path, { offset: body, size, link: normalizeTarPath(linkname) });
        else if (type === '0' || type === '\0' || type === '7') members.set(path, { offset: body, size, link: null });
        longName = longLink = null;
        pax = new Map();
      }
      pos = body + Math.ceil(size / 512) * 512;
    }
  } finally {
    await fh.close();
  }
  const find = (path: string): Member | null => {
    let m = members.get(normalizeTarPath(path));
    for (let hops = 0; m?.link && hops < 40; hops++) m = members.get(m.link);
    return m && !m.link ? m : null;
  };
  return {
    read: async (path) => {
      const m = find(path);
      if (!m) return null;
      if (m.size > MAX_READ) throw new ImageSourceError(`${file}: ${path} is ${m.size} bytes, more than a manifest or config can be`);
      const h = await open(file, 'r');
      try {
        const b = Buffer.alloc(m.size);
        await h.read(b, 0, m.size, m.offset);
        return b;
      } finally {
        await h.close();
      }
    },
    open: async (path) => {
      const m = find(path);
      if (!m) throw new ImageSourceError(`${file}: ${path} is missing from the archive`);
      return m.size === 0 ? Readable.from([]) : createReadStream(file, { start: m.offset, end: m.offset + m.size - 1, highWaterMark: BLOB_READ });
    },
  };
}
