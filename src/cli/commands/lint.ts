// `plinth lint`: flags in, lintPaths, a report out; the exit code says whether anything failed.
import type { ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { parseFlags } from '../args.js';
import { Progress } from '../progress.js';
import { parseBuildArgs, parseDateFlag, parsePlatformFlag, registryFromFlags, REGISTRY_FLAGS } from '../flags.js';
import { lintEach, lintRules, type LintOptions } from '../../lint/index.js';
import { FORMATS, reportWriter, shouldColor, type Format } from '../../report/index.js';
import type { Severity } from '../../types.js';
import { ConfigError } from '../../config/validate.js';
import { printable } from '../../util/printable.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { ruleIds } from '../../lint/index.js';
import { defaultDbDir } from '../../vulndb/dir.js';

const HELP = `Usage: plinth lint [PATH...] [options]

Reports base-image problems in Dockerfiles, offline. A directory is searched for Dockerfile,
Containerfile, *.Dockerfile, *.dockerfile and Dockerfile.* (honouring .gitignore, skipping
node_modules and .git); a file is linted whatever its name; - reads standard input.
Default PATH: the current directory.

Options:
  --format FORMAT      text (default), json, sarif, github, gitlab (Code Quality), checkstyle,
                       junit, sonarqube (generic issues) or markdown
  --fail-on LEVEL      error, warning (default, or the config's failOn), info or none
  --docs-url URL       https base where docs/ is published: SARIF, text and markdown link each
                       rule's page (default: PLINTH_DOCS_URL)
                       (offline, 'plinth help RULE' prints the page)
  --ignore RULE        turn a rule off whatever the config says (repeatable)
  --trusted-registry REG   add a trusted registry for untrusted-registry (repeatable)
  --config FILE        config file (default: .plinthrc.{yaml,yml,json} found upward; a
                       plinth.config.{js,mjs} runs only when named here)
  --date YYYY-MM-DD    evaluation date for end-of-life checks (default: today)
  --build-arg N=V      value for a global ARG (repeatable)
  --target STAGE       the stage that is built (default: the last)
  --platform OS/ARCH   target platform for TARGETPLATFORM etc. (default linux/amd64)
  --no-color           no colour in text output (also NO_COLOR; FORCE_COLOR forces it)
  --online             also ask registries: tag-not-found, stale-digest, sizes in suggestions, and
                       vulnerable-base-image when the config sets vulnerabilities.threshold
  --db-dir DIR         where the vulnerability data is (default ~/.cache/plinth/vulndb)
  --registry-mirror REG=URL, --cache-dir DIR, --no-cache   registry access for --online
  --timeout SECONDS    longest wait for a registry's next byte (default 30); a registry that
                       fails is not asked again in the run

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage error or a file that
could not be read or parsed (one line path:line: message on stderr).
`;

const FAIL_ON = ['error', 'warning', 'info', 'none'];
/** An https URL of plain characters: no space, quote, parenthesis or control character. */
const DOCS_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~%!$&*+,;=:@/-]*)?$/;

