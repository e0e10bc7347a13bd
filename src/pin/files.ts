// Which files a path argument names: a file as given, a directory searched for Dockerfiles.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const SKIP_DIRS = new Set(['.git', 'node_modules', 'vendor', 'dist', '.venv']);

/** Dockerfile, Containerfile, Dockerfile.prod, prod.Dockerfile (any case). */
export function isDockerfileName(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'dockerfile' || n === 'containerfile' || n.startsWith('dockerfile.') || n.endsWith('.dockerfile') || n.startsWith('containerfile.');
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(p, out);
    } else if (e.isFile() && isDockerfileName(e.name)) out.push(p);
  }
}

/** Expands paths (relative to cwd) into Dockerfile paths; a missing path is kept so the caller reports it. */
export async function findDockerfiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, p);
    const st = await stat(abs).catch(() => null);
    if (st?.isDirectory()) await walk(abs, out);
    else out.push(abs);
  }
  return [...new Set(out)];
}
