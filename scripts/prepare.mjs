// `prepare`: builds the package, in a checkout and in the clone npm makes of a git dependency.
// `npm i -g git+https://…` runs the clone's install with --global inherited (npm/cli#8440): the
// devDependencies never reach the clone and the build finds no tsc. Then this installs them into
// the clone itself (scripts off, so this script does not run again) before building.
// (The global install must also pass --install-links, or npm links the package to its temporary
// clone, which it deletes: npm/cli#4148.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env };
if (env.npm_config_global === 'true' && !existsSync('node_modules/.bin/tsc')) {
  for (const k of ['npm_config_global', 'npm_config_prefix', 'npm_config_global_prefix', 'npm_config_local_prefix']) delete env[k];
  run(['install', '--global=false', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund']);
}
run(['run', 'build']);

function run(args) {
  const r = spawnSync('npm', args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`prepare: npm ${args[0]} failed`);
    process.exit(r.status ?? 1);
  }
}
