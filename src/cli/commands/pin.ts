import { relative } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { CliIO } from '../io.js';
import { Progress } from '../progress.js';
import { UsageError } from '../io.js';
import { parseFlags } from '../args.js';
import { unifiedDiff } from '../../fix/diff.js';
import { findDockerfiles, pinFiles, type FilePinResult } from '../../pin/index.js';
import { registryFromFlags, REGISTRY_FLAGS, parseBuildArgs } from '../flags.js';

const HELP = `Usage: plinth pin [PATHS...] [--dry-run | --check] [--refresh] [options]

Rewrites each FROM (and COPY --from / RUN --mount from= image) to image:tag@sha256:<digest>.
An image taken from an ARG default (ARG BASE=node:22 / FROM $BASE) is pinned in the ARG.

  --dry-run                    print a unified diff, write nothing
  --check                      exit 1 when an image is unpinned or its digest is stale
  --offline                    with --check: only say which images carry no digest, ask no
                               registry (digests are not verified; for pre-commit hooks)
  --refresh                    update digests that no longer match their tag
  --platform os/arch[/variant] platform for ARG expansion (the digest written is the tag's)
  --build-arg NAME=VALUE       value for an ARG (repeatable)
  --registry-mirror REG=URL    use URL as a mirror for registry REG (repeatable)
  --timeout SECONDS             longest wait for a registry's next byte (default 30)
  --cache-dir DIR, --no-cache  registry cache location, or no cache
  --concurrency N              requests in flight (default 8)
`;

/** The command's flags (also what `plinth completion` offers). */
export const OPTIONS = {
  'dry-run': { type: 'boolean' },
  check: { type: 'boolean' },
  offline: { type: 'boolean' },
  refresh: { type: 'boolean' },
  'build-arg': { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...REGISTRY_FLAGS,
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export async function run(argv: string[], io: CliIO): Promise<number> {
  return Progress.around(io, { verb: 'pinned', unit: null }, (wrapped, progress) => pin(argv, wrapped, progress));
}

async function pin(argv: string[], io: CliIO, progress: Progress | null): Promise<number> {
  const parsed = parseFlags('pin', { args: argv, allowPositionals: true, options: OPTIONS });
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  if (v['dry-run'] && v.check) throw new UsageError('--dry-run and --check cannot be combined');
  const concurrency = v.concurrency === undefined ? 8 : Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a positive integer, got '${v.concurrency}'`);
  if (v.offline && !v.check) throw new UsageError('--offline works only with --check (pinning needs the registry)');
  if (v.offline && v.refresh) throw new UsageError('--offline and --refresh cannot be combined');
  const mode = v.check ? 'check' : v['dry-run'] ? 'dry-run' : 'write';
  const registry = v.offline ? null : await registryFromFlags(v, io, { fresh: true, ...(progress ? { fetch: progress.countingFetch(fetch) } : {}) });
  const paths = await findDockerfiles(positionals, io.cwd);
  if (paths.length === 0) throw new UsageError('no Dockerfile found');
  const result = await pinFiles(paths, registry, {
    mode,
    refresh: Boolean(v.refresh),
    buildArgs: parseBuildArgs(v['build-arg'] ?? [], io.env),
    ...(v.platform ? { platform: v.platform } : {}),
    concurrency,
    offline: Boolean(v.offline),
  });
  const show = (p: string) => {
    const r = relative(io.cwd, p);
    return r && !r.startsWith('..') ? r : p;
  };
  let failed = false;
  let findings = 0;
  const counts = { pinned: 0, refreshed: 0, already: 0, skipped: 0 };
  for (const f of result.files) {
    if (f.error) {
      io.stderr(`plinth: ${f.error.startsWith(f.path) ? show(f.path) + f.error.slice(f.path.length) : f.error}\n`);
      failed = true;
      continue;
    }
    for (const s of f.skipped) io.stderr(`plinth: ${show(f.path)}:${s.line}: not pinned: ${s.text}: ${s.reason}\n`);
    counts.skipped += f.skipped.length;
    for (const o of f.outcomes) {
      const where = `${show(f.path)}:${o.target.line}`;
      const text = o.target.span.text;
      if (o.state === 'error') {
        io.stderr(`plinth: ${where}: ${text}: ${o.error}\n`);
        failed = true;
      } else if (o.state === 'pinned') counts.already++;
      else if (mode === 'check') {
        findings++;
        io.stdout(o.state === 'stale' ? `${where}: stale: ${text} (the tag now points to ${o.digest})\n` : `${where}: unpinned: ${text}\n`);
      } else {
        if (o.state === 'refreshed') counts.refreshed++;
        else counts.pinned++;
        if (mode === 'write') io.stdout(`${where}: ${text} -> ${o.newText}\n`);
      }
    }
    if (mode === 'dry-run') io.stdout(diffOf(f, show(f.path)));
  }
  const verb = mode === 'write' ? '' : 'would be ';
  if (mode === 'check') {
    io.stderr(`${findings} image(s) unpinned or stale, ${counts.already} pinned, ${counts.skipped} skipped in ${result.files.length} file(s)\n`);
  } else {
    io.stderr(`${counts.pinned} ${verb}pinned, ${counts.refreshed} ${verb}refreshed, ${counts.already} already pinned, ${counts.skipped} skipped in ${result.files.length} file(s)\n`);
  }
  if (failed) return 2;
  return findings > 0 ? 1 : 0;
}

function diffOf(f: FilePinResult, name: string): string {
  return unifiedDiff(f.before, f.after, `a/${name}`, `b/${name}`);
}
