// `plinth recommend`: flags in, library call, output out.
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { parseFlags } from '../args.js';
import { parseBuildArgs, parseDateFlag, parsePlatformFlag, registryFromFlags, REGISTRY_FLAGS } from '../flags.js';
import { recommendFile, type RecommendOptions } from '../../recommend/run.js';
import { formatRecommendation, recommendationJson } from '../../advisor/text.js';
import type { Goal } from '../../advisor/types.js';

const HELP = `Usage: plinth recommend [DOCKERFILE] [options]

Recommends the base image for every stage from the build context (decision tree in
docs/decision-tree.md) and shows the evidence, the risks and the sizes.

Options:
  --context DIR        build context to read (default: the Dockerfile's directory)
  --goal GOAL          size (default), security or compatibility; overrides the config's goal
  --online             confirm tags and sizes with the registry (falls back to the catalog)
  --date YYYY-MM-DD    evaluation date for end of life and listed tags (default: today)
  --format FORMAT      text (default) or json
  --fix                rewrite the FROM lines in place; a rewrite that would add an error
                       finding is not written (exit 1, saying which)
  --build-arg N=V      value for a global ARG (repeatable)
  --target STAGE       the stage that is built (default: the last)
  --config FILE        config file (default: .plinthrc.* found upward)
  --platform OS/ARCH   platform for --online sizes (default linux/amd64)
  --registry-mirror R=URL, --cache-dir DIR, --no-cache: registry access for --online
`;

const GOALS: Goal[] = ['size', 'security', 'compatibility'];

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags('recommend', {
    args: argv,
    allowPositionals: true,
    options: {
      context: { type: 'string' },
      goal: { type: 'string' },
      date: { type: 'string' },
      online: { type: 'boolean' },
      format: { type: 'string' },
      fix: { type: 'boolean' },
      'build-arg': { type: 'string', multiple: true },
      target: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...REGISTRY_FLAGS,
    },
  });
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  if (parsed.positionals.length > 1) throw new UsageError('recommend takes one Dockerfile');
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${format}'`);
  if (v.goal !== undefined && !GOALS.includes(v.goal as Goal)) throw new UsageError(`--goal must be size, security or compatibility, got '${v.goal}'`);
  const path = resolve(io.cwd, parsed.positionals[0] ?? 'Dockerfile');
  if (!existsSync(path)) throw new UsageError(`${parsed.positionals[0] ?? 'Dockerfile'}: no such file`);
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
    options.online = onlineAdvice(await registryFromFlags(v, io), platform);
  }
  const display = parsed.positionals[0] ?? 'Dockerfile';
  const result = await recommendFile(path, options);
  result.recommendation.file = display;
  if (format === 'json') {
    io.stdout(JSON.stringify(recommendationJson(result.recommendation, result.fix), null, 2) + '\n');
  } else {
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
    return 1;
  }
  return 0;
}
