// Which files `plinth lint DIR` picks up: Dockerfile-named files, recursively, minus ignored ones.
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
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

async function gitignoreAt(dir: string): Promise<Rules | null> {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
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
    const own = entries.some((e) => e.name === '.gitignore') ? await gitignoreAt(dir) : null;
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
