import type { ParseArgsConfig } from 'node:util';
import { join, resolve } from 'node:path';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { oneOf, parseFlags } from '../args.js';
import { updateDb } from '../../vulndb/update.js';
import { age, defaultDbDir, openDb } from '../../vulndb/store.js';
import { formatBytes } from '../../util/bytes.js';

const HELP = `Usage: plinth db update [ECOSYSTEM...] [--source URL]
       plinth db status [--format text|json]

Keeps the vulnerability data 'plinth vulns' matches against: OSV's dumps of Linux distributions
(Debian, Ubuntu, Alpine, Wolfi, Chainguard, Rocky Linux, AlmaLinux, Red Hat; all unless
ECOSYSTEM names some), read as they stream and indexed by release and source package. A failed or partial download
leaves the previous data in place. 'status' shows what is there and how old it is.

  --source URL   where the dumps are: URL/<Ecosystem>/all.zip (default the OSV bucket,
                 https://osv-vulnerabilities.storage.googleapis.com); https://, file:// for an
                 air-gapped copy, or http:// to 127.0.0.1
  --db-dir DIR   where the data is kept (default ~/.cache/plinth/vulndb)
  --config FILE  config whose vulnerabilities.source names the mirror (default: found upward);
                 --source, then $PLINTH_OSV_SOURCE, then the config, then OSV's bucket
  --format text|json  (status) output format (default text)
`;

/** The command's flags (also what `plinth completion` offers). */
export const OPTIONS = {
  source: { type: 'string' },
  'db-dir': { type: 'string' },
  config: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags('db', { args: argv, allowPositionals: true, options: OPTIONS });
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  const [sub, ...rest] = parsed.positionals;
  const dir = v['db-dir'] ? resolve(io.cwd, v['db-dir']) : defaultDbDir(io.env);
  if (sub === 'update') {
    // --source, else $PLINTH_OSV_SOURCE, else the config's vulnerabilities.source (found upward from here), else OSV.
    let source = v.source ?? io.env.PLINTH_OSV_SOURCE;
    if (source === undefined) {
      const { loadConfig } = await import('../../config/load.js');
      source = (await loadConfig(join(io.cwd, 'Dockerfile'), v.config ? resolve(io.cwd, v.config) : undefined)).vulnerabilities.source ?? undefined;
    }
    const { meta } = await updateDb({ dir, ecosystems: rest, ...(source ? { source } : {}), progress: (line) => io.stderr(`plinth: ${line}\n`) });
    const records = Object.values(meta.sources).reduce((a, s) => a + s.records, 0);
    await io.stdout(`vulnerability data updated in ${dir}: ${Object.keys(meta.sources).length} sources, ${records} records, ${Object.keys(meta.files).length} releases\n`);
    return 0;
  }
  if (sub === 'status') {
    if (rest.length > 0) throw new UsageError('db status takes no arguments');
    const format = oneOf('format', v.format, ['text', 'json'], 'text');
    const db = await openDb(dir);
    if (!db) {
      if (format === 'json') await io.stdout(`${JSON.stringify({ dir, present: false }, null, 2)}\n`);
      else await io.stdout(`no vulnerability data in ${dir}; run 'plinth db update'\n`);
      return 0;
    }
    const a = age(db.meta, new Date());
    if (format === 'json') {
      await io.stdout(`${JSON.stringify({ dir, present: true, updatedAt: db.meta.updatedAt, stale: a.stale, sources: db.meta.sources, releases: Object.keys(db.meta.files).sort() }, null, 2)}\n`);
      return 0;
    }
    const lines = [`vulnerability data in ${dir}: taken ${db.meta.updatedAt} (${a.text})`];
    for (const s of Object.values(db.meta.sources)) {
      lines.push(`  ${s.ecosystem}: ${s.records} records (${s.withdrawn} withdrawn), ${s.releases.length} releases, ${formatBytes(s.bytes)} from ${s.url}${s.lastModified ? `, published ${s.lastModified}` : ''}`);
    }
    await io.stdout(`${lines.join('\n')}\n`);
    if (a.stale) io.stderr(`plinth: warning: the vulnerability data is ${a.text}; run 'plinth db update' to refresh it\n`);
    return 0;
  }
  throw new UsageError(sub === undefined ? 'db needs a subcommand: update or status (see plinth db --help)' : `db: unknown subcommand '${sub}' (update or status)`);
}
