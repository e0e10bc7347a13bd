// `npm run build`, second step: the CLI as one minified ES module (plus a chunk per lazily loaded
// command), built from tsc's output. Node then compiles one file instead of resolving and reading
// about a hundred, which is most of what a one-file lint waits for.
//
// The bundle sits at dist/bundle/cli/, as deep as dist/src/<folder>/, so each module's
// `new URL('../../../…', import.meta.url)` (catalog data, package.json) still names the package root.
// The runtime dependencies are bundled too (into the chunks of the commands that load them), but
// sql.js, whose WebAssembly file sits beside its module: it loads from node_modules.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';

const outdir = new URL('../dist/bundle/cli/', import.meta.url).pathname;
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { plinth: new URL('../dist/src/cli/main.js', import.meta.url).pathname },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Identifiers are not minified: profiles and internal-error traces stay readable, and shorter
  // names saved no measurable start-up time.
  minifySyntax: true,
  minifyWhitespace: true,
  sourcemap: 'linked',
  // Which source modules each chunk holds: test/architecture checks that lint loads no registry code.
  metafile: true,
  external: ['sql.js'],
  // The bundled CommonJS dependencies require Node's builtins: an ES module has no `require` of its own.
  banner: { js: "import { createRequire as __plinthRequire } from 'node:module'; const require = __plinthRequire(import.meta.url);" },
  logLevel: 'warning',
});

writeFileSync(new URL('meta.json', `file://${outdir}`), JSON.stringify(result.metafile));
