// `plinth lint`: flags in, lintPaths, a report out; the exit code says whether anything failed.
import { parseArgs } from 'node:util';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { parseFlags } from '../args.js';
import { exitCode, lintPaths, type LintOptions } from '../../lint/index.js';
import { FORMATS, formatReport, shouldColor, type Format } from '../../report/index.js';
import type { Severity } from '../../rules/types.js';

const HELP = `Usage: plinth lint [PATH...] [options]

Reports base-image problems in Dockerfiles, offline. A directory is searched for Dockerfile,
Containerfile, *.Dockerfile, *.dockerfile and Dockerfile.* (honouring .gitignore, skipping
node_modules and .git); a file is linted whatever its name; - reads standard input.
Default PATH: the current directory.

Options:
  --format FORMAT      text (default), json, sarif or github
  --fail-on LEVEL      error, warning (default, or the config's failOn), info or none
  --config FILE        config file (default: .plinthrc.* or plinth.config.* found upward)
  --date YYYY-MM-DD    evaluation date for end-of-life checks (default: today)
  --build-arg N=V      value for a global ARG (repeatable)
  --target STAGE       the stage that is built (default: the last)
  --platform OS/ARCH   target platform for TARGETPLATFORM etc. (default linux/amd64)
  --no-color           no colour in text output (also NO_COLOR; FORCE_COLOR forces it)
  --online             also ask registries: tag-not-found, stale-digest, sizes in suggestions
  --registry-mirror REG=URL, --cache-dir DIR, --no-cache   registry access for --online

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage error or a file that
could not be read or parsed (one line path:line: message on stderr).
`;

const FAIL_ON = ['error', 'warning', 'info', 'none'];

/** `NAME=VALUE`; a bare NAME takes its value from the environment, as `docker build` does. */
function parseBuildArgs(values: readonly string[], env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq === 0) throw new UsageError(`--build-arg wants NAME=VALUE, got '${v}'`);
    if (eq > 0) out[v.slice(0, eq)] = v.slice(eq + 1);
    else if (env[v] !== undefined) out[v] = env[v] as string;
  }
  return out;
}

/** A real calendar date in yyyy-mm-dd. */
function checkDate(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== text) throw new UsageError(`--date must be a date as YYYY-MM-DD, got '${text}'`);
  return text;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags('lint', () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string' },
        date: { type: 'string' },
        'build-arg': { type: 'string', multiple: true },
        target: { type: 'string' },
        platform: { type: 'string' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        online: { type: 'boolean' },
        'registry-mirror': { type: 'string', multiple: true },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean' },
      },
    }),
  );
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = (v.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.join(', ')}, got '${v.format}'`);
  if (v['fail-on'] !== undefined && !FAIL_ON.includes(v['fail-on'])) throw new UsageError(`--fail-on must be ${FAIL_ON.join(', ')}, got '${v['fail-on']}'`);
  if (v.platform !== undefined && !/^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?$/i.test(v.platform)) throw new UsageError(`--platform wants OS/ARCH[/VARIANT], got '${v.platform}'`);
  if (parsed.positionals.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) can be given once');
  const options: LintOptions = {
    cwd: io.cwd,
    buildArgs: parseBuildArgs(v['build-arg'] ?? [], io.env),
    ...(v.target ? { target: v.target } : {}),
    ...(v.platform ? { platform: v.platform } : {}),
    ...(v.date !== undefined ? { date: checkDate(v.date) } : {}),
    ...(v.config ? { configPath: v.config } : {}),
    ...(v['fail-on'] ? { failOn: v['fail-on'] as Severity | 'none' } : {}),
    readStdin: io.readStdin,
  };
  // --online: registry facts before the rules, sizes after them; the registry code loads only here.
  const online = v.online ? await import('../../pin/lint-online.js') : null;
  const registry = online ? await (await import('../../pin/flags.js')).registryFromFlags(v, io) : null;
  if (online && registry) {
    const onlineOptions = { cwd: io.cwd, modelOptions: { ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}), ...(options.target ? { target: options.target } : {}), ...(options.platform ? { platform: options.platform } : {}) } };
    options.online = await online.prepareOnlineLint(registry, parsed.positionals, onlineOptions);
    for (const w of options.online.warnings) io.stderr(`plinth: warning: ${w}\n`);
  }
  let report;
  try {
    report = await lintPaths(parsed.positionals, options);
    if (online && registry) await online.addOnlineSizes(registry, report, { ...(v.platform ? { platform: v.platform } : {}) });
  } catch (err) {
    // A broken config stops the run: it would change every answer.
    if ((err as Error).name === 'ConfigError') throw new UsageError((err as Error).message);
    throw err;
  }
  // Nothing to lint is not a failure (a repository may have no Dockerfile yet), but say so.
  if (report.files.length === 0) io.stderr(`plinth: warning: no Dockerfile found in ${parsed.positionals.length ? parsed.positionals.join(', ') : '.'}\n`);
  for (const f of report.files) {
    if (f.error) io.stderr(`${f.path}${f.error.line !== null ? `:${f.error.line}` : ''}: ${f.error.message}\n`);
  }
  io.stdout(formatReport(report, format, { color: shouldColor(io.env, io.isTTY, Boolean(v['no-color'])) }));
  return exitCode(report);
}
