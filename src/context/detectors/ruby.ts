// Ruby: Gemfile.lock names the gems; those with C extensions are built for the libc they were
// installed on, and some link system libraries.

import type { ContextDir } from '../files.js';
import type { EcosystemFacts, Evidence, NativeRequirement } from '../types.js';

const NATIVE_GEMS: Record<string, string> = {
  nokogiri: 'C extension over libxml2; precompiled gems are per libc (x86_64-linux-gnu vs -musl)',
  pg: 'C extension linking libpq',
  mysql2: 'C extension linking libmysqlclient/libmariadb',
  sqlite3: 'C extension bundling SQLite',
  grpc: 'C-core gRPC extension; precompiled for glibc',
  ffi: 'C extension over libffi',
  bcrypt: 'C extension',
  'rmagick': 'links ImageMagick',
  'mini_racer': 'embeds V8 (libv8-node), prebuilt per libc',
  'libv8-node': 'prebuilt V8, per libc',
  'sassc': 'C extension compiling libsass',
};

export function detectRuby(dir: ContextDir): EcosystemFacts | null {
  const lock = dir.readText('Gemfile.lock');
  const gemfile = dir.readText('Gemfile');
  if (lock === null && gemfile === null) return null;
  const evidence: Evidence[] = [];
  const native: NativeRequirement[] = [];
  let version: string | null = null;
  if (gemfile !== null) {
    const gems = gemfile.split(/\r?\n/).filter((l) => /^\s*gem\s+["']/.test(l)).length;
    evidence.push({ file: 'Gemfile', line: 1, fact: `Ruby project with ${gems} gem${gems === 1 ? '' : 's'}` });
  }
  if (lock !== null) {
    let section = '';
    let locked = 0;
    lock.split(/\r?\n/).forEach((l, i) => {
      const line = i + 1;
      if (/^[A-Z]/.test(l)) section = l.trim();
      const gem = /^ {4}([a-zA-Z0-9_.-]+) \(([^)]+)\)$/.exec(l);
      if (section === 'GEM' && gem) locked++;
      if (section === 'GEM' && gem && NATIVE_GEMS[gem[1]] && !native.some((n) => n.package === gem[1])) {
        const e = { file: 'Gemfile.lock', line, fact: `${gem[1]} ${gem[2]} has a native extension: ${NATIVE_GEMS[gem[1]]}` };
        evidence.push(e);
        native.push({ ecosystem: 'ruby', package: gem[1], version: gem[2], reason: NATIVE_GEMS[gem[1]], evidence: e });
      }
      const ruby = /^ {3}ruby (\d+\.\d+(?:\.\d+)?)/.exec(l);
      if (section === 'RUBY VERSION' && ruby) {
        version = ruby[1];
        evidence.push({ file: 'Gemfile.lock', line, fact: `locked with Ruby ${ruby[1]}` });
      }
    });
    evidence.splice(gemfile === null ? 0 : 1, 0, { file: 'Gemfile.lock', line: 1, fact: `Gemfile.lock locks ${locked} gem${locked === 1 ? '' : 's'}` });
  }
  return { ecosystem: 'ruby', evidence, native, version };
}
