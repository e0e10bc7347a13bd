#!/usr/bin/env node
// The bundled CLI (`npm run build`); the unbundled modules when a checkout has only run tsc.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/cli/plinth.js', import.meta.url);
const { main } = existsSync(bundle) ? await import(bundle.href) : await import('../dist/src/cli/main.js');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
