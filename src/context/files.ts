// Small, bounded reads of the build context: the detectors never walk node_modules or .git.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAX_BYTES = 32 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git', 'vendor', 'target', 'dist', 'build', '.venv', 'venv', '__pycache__', 'bin', 'obj']);

export function readText(dir: string, name: string): string | null {
  try {
    const path = join(dir, name);
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_BYTES) return null;
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

export function exists(dir: string, name: string): boolean {
  try {
    statSync(join(dir, name));
    return true;
  } catch {
    return false;
  }
}

/** Files under dir (relative paths) whose name matches, depth-limited, skipping dependency folders. */
export function findFiles(dir: string, match: (name: string) => boolean, maxDepth = 3, limit = 400): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (out.length >= limit) return;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < maxDepth && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(path, depth + 1);
      } else if (e.isFile() && match(e.name)) {
        out.push(path);
      }
    }
  };
  walk('', 0);
  return out;
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
