// Which files a path argument names: a file as given, a directory searched the way lint does
// (Dockerfile names, .gitignore honoured, node_modules and .git skipped).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { discoverDockerfiles } from '../lint/discover.js';

/** Expands paths (relative to cwd) into Dockerfile paths; a missing path is kept so the caller reports it. */
export async function findDockerfiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, p);
    const st = await stat(abs).catch(() => null);
    if (st?.isDirectory()) out.push(...(await discoverDockerfiles(abs)));
    else out.push(abs);
  }
  return [...new Set(out)];
}
