import type { ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import type { CliIO } from '../io.js';
import { Progress } from '../progress.js';
import { UsageError } from '../io.js';
import { oneOf, parseFlags } from '../args.js';
import { registryFromFlags, REGISTRY_FLAGS } from '../flags.js';
import { scanImages } from '../../vulns/scan.js';
import { staleWarning } from '../../vulndb/images.js';
import { defaultDbDir } from '../../vulndb/store.js';
import { SEVERITIES, severityRank, type Severity } from '../../vulndb/severity.js';
import { vulnsJson, vulnsSarif, vulnsText } from '../../report/vulns.js';

const HELP = `Usage: plinth vulns IMAGE... [--fail-on SEVERITY] [--only-fixable] [--format text|json|sarif]

Lists the known vulnerabilities of each image's distribution packages: reads the packages (dpkg,
apk, rpm), maps each binary to its source package, and matches them against the OSV data that
'plinth db update' keeps. One vulnerability (a CVE, or a record without one) counts once per source
package. IMAGE is a registry reference, oci:DIR[:TAG] or docker-archive:FILE.tar.

  --fail-on SEVERITY            exit 1 when a finding is at or above critical, high, medium, low,
                                negligible or unknown (with --only-fixable: a fixable one)
  --only-fixable                leave out what the distribution has not fixed yet
  --format text|json|sarif      output format (default text)
  --db-dir DIR                  where the vulnerability data is (default ~/.cache/plinth/vulndb)
  --platform os/arch[/variant]  platform of a multi-platform image (default linux/amd64)
  --registry-mirror REG=URL     use URL as a mirror for registry REG (repeatable)
  --timeout SECONDS             longest wait for a registry's next byte (default 30)
  --cache-dir DIR, --no-cache   registry cache location, or no cache

Exit status: 0 no finding at the threshold, 1 findings at or above it, 2 failure.
`;

/** The command's flags (also what `plinth completion` offers). */
export const OPTIONS = {
  'fail-on': { type: 'string' },
  'only-fixable': { type: 'boolean' },
  format: { type: 'string' },
  'db-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...REGISTRY_FLAGS,
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export async function run(argv: string[], io: CliIO): Promise<number> {
  return Progress.around(io, { verb: 'scanned', unit: 'image' }, (wrapped, progress) => vulns(argv, wrapped, progress));
}

async function vulns(argv: string[], io: CliIO, progress: Progress | null): Promise<number> {
  const parsed = parseFlags('vulns', { args: argv, allowPositionals: true, options: OPTIONS });
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = oneOf('format', v.format, ['text', 'json', 'sarif'], 'text');
  const failOn = v['fail-on'] === undefined ? null : oneOf<Severity>('fail-on', v['fail-on'], SEVERITIES, 'critical');
  if (parsed.positionals.length === 0) throw new UsageError('vulns needs at least one IMAGE (see plinth vulns --help)');
  const onlyFixable = Boolean(v['only-fixable']);
  const needsRegistry = parsed.positionals.some((p) => !p.startsWith('oci:') && !p.startsWith('docker-archive:'));
  const registry = needsRegistry ? await registryFromFlags(v, io, progress ? { fetch: progress.countingFetch(fetch) } : {}) : undefined;
  const result = await scanImages(parsed.positionals, {
    dbDir: v['db-dir'] ? resolve(io.cwd, v['db-dir']) : defaultDbDir(io.env),
    platform: v.platform ?? null,
    ...(registry ? { registry } : {}),
    ...(progress ? { onImage: () => progress.counts.files++ } : {}),
  });
  const stale = staleWarning(result.data);
  if (stale) io.stderr(`plinth: warning: ${stale}\n`);
  for (const img of result.images) for (const w of img.warnings) io.stderr(`plinth: warning: ${img.reference}: ${w}\n`);
  const text = format === 'json' ? vulnsJson(result, onlyFixable) : format === 'sarif' ? vulnsSarif(result, onlyFixable) : vulnsText(result, onlyFixable);
  await io.stdout(text);
  if (failOn === null) return 0;
  const over = result.images.some((img) => img.findings.some((f) => severityRank(f.severity) >= severityRank(failOn) && (!onlyFixable || f.fixedVersion !== null)));
  return over ? 1 : 0;
}
