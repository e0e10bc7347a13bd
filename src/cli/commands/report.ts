import { readFile } from 'node:fs/promises';
import { readRegularFile } from '../../util/read-regular.js';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../config/load.js';
import { defaultDbDir } from '../../vulndb/dir.js';
import type { ParseArgsConfig } from 'node:util';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { oneOf, parseFlags } from '../args.js';
import { Progress } from '../progress.js';
import { parseDateFlag, parsePlatformFlag, registryFromFlags, REGISTRY_FLAGS } from '../flags.js';
import { scanFleet } from '../../fleet/scan.js';
import { mergeScans, parsePulls, summarize } from '../../fleet/summary.js';
import type { FleetScan } from '../../fleet/types.js';
import { fleetHtml } from '../../report/fleet-html.js';
import { fleetMarkdown } from '../../report/fleet-markdown.js';
import { atomicWriteFile } from '../../util/atomic.js';

const HELP = `Usage: plinth report [PATH...] [--format html|markdown|json] [--out FILE] [--pulls FILE] [--date YYYY-MM-DD]
       plinth report merge REPORT.json... [--format html|markdown|json] [--out FILE] [--pulls FILE]

The fleet view: every Dockerfile under the paths (a folder of repository clones; a repository is the
folder holding .git, else the first level under each path), offline. It shows every base image in use
(final and build stages apart), drift (one family in many versions, and the newest supported release
to converge on), images past or within six months of their end of life, findings by rule and by
repository, and the changes to make ranked by what they save: bytes per pull, and with pulls per day
(--pulls CSV 'image_or_repository,pulls_per_day', by repository or repository/Dockerfile path) bytes
per day and per month. 'merge' joins the JSON reports of shards (one CI job per group of
repositories) into one report, the same as one run over them all.

  --format html|markdown|json   html: one self-contained file; markdown: a short summary (default html)
  --out FILE                    write there (atomically) instead of standard output
  --pulls FILE                  pulls per day, CSV (over the config's pulls:)
  --config FILE                 config with pulls: (default: found upward from here)
  --date YYYY-MM-DD             judge end of life on this day (default today)
  --online                      tags and compressed sizes from the registries (the catalog otherwise)
  --vulns                       with --online: each change's vulnerability counts before and after
                                (OSV data from 'plinth db update'); --db-dir DIR where it is
  --platform os/arch, --registry-mirror REG=URL, --timeout SECONDS, --cache-dir DIR, --no-cache: registry access
`;

/** The command's flags (also what `plinth completion` offers). */
export const OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  pulls: { type: 'string' },
  date: { type: 'string' },
  config: { type: 'string' },
  online: { type: 'boolean' },
  vulns: { type: 'boolean' },
  'db-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...REGISTRY_FLAGS,
} as const satisfies NonNullable<ParseArgsConfig['options']>;

const MAX_REPORT_BYTES = 512 * 1024 * 1024;

async function readJson(path: string): Promise<FleetScan> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  if (text.length > MAX_REPORT_BYTES) throw new UsageError(`${path}: larger than a report may be`);
  try {
    return JSON.parse(text) as FleetScan;
  } catch {
    throw new UsageError(`${path}: not JSON`);
  }
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  // A scan over 2 s on a terminal shows files, registry requests and bytes on stderr.
  return Progress.around(io, { verb: 'scanned' }, (wrapped, progress) => report(argv, wrapped, progress));
}

async function report(argv: string[], io: CliIO, progress: Progress | null): Promise<number> {
  const { values: v, positionals } = parseFlags('report', { args: argv, allowPositionals: true, options: OPTIONS });
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = oneOf('format', v.format, ['html', 'markdown', 'json'], 'html');
  // Pulls per day: the config's `pulls:` (found upward from here, or --config), then --pulls over it.
  const config = await loadConfig(join(io.cwd, 'Dockerfile'), v.config ? resolve(io.cwd, v.config) : undefined);
  const pulls = new Map(Object.entries(config.pulls));
  if (v.pulls) {
    // (A regular file of at most 16 MiB, about 500,000 images: not /dev/zero, not a FIFO.)
    let text: string;
    try {
      text = readRegularFile(resolve(io.cwd, v.pulls), 16 * 1024 * 1024);
    } catch (err) {
      throw new UsageError(`--pulls ${v.pulls}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    for (const [k, n] of parsePulls(text, v.pulls)) pulls.set(k, n);
  }
  let scan: FleetScan;
  if (positionals[0] === 'merge') {
    if (v.date || v.online) throw new UsageError('report merge takes the date and sizes of its parts; --date and --online apply to a scan');
    const names = positionals.slice(1);
    if (names.length === 0) throw new UsageError('report merge needs the JSON reports to merge');
    scan = mergeScans(await Promise.all(names.map((n) => readJson(resolve(io.cwd, n)))), names);
  } else {
    let online;
    let vulns;
    if (v.vulns && !v.online) throw new UsageError('--vulns reads the images from the registries: add --online');
    if (v.online) {
      const { onlineAdvice } = await import('../../recommend/online.js');
      const registry = await registryFromFlags(v, io, progress ? { fetch: progress.countingFetch(fetch) } : {});
      online = onlineAdvice(registry, v.platform !== undefined ? parsePlatformFlag(v.platform) : undefined);
      if (v.vulns) {
        const { vulnCounter } = await import('../../vulns/counter.js');
        vulns = await vulnCounter(registry, v.platform ?? null, v['db-dir'] ? resolve(io.cwd, v['db-dir']) : defaultDbDir(io.env), (line) => io.stderr(`plinth: warning: ${line}\n`));
      }
    }
    scan = await scanFleet(positionals, { cwd: io.cwd, ...(v.date ? { date: parseDateFlag(v.date) } : {}), ...(online ? { online } : {}), ...(vulns ? { vulns } : {}), ...(progress ? { onFile: () => progress.counts.files++ } : {}) });
  }
  const summary = summarize(scan, pulls);
  const text = format === 'json' ? `${JSON.stringify({ ...scan, summary }, null, 2)}\n` : format === 'markdown' ? fleetMarkdown(scan, summary) : fleetHtml(scan, summary);
  if (v.out) {
    await atomicWriteFile(resolve(io.cwd, v.out), text);
    io.stderr(`plinth: wrote ${v.out}: ${summary.dockerfiles} Dockerfiles in ${summary.repositories} repositories, ${summary.totals.changes} changes\n`);
  } else {
    await io.stdout(text);
  }
  return 0;
}
