#!/usr/bin/env node
// The bundled CLI (`npm run build`); the unbundled modules when a checkout has only run tsc.
import { existsSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Node 22.1 and newer keep V8's compiled code between runs: a one-file lint then skips most of its
// compile time. The cache is plinth's own directory (0700), never a shared temporary one whose
// entries another user could plant; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
if (typeof module.enableCompileCache === 'function' && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  try {
    const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'plinth', 'compile');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    module.enableCompileCache(dir);
  } catch {
    // No writable cache directory: run without one.
  }
}

const bundle = new URL('../dist/bundle/cli/plinth.js', import.meta.url);
const { main } = existsSync(bundle) ? await import(bundle.href) : await import('../dist/src/cli/main.js');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
