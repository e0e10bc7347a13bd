// `plinth recommend`: flags in, library call, output out.
import { relative, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { findDockerfiles } from '../../pin/files.js';
import type { ParseArgsConfig } from 'node:util';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { parseFlags } from '../args.js';
import { parseBuildArgs, parseDateFlag, parsePlatformFlag, registryFromFlags, REGISTRY_FLAGS } from '../flags.js';
import { recommendFile, type RecommendOptions } from '../../recommend/run.js';
import { describe } from '../../pin/run.js';
import { PlinthError } from '../../types.js';
import { formatRecommendation, recommendationJson } from '../../advisor/text.js';
import type { Goal } from '../../advisor/types.js';
import { defaultDbDir } from '../../vulndb/store.js';

const HELP = `Usage: plinth recommend [PATH...] [options]

Recommends the base image for every stage from the build context (decision tree in
docs/decision-tree.md) and shows the evidence, the risks and the sizes. A directory is searched
for Dockerfiles as lint searches it. With one Dockerfile named, --format json gives its object;
otherwise an array of them.

Options:
  --context DIR        build context to read (default: the Dockerfile's directory)
  --goal GOAL          size (default), security or compatibility; overrides the config's goal
  --online             confirm tags and sizes with the registry (falls back to the catalog)
  --vulns              with --online: count the current and the recommended image's known
                       vulnerabilities (OSV data from 'plinth db update') and show the change
  --db-dir DIR         where the vulnerability data is (default ~/.cache/plinth/vulndb)
  --date YYYY-MM-DD    evaluation date for end of life and listed tags (default: today)
  --format FORMAT      text (default) or json
  --check              write nothing; exit 1 when a FROM line would change (a CI gate, as
                       'plinth pin --check' and 'plinth update --check')
  --fix                rewrite the FROM lines in place; a rewrite that would add an error
                       finding is not written (exit 1, saying which)
  --build-arg N=V      value for a global ARG (repeatable)
  --target STAGE       the stage that is built (default: the last)
  --config FILE        config file (default: .plinthrc.* found upward)
  --platform OS/ARCH   platform for --online sizes (default linux/amd64)
  --registry-mirror R=URL, --cache-dir DIR, --no-cache: registry access for --online
  --timeout SECONDS    longest wait for a registry's next byte (default 30)
`;

const GOALS: Goal[] = ['size', 'security', 'compatibility'];

/** The command's flags (also what `plinth completion` offers). */
export const OPTIONS = {
  context: { type: 'string' },
  goal: { type: 'string' },
  date: { type: 'string' },
  online: { type: 'boolean' },
  vulns: { type: 'boolean' },
  'db-dir': { type: 'string' },
  format: { type: 'string' },
  fix: { type: 'boolean' },
  check: { type: 'boolean' },
  'build-arg': { type: 'string', multiple: true },
  target: { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...REGISTRY_FLAGS,
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags('recommend', { args: argv, allowPositionals: true, options: OPTIONS });
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${format}'`);
  if (v.goal !== undefined && !GOALS.includes(v.goal as Goal)) throw new UsageError(`--goal must be size, security or compatibility, got '${v.goal}'`);
  if (v.check && v.fix) throw new UsageError('--check and --fix cannot be combined');
  const named = parsed.positionals.length ? parsed.positionals : ['Dockerfile'];
  for (const p of named) if (!existsSync(resolve(io.cwd, p))) throw new UsageError(`${p}: no such file`);
  const paths = await findDockerfiles(named, io.cwd);
  if (paths.length === 0) throw new UsageError(`no Dockerfile found in ${named.join(', ')}`);
  if (v.context !== undefined && paths.length > 1) throw new UsageError('--context applies to one Dockerfile: name one');
  if (v.context !== undefined && !existsSync(resolve(io.cwd, v.context))) throw new UsageError(`--context ${v.context}: no such directory`);

  const options: RecommendOptions = {
    buildArgs: parseBuildArgs(v['build-arg'] ?? [], io.env),
    ...(v.target ? { target: v.target } : {}),
    ...(v.context ? { context: resolve(io.cwd, v.context) } : {}),
    ...(v.goal ? { goal: v.goal as Goal } : {}),
    ...(v.config ? { configPath: resolve(io.cwd, v.config) } : {}),
    fix: Boolean(v.fix),
    ...(v.date !== undefined ? { date: parseDateFlag(v.date) } : {}),
  };
  if (v.online) {
    const platform = v.platform !== undefined ? parsePlatformFlag(v.platform) : undefined;
    const { onlineAdvice } = await import('../../recommend/online.js');
    const registry = await registryFromFlags(v, io);
    options.online = onlineAdvice(registry, platform);
    if (v.vulns) {
      const { vulnCounter } = await import('../../vulns/counter.js');
      options.vulns = await vulnCounter(registry, v.platform ?? null, v['db-dir'] ? resolve(io.cwd, v['db-dir']) : defaultDbDir(io.env), (line) => io.stderr(`plinth: warning: ${line}\n`));
    }
  } else if (v.vulns) {
    throw new UsageError('--vulns reads the images from the registry: add --online');
  }
  const single = paths.length === 1 && named.length === 1 && !statSync(paths[0]!).isDirectory() && resolve(io.cwd, named[0]!) === paths[0];
  const json: unknown[] = [];
  let exit = 0;
  let printed = 0;
  for (const path of paths) {
    const display = single ? named[0]! : relative(io.cwd, path) || path;
    let result;
    try {
      result = await recommendFile(path, options);
    } catch (err) {
      // A file that cannot be read or parsed is named (path:line) and the others still advised, as lint does.
      if (!(err instanceof PlinthError && err.kind === 'input') && (err as NodeJS.ErrnoException)?.code !== 'ENOENT') throw err;
      io.stderr(`plinth: ${describe(err, display)}\n`);
      exit = 2;
      continue;
    }
    result.recommendation.file = display;
    if (v.check && exit < 2 && result.recommendation.stages.some((s) => s.recommended !== s.current)) exit = 1;
    if (format === 'json') {
      json.push(recommendationJson(result.recommendation, result.fix));
    } else {
      if (printed++ > 0) io.stdout('\n');
      io.stdout(formatRecommendation(result.recommendation, result.goal));
      if (result.fix && result.fix.refused.length === 0) {
        for (const c of result.fix.changed) io.stdout(`fixed: ${c}\n`);
        for (const s of result.fix.skipped) io.stdout(`not fixed: ${s}\n`);
        for (const f of result.fix.newFindings) io.stdout(`new finding after the fix: ${f}\n`);
      }
    }
    for (const w of result.recommendation.warnings) if (format === 'json') io.stderr(`plinth: warning: ${w}\n`);
    // A rewrite that would break the build is not written, and the run fails saying why.
    if (result.fix && result.fix.refused.length > 0) {
      for (const f of result.fix.refused) io.stderr(`plinth: not fixed: the rewrite would add ${f}\n`);
      io.stderr(`plinth: ${display} left unchanged\n`);
      exit = Math.max(exit, 1);
    }
  }
  if (format === 'json' && json.length > 0) io.stdout(JSON.stringify(single ? json[0] : json, null, 2) + '\n');
  return exit;
}
