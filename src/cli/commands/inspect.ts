import type { ParseArgsConfig } from 'node:util';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { oneOf, parseFlags } from '../args.js';
import { parseReference } from '../../reference/index.js';
import { inspectImage, platformJson, type ImageSummary } from '../../registry/inspect.js';
import { formatPlatform } from '../../reference/platform.js';
import { registryFromFlags, REGISTRY_FLAGS } from '../flags.js';
import { openImageSource } from '../../image/open.js';
import { contentsLines } from '../../image/format.js';
import type { ImageContents } from '../../image/types.js';
import { formatBytes } from '../../util/bytes.js';

// The layer readers (tar, gzip, zstd, SQLite) load only for --contents.
const contentsReader = async () => (await import('../../image/read.js')).readImageContents;

const HELP = `Usage: plinth inspect IMAGE [--platform os/arch[/variant]] [--contents] [--format text|json]

Shows an image's digest, media type and, per platform, its digest, compressed size (config +
layers), layer count, created date and labels. --contents also reads the file system: OS, libc,
shell, package manager, packages, CA certificates, time zone data, runtime, user, sizes.
IMAGE is a registry reference, oci:DIR[:TAG] or docker-archive:FILE.tar.

  --platform os/arch[/variant]  only this platform
  --contents                    read what is inside the image
  --format text|json            output format (default text)
  --registry-mirror REG=URL     use URL as a mirror for registry REG (repeatable)
  --timeout SECONDS             longest wait for a registry's next byte (default 30)
  --cache-dir DIR, --no-cache   registry cache location, or no cache
`;

// Contents sit under `contents` in each platform entry: their `os` and `layers` would clash with the platform's.
type PlatformOut = Omit<ImageSummary['platforms'][number], 'labels'> & { labels?: Record<string, string>; contents?: ImageContents };

/** The command's flags (also what `plinth completion` offers). */
export const OPTIONS = { contents: { type: 'boolean' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...REGISTRY_FLAGS } as const satisfies NonNullable<ParseArgsConfig['options']>;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags('inspect', { args: argv, allowPositionals: true, options: OPTIONS });
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = oneOf('format', v.format, ['text', 'json'], 'text');
  if (parsed.positionals.length !== 1) throw new UsageError('inspect takes exactly one IMAGE (see plinth inspect --help)');
  const text = parsed.positionals[0]!;
  const local = text.startsWith('oci:') || text.startsWith('docker-archive:');

  let result: { reference: string; digest: string | null; mediaType: string | null; platforms: PlatformOut[] };
  if (local) {
    const source = await openImageSource(text, { platform: v.platform ?? null });
    try {
      // Without --contents only the index, manifest and config are read: no layer is opened.
      const contents = v.contents ? await (await contentsReader())(source) : undefined;
      const p = source.platform;
      const labels = source.config.config?.Labels ?? {};
      const created = typeof source.config.created === 'string' ? source.config.created : null;
      result = { reference: text, digest: source.digest, mediaType: null, platforms: [{ os: p.os, architecture: p.architecture, variant: p.variant ?? null, digest: source.digest ?? '', compressedBytes: source.layers.reduce((a, l) => a + Math.max(l.size, 0), 0), layers: source.layers.length, created, labels, ...(contents ? { contents } : {}) }] };
    } finally {
      await source.close();
    }
  } else {
    const registry = await registryFromFlags(v, io);
    const summary = await inspectImage(registry, parseReference(text), v.platform);
    const platforms: PlatformOut[] = summary.platforms;
    if (v.contents) {
      const readImageContents = await contentsReader();
      for (const p of platforms) {
        const contents = await readImageContents(text, { registry, platform: formatPlatform({ os: p.os, architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}) }) });
        p.contents = contents;
      }
    }
    result = summary;
  }

  if (format === 'json') {
    const platforms = result.platforms.map((p) => ({ ...platformJson(p), ...(p.contents ? { contents: p.contents } : {}) }));
    io.stdout(`${JSON.stringify({ reference: result.reference, digest: result.digest, mediaType: result.mediaType, platforms }, null, 2)}\n`);
    return 0;
  }
  const lines = [`${result.reference}`, `  digest      ${result.digest ?? '(none)'}`];
  if (result.mediaType) lines.push(`  media type  ${result.mediaType}`);
  for (const p of result.platforms) {
    const plat = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
    lines.push(`  ${plat}`, `    digest      ${p.digest}`, `    compressed  ${formatBytes(p.compressedBytes)} in ${p.layers} layer${p.layers === 1 ? '' : 's'}`);
    if (p.created) lines.push(`    created     ${p.created}`);
    for (const [k, val] of Object.entries(p.labels ?? {})) lines.push(`    label       ${k}=${val}`);
    if (p.contents) for (const l of contentsLines(p.contents)) lines.push(`    ${l}`);
  }
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
