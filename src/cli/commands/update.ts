import { relative, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { CliIO } from '../io.js';
import { Progress } from '../progress.js';
import { UsageError } from '../io.js';
import { oneOf, parseFlags } from '../args.js';
import { unifiedDiff } from '../../fix/diff.js';
import { findDockerfiles } from '../../pin/files.js';
import { updateFiles, type FileUpdate } from '../../update/run.js';
import { sizeChange, updatesMarkdown } from '../../report/update.js';
import { parseBuildArgs, parseDateFlag, parsePlatformFlag, registryFromFlags, REGISTRY_FLAGS } from '../flags.js';
import { defaultDbDir } from '../../vulndb/dir.js';
import { parseReference } from '../../reference/parse.js';
import { DEFAULT_PLATFORM } from '../../reference/platform.js';

const HELP = `Usage: plinth update [PATHS...] [--to patch|minor|major] [--distro] [--check | --dry-run] [--online] [--format text|json|markdown]

Moves each image (FROM, COPY --from, RUN --mount from=, and the global ARG defaults they use) to the
newest tag that keeps its variant and the precision you wrote (22 stays a major tag, 22.12.0 a full
version): never a prerelease, a tag Docker no longer rebuilds, or a release past its end of life. A
line already past its end of life moves to the nearest supported release even when --to does not
reach it. Pinned lines (tag@sha256:) are re-pinned. Tags come from the shipped official-images data,
or with --online from the registry.

  --to patch|minor|major   largest update allowed (default: the config's update rules, else minor)
  --distro                 also move the distribution part (alpine3.19 -> alpine3.21, bookworm -> trixie)
  --config FILE            config with update rules (default: each Dockerfile's, found upward)
  --vulns                  with --online: each update's vulnerability counts before and after (OSV
                           data from 'plinth db update'; --db-dir DIR where it is)
  --dry-run                print a unified diff, write nothing
  --check                  write nothing; exit 1 when an update is due
  --online                 tags and digests from the registries (pinned lines need it), and each
                           update's compressed size change (--platform; offline: the catalog's,
                           where it knows both images)
  --format text|json|markdown  output (markdown: a pull-request body)
  --date YYYY-MM-DD        judge end of life on this day (default today)
  --build-arg NAME=VALUE   value for an ARG (repeatable)
  --registry-mirror REG=URL, --timeout SECONDS, --cache-dir DIR, --no-cache: registry access for --online
`;

/** The command's flags (also what `plinth completion` offers). */
export const OPTIONS = {
  to: { type: 'string' },
  distro: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  check: { type: 'boolean' },
  online: { type: 'boolean' },
  format: { type: 'string' },
  date: { type: 'string' },
  'build-arg': { type: 'string', multiple: true },
  config: { type: 'string' },
  vulns: { type: 'boolean' },
  'db-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...REGISTRY_FLAGS,
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export async function run(argv: string[], io: CliIO): Promise<number> {
  return Progress.around(io, { verb: 'checked' }, (wrapped, progress) => update(argv, wrapped, progress));
}

async function update(argv: string[], io: CliIO, progress: Progress | null): Promise<number> {
  const { values: v, positionals } = parseFlags('update', { args: argv, allowPositionals: true, options: OPTIONS });
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  if (v['dry-run'] && v.check) throw new UsageError('--dry-run and --check cannot be combined');
  // Unset --to and --distro leave each image to the config's update rules (default: minor, no distro).
  const to = v.to === undefined ? undefined : oneOf('to', v.to, ['patch', 'minor', 'major'], 'minor');
  const format = oneOf('format', v.format, ['text', 'json', 'markdown'], 'text');
  const mode = v.check ? 'check' : v['dry-run'] ? 'dry-run' : 'write';
  const paths = await findDockerfiles(positionals, io.cwd);
  if (paths.length === 0) throw new UsageError('no Dockerfile found');
  const registry = v.online ? await registryFromFlags(v, io, { fresh: true, ...(progress ? { fetch: progress.countingFetch(fetch) } : {}) }) : undefined;
  if (v.vulns && !registry) throw new UsageError('--vulns reads the images from the registries: add --online');
  let vulns;
  if (v.vulns && registry) {
    const { vulnCounter } = await import('../../vulns/counter.js');
    vulns = await vulnCounter(registry, v.platform ?? null, v['db-dir'] ? resolve(io.cwd, v['db-dir']) : defaultDbDir(io.env), (line) => io.stderr(`plinth: warning: ${line}\n`));
  }
  // Sizes cost two manifest reads per image: asked only where they are shown (every format but
  // --dry-run's diff).
  let sizes;
  if (registry && mode !== 'dry-run') {
    const { compressedSize } = await import('../../facts/online.js');
    const platform = v.platform !== undefined ? parsePlatformFlag(v.platform) : DEFAULT_PLATFORM;
    // Once per image: the same base is often the `from` of many lines and files.
    const known = new Map<string, Promise<number | null>>();
    sizes = (image: string) => {
      let p = known.get(image);
      if (!p) known.set(image, (p = compressedSize(registry, parseReference(image), platform).catch(() => null)));
      return p;
    };
  }
  const files = await updateFiles(paths, {
    mode,
    ...(to ? { to } : {}),
    ...(v.distro ? { distro: true } : {}),
    ...(v.config ? { configPath: resolve(io.cwd, v.config) } : {}),
    date: v.date !== undefined ? parseDateFlag(v.date) : new Date().toISOString().slice(0, 10),
    buildArgs: parseBuildArgs(v['build-arg'] ?? [], io.env),
    ...(registry ? { registry } : {}),
    ...(vulns ? { vulns } : {}),
    ...(sizes ? { sizes } : {}),
    ...(progress ? { onFile: () => progress.counts.files++ } : {}),
  });
  const show = (p: string): string => {
    const r = relative(io.cwd, p);
    return r && !r.startsWith('..') ? r : p;
  };
  for (const f of files) if (f.error) io.stderr(`plinth: ${f.error}\n`);
  const due = files.reduce((n, f) => n + f.updates.length, 0);
  if (format === 'json') {
    await io.stdout(`${JSON.stringify({ version: 1, mode, to: to ?? null, distro: v.distro ? true : null, updates: due, files: files.map((f) => jsonFile(f, show(f.path))) }, null, 2)}\n`);
  } else if (format === 'markdown') {
    await io.stdout(updatesMarkdown(files.map((f) => ({ ...f, path: show(f.path) }))));
  } else if (mode === 'dry-run') {
    for (const f of files) if (f.after !== f.before) await io.stdout(unifiedDiff(f.before, f.after, `a/${show(f.path)}`, `b/${show(f.path)}`));
  } else {
    const lines: string[] = [];
    for (const f of files) {
      for (const u of f.updates) {
        // The compressed size change, where the registry (--online) or the catalog knows both sizes.
        const size = sizeChange(u);
        lines.push(`${show(f.path)}:${u.line}: ${u.from} -> ${u.to} (${u.type}${u.eol ? `; ${u.eol.subject} reached end of life on ${u.eol.date}` : ''}${size === '?' ? '' : `; size ${size}`})`);
      }
      for (const s of f.skipped) lines.push(`${show(f.path)}:${s.line}: ${s.text} left: ${s.reason}`);
    }
    const verb = mode === 'check' ? 'due' : 'written';
    // (A file that could not be read says nothing about its images.)
    const failed = files.filter((f) => f.error).length;
    const unread = failed ? ` (${failed} file${failed === 1 ? '' : 's'} could not be read)` : '';
    lines.push(due === 0 ? (failed ? `No update due in the files read${unread}.` : 'Every image is current.') : `${due} update${due === 1 ? '' : 's'} ${verb} in ${files.filter((f) => f.updates.length).length} file(s)${unread}.`);
    await io.stdout(`${lines.join('\n')}\n`);
  }
  if (files.some((f) => f.error)) return 2;
  return mode === 'check' && due > 0 ? 1 : 0;
}

function jsonFile(f: FileUpdate, path: string): object {
  return { path, updates: f.updates, skipped: f.skipped.map((s) => ({ line: s.line, text: s.text, reason: s.reason })), written: f.written, error: f.error };
}
