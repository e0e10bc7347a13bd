// Package databases as text: dpkg's status (and distroless status.d), apk's installed.
import { ImageSourceError, type PackageItem } from './types.js';

/**
 * Packages per database past which it is refused: real images hold a few hundred to a few
 * thousand; 59 MiB of the smallest stanzas dpkg would list are 1.5 million (1 GiB of objects).
 */
export const MAX_PACKAGES = 100_000;

/** The one message for a database past MAX_PACKAGES (dpkg, apk, rpm). */
export function tooMany(): ImageSourceError {
  return new ImageSourceError(`a package database with more than ${MAX_PACKAGES.toLocaleString('en-US')} packages: not a real one, the image is not read`);
}

/**
 * Refuses a database with more than MAX_PACKAGES blank-line-separated blocks before it becomes a
 * string and objects: a count over the bytes costs a scan, the objects cost a gigabyte.
 */
export function checkPackageCount(db: Buffer): void {
  let blocks = 0;
  for (let at = db.indexOf('\n\n'); at !== -1; at = db.indexOf('\n\n', at + 2)) if (++blocks > MAX_PACKAGES) throw tooMany();
}

/** The lines of a text, one at a time (a split would hold every line of a 64 MiB database at once). */
function* linesOf(text: string): Generator<string> {
  for (let at = 0; at <= text.length; ) {
    let nl = text.indexOf('\n', at);
    if (nl === -1) nl = text.length;
    yield text.charCodeAt(nl - 1) === 13 ? text.slice(at, nl - 1) : text.slice(at, nl);
    at = nl + 1;
  }
}

/** RFC 822-like stanzas separated by blank lines; continuation lines start with a space or tab. */
export function parseStanzas(text: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let cur = new Map<string, string>();
  let last: string | null = null;
  for (const line of linesOf(text)) {
    if (line.trim() === '') {
      if (cur.size > 0 && out.push(cur) > MAX_PACKAGES) throw tooMany();
      cur = new Map();
      last = null;
    } else if ((line[0] === ' ' || line[0] === '\t') && last) {
      cur.set(last, `${cur.get(last)}\n${line.trim()}`);
    } else {
      const i = line.indexOf(':');
      if (i <= 0) continue;
      last = line.slice(0, i).trim();
      cur.set(last, line.slice(i + 1).trim());
    }
  }
  if (cur.size > 0 && out.push(cur) > MAX_PACKAGES) throw tooMany();
  return out;
}

// dpkg states that mean the package's files are (at least partly) on disk; `config-files` and
// `not-installed` leave only configuration or nothing.
const DPKG_PRESENT = new Set(['installed', 'half-installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending']);

/** Installed packages of a dpkg status file (or one status.d file, which may lack `Status`). */
export function parseDpkgStatus(text: string): PackageItem[] {
  const items: PackageItem[] = [];
  for (const s of parseStanzas(text)) {
    const name = s.get('Package');
    if (!name) continue;
    const status = s.get('Status');
    if (status !== undefined && !DPKG_PRESENT.has(status.split(/\s+/)[2] ?? '')) continue;
    // `Source: name (version)` when the source version differs from the binary's.
    const src = /^(\S+)(?:\s+\((\S+)\))?/.exec(s.get('Source') ?? '');
    const item: PackageItem = { name, version: s.get('Version') ?? '', source: src?.[1] || name, architecture: s.get('Architecture') ?? null };
    if (src?.[2] && src[2] !== item.version) item.sourceVersion = src[2];
    items.push(item);
  }
  return items;
}

/** apk's installed database: `P:` name, `V:` version, `A:` arch, `o:` origin, one block per package. */
export function parseApkInstalled(text: string): PackageItem[] {
  const items: PackageItem[] = [];
  let cur: Partial<Record<string, string>> = {};
  const flush = (): void => {
    if (cur.P && items.push({ name: cur.P, version: cur.V ?? '', source: cur.o || cur.P, architecture: cur.A ?? null }) > MAX_PACKAGES) throw tooMany();
    cur = {};
  };
  for (const line of linesOf(text)) {
    if (line === '') flush();
    else if (line[1] === ':' && !(line[0]! in cur)) cur[line[0]!] = line.slice(2);
  }
  flush();
  return items;
}

export function sortPackages(items: PackageItem[]): PackageItem[] {
  return items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}
