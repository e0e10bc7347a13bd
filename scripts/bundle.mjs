// `npm run build`, second step: the CLI and the library as minified ES modules (an entry each, a
// chunk per lazily loaded command, shared chunks between them), built from tsc's output. Node then
// compiles a few files instead of resolving and reading about a hundred, which is most of what a
// one-file lint waits for.
//
// Entries and chunks sit at dist/bundle/<folder>/, as deep as dist/src/<folder>/, so each module's
// `new URL('../../../…', import.meta.url)` (catalog data, package.json) still names the package root.
// The dependencies are bundled in, so the package installs none; their licence texts go to
// dist/bundle/THIRD-PARTY-LICENSES.txt. sql.js stays outside (its WebAssembly file sits beside its
// module): an optional peer, loaded from node_modules for rpm databases only.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outdir = join(root, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { 'cli/plinth': join(root, 'dist/src/cli/main.js'), 'lib/index': join(root, 'dist/src/index.js') },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Identifiers are not minified: stack traces through the library stay readable.
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
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));

// The CLI once more as one CommonJS file, which bin/plinth.js runs through a V8 code cache of its
// own: with the code cache, a one-file lint skips compiling and linking some thirty ES modules.
// Same depth as cli/plinth.js, so `import.meta.url` (given here by the banner) names the same
// package root.
// Dependencies that only some commands load (a YAML config, db update's zip reader and CVSS v4
// scorer, image layers' tar and zstd readers: 450 kB, nearly half the file) are CommonJS files of
// their own beside it, required on first use: every run reads the whole bundle from disk, and a
// one-file lint needs none of them.
const VENDOR = ['yaml', 'yauzl', 'ae-cvss-calculator', 'tar-stream', 'fzstd'];
const cjs = {
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: 'warning',
};
await build({ ...cjs, entryPoints: Object.fromEntries(VENDOR.map((name) => [`cli/vendor/${name}`, name])) });
// Each is reached through a one-line shim, so that `import('yaml')` becomes a require() (an import()
// inside bin/plinth.js's vm.Script would need a host callback Node 20 lacks). The shim gives the
// bundle the module.exports the package's CommonJS build has (fzstd's named exports are the same
// in both of its builds); the tests reach each one through the CLI.
const vendorFiles = {
  name: 'vendor-files',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${VENDOR.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({ contents: `module.exports = require('./vendor/${args.path}.cjs');`, loader: 'js' }));
    b.onResolve({ filter: /^\.\/vendor\// }, (args) => ({ path: args.path, external: true }));
  },
};
// Its identifiers are minified too, unlike the library's: a 25% smaller file is fewer pages to
// read, decode and fault in, 3 ms of a 137 ms one-file lint (perf stat, 9 alternating rounds of
// 10: 133.7 against 136.8 ms), and the CLI shows no stack trace (its source map names them).
await build({
  ...cjs,
  minifyIdentifiers: true,
  entryPoints: { 'cli/plinth': join(root, 'dist/src/cli/main.js') },
  sourcemap: 'linked',
  external: ['sql.js'],
  plugins: [vendorFiles],
  define: { 'import.meta.url': '__plinthMetaUrl' },
  banner: { js: "const __plinthMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The licence of every package the bundle holds code of.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packages.add(m[1]);
}
const notices = [...packages].sort().map((name) => {
  const dir = join(root, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  if (!file && !existsSync(join(dir, 'package.json'))) throw new Error(`${name}: no licence found`);
  const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `${pkg.license} (no licence file in the package)`;
  return `${name} ${pkg.version} (${pkg.license})\n${'='.repeat(60)}\n${text}\n`;
});
writeFileSync(join(outdir, 'THIRD-PARTY-LICENSES.txt'), `plinth's bundle holds code of these packages, under these licences.\n\n${notices.join('\n')}`);
