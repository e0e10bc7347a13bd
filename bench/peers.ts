// The npm linters plinth is measured against, installed on demand outside the project
// (`npm install --ignore-scripts`: dockerlinter's shellcheck dependency downloads a binary otherwise).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PEER_DIR = process.env.PLINTH_BENCH_PEERS ?? join(tmpdir(), 'plinth-bench-peers');
const PACKAGES = ['dockerfilelint@1.8.0', 'dockerlinter@1.2.2'];

/** Lints one file's text; throws when the linter crashes on it. */
export type PeerLint = (source: string) => unknown;

export interface Peer {
  name: string;
  version: string;
  lint: PeerLint;
}

/** A peer's lint that returns false instead of throwing when the linter crashes on a file. */
export function crashSafe(peer: Peer): (source: string) => boolean {
  return (source) => {
    try {
      peer.lint(source);
      return true;
    } catch {
      return false;
    }
  };
}

function install(): void {
  if (PACKAGES.every((p) => existsSync(join(PEER_DIR, 'node_modules', p.split('@')[0]!, 'package.json')))) return;
  mkdirSync(PEER_DIR, { recursive: true });
  if (!existsSync(join(PEER_DIR, 'package.json'))) writeFileSync(join(PEER_DIR, 'package.json'), '{"name":"plinth-bench-peers","private":true}\n');
  process.stderr.write(`bench: installing ${PACKAGES.join(', ')} into ${PEER_DIR}\n`);
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', ...PACKAGES], { cwd: PEER_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Both peers, loaded in this process; null with the reason when they cannot be installed. */
export function loadPeers(): Peer[] | string {
  try {
    install();
  } catch (err) {
    return `peers not installed: ${(err as Error).message.split('\n')[0]}`;
  }
  const require = createRequire(join(PEER_DIR, 'package.json'));
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

  const dockerfilelint = require('dockerfilelint') as { run: (configDir: string, content: string) => unknown[] };
  // An empty directory: no .dockerfilelintrc, so every rule runs at its default.
  const rcDir = join(PEER_DIR, 'no-rc');
  mkdirSync(rcDir, { recursive: true });

  // dockerlinter's app.lint prints and may exit; run the same steps without its shellcheck subprocesses.
  const dl = (p: string) => require(`dockerlinter/lib/${p}`) as Record<string, (...a: unknown[]) => unknown>;
  const parser = dl('parser');
  const directives = dl('directives');
  const groups = dl('groups');
  const errors = dl('errors');
  const lints = dl('lints');
  const dockerlinter: PeerLint = (source) => {
    errors.cleanErrors!();
    const lines = parser.parseToLines!(source);
    const inlineIgnores = groups.getInlineIgnores!(lines);
    const parserDirectives = directives.directivesParser!(lines);
    const escape = directives.getEscape!(parserDirectives);
    let g = groups.groupByCommand!(groups.groupLinesByInstruction!(lines, escape));
    g = groups.replaceArgAndEnv!(g, escape);
    const aliases = directives.parseFromAliases!(g);
    const parsedFile = { lines, parserDirectives, escape, groups: g, aliases, inlineIgnores };
    for (const check of Object.values(lints)) check(parsedFile);
    return errors.getErrors!();
  };
  return [
    { name: 'dockerfilelint', version: version('dockerfilelint'), lint: (s) => dockerfilelint.run(rcDir, s) },
    { name: 'dockerlinter', version: version('dockerlinter'), lint: dockerlinter },
  ];
}
