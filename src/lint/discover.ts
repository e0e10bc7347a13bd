// Which files `plinth lint DIR` picks up: Dockerfile-named files, recursively, minus ignored ones.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** `Dockerfile`, `Containerfile`, `*.Dockerfile`, `*.dockerfile`, `Dockerfile.*`. */
export function isDockerfileName(name: string): boolean {
  return name === 'Dockerfile' || name === 'Containerfile' || name.endsWith('.Dockerfile') || name.endsWith('.dockerfile') || name.startsWith('Dockerfile.');
}

interface Rules {
  base: string;
  ig: Ignore;
}

function gitignoreAt(dir: string): Rules | null {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return null;
  }
  return { base: dir, ig: ignore().add(text) };
}

function ignored(path: string, isDir: boolean, rules: Rules[]): boolean {
  for (const r of rules) {
    const rel = relative(r.base, path).split(sep).join('/');
    if (rel && r.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** Dockerfiles under `root`, sorted, honouring every `.gitignore` from `root` down. */
export function discoverDockerfiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rules: Rules[]): void => {
    const own = gitignoreAt(dir);
    const active = own ? [...rules, own] : rules;
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || ignored(path, true, active)) continue;
        walk(path, active);
      } else if ((e.isFile() || e.isSymbolicLink()) && isDockerfileName(e.name) && !ignored(path, false, active)) {
        out.push(path);
      }
    }
  };
  walk(root, []);
  return out;
}
