// Which files `plinth lint DIR` picks up: Dockerfile-named files, recursively, minus ignored ones.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { NotReadable, readRegularFile } from '../util/read-regular.js';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Ignore } from 'ignore';

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** `Dockerfile`, `Containerfile`, `*.Dockerfile`, `*.dockerfile`, `Dockerfile.*`. */
export function isDockerfileName(name: string): boolean {
  return name === 'Dockerfile' || name === 'Containerfile' || name.endsWith('.Dockerfile') || name.endsWith('.dockerfile') || name.startsWith('Dockerfile.');
}

// `ignore` loads on the first .gitignore found: linting one file, or a tree without one, never pays for it.
let ignoreFactory: (() => Ignore) | undefined;
const ignoreModule = async (): Promise<Ignore> => (ignoreFactory ??= (await import('ignore')).default)();

interface Rules {
  base: string;
  ig: Ignore;
}

/** A real .gitignore is a few kB; past this it is not read. */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

/**
 * The rules of a directory's .gitignore: a regular file only (git itself stopped following a
 * symlinked .gitignore in 2.32; one linked to /dev/zero would never end), opened without blocking
 * and checked on the descriptor, at most MAX_GITIGNORE_BYTES.
 */
async function gitignoreAt(dir: string, entry: Dirent, warnings: string[]): Promise<Rules | null> {
  const path = join(dir, '.gitignore');
  if (!entry.isFile()) {
    warnings.push(`${path}: ${entry.isSymbolicLink() ? 'a symlink' : 'not a regular file'}: not read (git does not follow it either)`);
    return null;
  }
  let text: string;
  try {
    text = readRegularFile(path, MAX_GITIGNORE_BYTES);
  } catch (err) {
    if (err instanceof NotReadable) warnings.push(`${path}: ${err.message}: not read`);
    return null;
  }
  return { base: dir, ig: (await ignoreModule()).add(text) };
}

function ignored(path: string, isDir: boolean, rules: Rules[]): boolean {
  for (const r of rules) {
    const rel = relative(r.base, path).split(sep).join('/');
    if (rel && r.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** How deep a directory walk goes: deeper trees are a hostile input's, not a repository's. */
export const MAX_DEPTH = 64;

/**
 * Dockerfiles under `root`, sorted, honouring every `.gitignore` from `root` down. The tree may come
 * from a stranger: the walk is a loop bounded in depth; a directory that cannot be read, a symlink
 * that leaves the tree or names anything but a regular file, are skipped with a warning (symlinked
 * directories are not followed).
 */
export async function discoverDockerfiles(root: string, warnings: string[] = []): Promise<string[]> {
  const out: string[] = [];
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const stack: { dir: string; rules: Rules[]; depth: number }[] = [{ dir: root, rules: [], depth: 0 }];
  while (stack.length) {
    const { dir, rules, depth } = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      warnings.push(`${dir}: cannot read this directory (${(err as NodeJS.ErrnoException).code ?? 'error'}); skipped`);
      continue;
    }
    // (Only where the listing shows one: a failed open per directory costs a large tree more than its walk.)
    const listed = entries.find((e) => e.name === '.gitignore');
    const own = listed ? await gitignoreAt(dir, listed, warnings) : null;
    const active = own ? [...rules, own] : rules;
    const subdirs: string[] = [];
    // (The directory is already a normalized path: concatenation, not path.join, per entry.)
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const e of entries) {
      const path = prefix + e.name;
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || ignored(path, true, active)) continue;
        if (depth + 1 > MAX_DEPTH) warnings.push(`${path}: deeper than ${MAX_DEPTH} directories; skipped`);
        else subdirs.push(path);
      } else if ((e.isFile() || e.isSymbolicLink()) && isDockerfileName(e.name) && !ignored(path, false, active)) {
        if (e.isSymbolicLink() && !insideAsFile(path, realRoot)) {
          warnings.push(`${path}: a symlink that leaves the tree or is not a regular file; skipped`);
          continue;
        }
        out.push(path);
      }
    }
    // Depth first, in name order (the stack takes the last pushed first).
    for (const d of subdirs.sort().reverse()) stack.push({ dir: d, rules: active, depth: depth + 1 });
  }
  return out.sort();
}

/** Whether a symlink resolves to a regular file inside `realRoot`. */
function insideAsFile(path: string, realRoot: string): boolean {
  try {
    const target = realpathSync(path);
    const rel = relative(realRoot, target);
    return !rel.startsWith('..') && !isAbsolute(rel) && statSync(target).isFile();
  } catch {
    return false;
  }
}