/** The command's flags (also what `plinth completion` offers). */
export const OPTIONS = {
  format: { type: 'string' },
  'docs-url': { type: 'string' },
  'fail-on': { type: 'string' },
  ignore: { type: 'string', multiple: true },
  'trusted-registry': { type: 'string', multiple: true },
  config: { type: 'string' },
  date: { type: 'string' },
  'build-arg': { type: 'string', multiple: true },
  target: { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  online: { type: 'boolean' },
  'db-dir': { type: 'string' },
  ...REGISTRY_FLAGS,
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export async function run(argv: string[], io: CliIO): Promise<number> {
  // A run over 2 s on a terminal shows files, registry requests and bytes on stderr.
  return Progress.around(io, { verb: 'linted' }, (wrapped, progress) => lint(argv, wrapped, progress));
}

async function lint(argv: string[], io: CliIO, progress: Progress | null): Promise<number> {
  const parsed = parseFlags('lint', { args: argv, allowPositionals: true, options: OPTIONS });
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = (v.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.join(', ')}, got '${v.format}'`);
  for (const id of v.ignore ?? []) {
    if (!ruleIds.has(id)) {
      const guess = didYouMean(id, [...ruleIds]);
      throw new UsageError(`--ignore: unknown rule '${id}'${guess ? ` (did you mean ${guess}?)` : ''}`);
    }
  }
  // The flag, else PLINTH_DOCS_URL (set once for a CI job); it goes into links and terminal escapes,
  // so only an https URL of plain characters passes.
  const docsUrl = v['docs-url'] ?? (io.env.PLINTH_DOCS_URL || undefined);
  if (docsUrl !== undefined && !DOCS_URL.test(docsUrl)) throw new UsageError(`${v['docs-url'] !== undefined ? '--docs-url' : 'PLINTH_DOCS_URL'} must be an https:// URL without spaces, quotes or parentheses, got '${printable(docsUrl)}'`);
  if (v['fail-on'] !== undefined && !FAIL_ON.includes(v['fail-on'])) throw new UsageError(`--fail-on must be ${FAIL_ON.join(', ')}, got '${v['fail-on']}'`);
  if (v.platform !== undefined) parsePlatformFlag(v.platform);
  if (parsed.positionals.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) can be given once');
  const options: LintOptions = {
    cwd: io.cwd,
    buildArgs: parseBuildArgs(v['build-arg'] ?? [], io.env),
    ...(v.target ? { target: v.target } : {}),
    ...(v.platform ? { platform: v.platform } : {}),
    ...(v.date !== undefined ? { date: parseDateFlag(v.date) } : {}),
    ...(v.config ? { configPath: v.config } : {}),
    ...(v['fail-on'] ? { failOn: v['fail-on'] as Severity | 'none' } : {}),
    ...(v.ignore?.length ? { ignoreRules: v.ignore } : {}),
    ...(v['trusted-registry']?.length ? { trustedRegistries: v['trusted-registry'] } : {}),
    readStdin: io.readStdin,
  };
  // --online: the registry client loads only here; lintPaths gathers every image's facts once.
  if (v.online) {
    const vulnDbDir = v['db-dir'] ? resolve(io.cwd, v['db-dir']) : defaultDbDir(io.env);
    options.online = { registry: await registryFromFlags(v, io, progress ? { fetch: progress.countingFetch(fetch) } : {}), vulnDbDir, ...(v.platform ? { platform: v.platform } : {}) };
  }
  // The report is written file by file as the run produces it: memory stays flat with the number
  // of files, and a long run shows its first findings at once. Output is gathered into chunks of
  // about 64 KiB: one write per file would cost more than linting it.
  const color = shouldColor(io.env, io.isTTY, Boolean(v['no-color']));
  const writer = reportWriter(format, lintRules(), { color, docsUrl: docsUrl ?? null, hyperlinks: color && io.isTTY, ...(io.isTTY && io.columns ? { width: io.columns } : {}) });
  let pending = writer.start();
  const flush = async (): Promise<void> => {
    const text = pending;
    pending = '';
    if (text) await io.stdout(text);
  };
  let totals;
  try {
    totals = await lintEach(parsed.positionals, options, async (f) => {
      if (f.error) io.stderr(`${printable(f.path)}${f.error.line !== null ? `:${f.error.line}` : ''}: ${printable(f.error.message)}\n`);
      pending += writer.file(f);
      if (progress) progress.counts.files++;
      if (pending.length >= 65536) await flush();
    });
  } catch (err) {
    // A broken config stops the run: it would change every answer.
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  for (const w of totals.warnings) io.stderr(`plinth: warning: ${printable(w)}\n`);
  // Nothing to lint is not a failure (a repository may have no Dockerfile yet), but say so.
  if (totals.summary.files === 0) io.stderr(`plinth: warning: no Dockerfile found in ${parsed.positionals.length ? parsed.positionals.join(', ') : '.'}\n`);
  pending += writer.end(totals.summary);
  await flush();
  return totals.exit;
}
