// Small, bounded reads of the build context: the detectors never walk node_modules or .git.
// Each directory is listed once per scan, and a file missing from its listing costs no system
// call: most detectors look for files a context does not have. Nothing outside the context is
// read: no `..` in a path a file names (`-r ../secrets.txt`), and a symlink is followed only to a
// regular file inside it.

import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { readRegularFile } from '../util/read-regular.js';
import { isAbsolute, join, relative } from 'node:path';

const MAX_BYTES = 32 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git', 'vendor', 'target', 'dist', 'build', '.venv', 'venv', '__pycache__', 'bin', 'obj']);

/** One build-context directory, read through cached listings. Paths are relative, `/`-separated. */
export class ContextDir {
  readonly root: string;
  #listings = new Map<string, Dirent[] | null>();

  constructor(root: string) {
    this.root = root;
  }

  /** The entries of a sub directory ('' for the root), in the order the file system gives. */
  list(rel: string): Dirent[] | null {
    let l = this.#listings.get(rel);
    if (l === undefined) {
      try {
        // A sub directory its parent's listing does not name costs no system call (the node detector
        // asks after node_modules/<pkg> for every locked package, most contexts have no node_modules);
        // one that is a symlink out of the context is not listed.
        const dir = rel ? (this.#listed(rel) ? this.#inside(rel) : null) : this.root;
        l = dir === null ? null : readdirSync(dir, { withFileTypes: true });
      } catch {
        l = null;
      }
      this.#listings.set(rel, l);
    }
    return l;
  }

  /**
   * Whether the listing of the file's directory names it (no system call when it does not). A scan
   * of the entries: the detectors ask for a few names per directory, and a set of all the names
   * costs more to build than those scans.
   */
  #listed(rel: string): boolean {
    const slash = rel.lastIndexOf('/');
    const l = this.list(slash < 0 ? '' : rel.slice(0, slash));
    if (l === null) return false;
    const name = slash < 0 ? rel : rel.slice(slash + 1);
    for (const e of l) if (e.name === name) return true;
    return false;
  }

  #realRoot: string | undefined;

  /** The real path of a file in the context, or null when it resolves outside it (or is no path of it). */
  #inside(rel: string): string | null {
    if (isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) return null;
    try {
      this.#realRoot ??= realpathSync(this.root);
      const real = realpathSync(join(this.root, rel));
      const back = relative(this.#realRoot, real);
      return back.startsWith('..') || isAbsolute(back) ? null : real;
    } catch {
      return null;
    }
  }

  /** The text of a regular file in the context (BOM dropped), or null when it is missing, not a file, too big or outside. */
  readText(rel: string): string | null {
    if (!this.#listed(rel)) return null;
    const path = this.#inside(rel);
    if (path === null) return null;
    try {
      // (Checked on the open descriptor: a file swapped for a FIFO after the listing cannot hang it.)
      return readRegularFile(path, MAX_BYTES).replace(/^\uFEFF/, '');
    } catch {
      return null;
    }
  }

  /** The first `max` bytes of a regular file in the context, or null (missing, not a file, outside). */
  readHead(rel: string, max: number): Buffer | null {
    if (!this.#listed(rel)) return null;
    const path = this.#inside(rel);
    if (path === null) return null;
    let fd: number | null = null;
    try {
      // Opened without blocking and checked on the descriptor: a FIFO swapped in cannot hang it.
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      if (!fstatSync(fd).isFile()) return null;
      const buf = Buffer.alloc(max);
      return buf.subarray(0, readSync(fd, buf, 0, max, 0));
    } catch {
      return null;
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }

  /** A directory of the context as a context of its own (a monorepo service's folder), or null. */
  subdir(rel: string): ContextDir | null {
    if (!this.#listed(rel)) return null;
    const path = this.#inside(rel);
    try {
      return path !== null && statSync(path).isDirectory() ? new ContextDir(path) : null;
    } catch {
      return null;
    }
  }

  exists(rel: string): boolean {
    return this.#listed(rel) && this.#inside(rel) !== null;
  }

  /**
   * Files (relative paths) whose name matches, depth-limited, skipping dependency folders; in name
   * order (code units, locale-independent), sorting only the entries that count.
   */
  findFiles(match: (name: string) => boolean, maxDepth = 3, limit = 400): string[] {
    const out: string[] = [];
    const walk = (rel: string, depth: number): void => {
      const all = this.list(rel);
      if (!all) return;
      const entries = all.filter((e) => (e.isDirectory() ? depth < maxDepth && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.') : e.isFile() && match(e.name)));
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (out.length >= limit) return;
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(path, depth + 1);
        else out.push(path);
      }
    };
    walk('', 0);
    return out;
  }
}

/** 1-based line of the first match of `re` in text, or null. */
export function lineOf(text: string, re: RegExp): number | null {
  const m = re.exec(text);
  if (!m) return null;
  let line = 1;
  for (let i = 0; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Compares dotted numeric versions: negative when a < b. Non-numeric parts compare as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
