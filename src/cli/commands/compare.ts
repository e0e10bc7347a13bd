import type { ParseArgsConfig } from 'node:util';
import type { CliIO } from '../io.js';
import { UsageError } from '../io.js';
import { oneOf, parseFlags } from '../args.js';
import { compareImages, compareJsonRow } from '../../registry/index.js';
import { registryFromFlags, REGISTRY_FLAGS } from '../flags.js';
import { diffLines, diffPackages, formatBytes, readImageContents, type ImageContents } from '../../image/index.js';
import { resolve } from 'node:path';
import { defaultDbDir } from '../../vulndb/store.js';
import type { VulnCounts } from '../../vulndb/match.js';
import { deltaText, vulnDelta, type VulnDelta } from '../../vulndb/delta.js';

const HELP = `Usage: plinth compare IMAGE IMAGE... [--platform os/arch[/variant]] [--contents] [--vulns] [--format text|json]

Compares images side by side for one platform (default linux/amd64): compressed size, layers,
and the saving against the first image in bytes and percent. --contents adds package counts,
uncompressed sizes and the packages one image has that the first lacks.

  --platform os/arch[/variant]  platform to compare (default linux/amd64)
  --contents                    read the images' file systems too
  --vulns                       count each image's known vulnerabilities (OSV data from
                                'plinth db update') and the change against the first
  --db-dir DIR                  where the vulnerability data is (default ~/.cache/plinth/vulndb)
  --format text|json            output format (default text)
  --registry-mirror REG=URL     use URL as a mirror for registry REG (repeatable)
  --timeout SECONDS             longest wait for a registry's next byte (default 30)
  --cache-dir DIR, --no-cache   registry cache location, or no cache
`;

/** The command's flags (also what `plinth completion` offers). */
export const OPTIONS = { contents: { type: 'boolean' }, vulns: { type: 'boolean' }, 'db-dir': { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...REGISTRY_FLAGS } as const satisfies NonNullable<ParseArgsConfig['options']>;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseFlags('compare', { args: argv, allowPositionals: true, options: OPTIONS });
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = oneOf('format', v.format, ['text', 'json'], 'text');
  if (parsed.positionals.length < 2) throw new UsageError('compare needs at least two images (see plinth compare --help)');
  const platform = v.platform ?? 'linux/amd64';
  const registry = await registryFromFlags(v, io);
  const { images, warnings } = await compareImages(registry, parsed.positionals, platform);
  for (const w of warnings) io.stderr(`plinth: warning: ${w}\n`);

  let contents: (ImageContents | null)[] = [];
  if (v.contents || v.vulns) contents = await Promise.all(images.map((img) => (img.source === 'registry' ? readImageContents(img.reference, { registry, platform }) : Promise.resolve(null))));
  const first = v.contents ? (contents[0] ?? null) : null;
  // Vulnerability counts per image (null where the image could not be read), and the change against the first.
  let counts: (VulnCounts | null)[] = [];
  if (v.vulns) {
    const { requireDb, matchContents, dataInfo, staleWarning } = await import('../../vulndb/images.js');
    const db = await requireDb(v['db-dir'] ? resolve(io.cwd, v['db-dir']) : defaultDbDir(io.env));
    const info = dataInfo(db, new Date());
    const stale = staleWarning(info);
    if (stale) io.stderr(`plinth: warning: ${stale}\n`);
    const read = images.flatMap((img, i) => (contents[i] ? [{ reference: img.reference, digest: img.digest, contents: contents[i]! }] : []));
    const matched = await matchContents(db, read);
    counts = images.map((img) => matched.find((m) => m.reference === img.reference)?.counts ?? null);
    for (const m of matched) for (const w of m.warnings) io.stderr(`plinth: warning: ${m.reference}: ${w}\n`);
  }
  const delta = (i: number): VulnDelta | null => (i > 0 && counts[0] && counts[i] ? vulnDelta(counts[0], counts[i]!) : null);

  if (format === 'json') {
    const out = images.map((img, i) => {
      const c = contents[i];
      const vulns = v.vulns ? { vulnerabilities: counts[i] ? { ...counts[i], ...(delta(i) ? { delta: delta(i) } : {}) } : null } : {};
      if (!v.contents || !c) return { ...compareJsonRow(img), ...vulns };
      const diff = first && i > 0 ? diffPackages(first, c) : null;
      return {
        ...compareJsonRow(img), packages: c.packages.count, uncompressedBytes: c.uncompressedBytes,
        ...(diff ? { packagesOnlyHere: { count: diff.added.length, items: diff.added }, packagesMissing: { count: diff.removed.length, items: diff.removed } } : {}),
        ...vulns,
      };
    });
    io.stdout(`${JSON.stringify({ images: out }, null, 2)}\n`);
    return 0;
  }
  const header = ['image', 'compressed', 'layers', 'vs first', ...(v.contents ? ['packages', 'uncompressed'] : []), ...(v.vulns ? ['vulns', 'critical', 'high', 'fixable'] : [])];
  const rows = images.map((img, i) => [
    img.reference,
    img.compressedBytes === null ? '?' : formatBytes(img.compressedBytes),
    img.layers === null ? '?' : String(img.layers),
    i === 0 ? '' : img.deltaBytes === null ? '?' : `${img.deltaBytes <= 0 ? '-' : '+'}${formatBytes(Math.abs(img.deltaBytes))} (${img.deltaPercent! > 0 ? '+' : ''}${img.deltaPercent}%)`,
    ...(v.contents ? [contents[i] ? String(contents[i]!.packages.count) : '?', contents[i] ? formatBytes(contents[i]!.uncompressedBytes) : '?'] : []),
    ...(v.vulns ? (counts[i] ? [String(counts[i]!.total), String(counts[i]!.bySeverity.critical), String(counts[i]!.bySeverity.high), String(counts[i]!.fixable)] : ['?', '?', '?', '?']) : []),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
  const out = [line(header), ...rows.map(line), `platform ${platform}${images.some((i) => i.source === 'catalog') ? '; sizes marked from the catalog snapshot' : ''}`];
  if (first) contents.slice(1).forEach((c, i) => c && out.push(...diffLines(diffPackages(first, c), images[0]!.reference, images[i + 1]!.reference)));
  images.forEach((img, i) => {
    const d = delta(i);
    if (d) out.push(`${img.reference} ${deltaText(d)} than ${images[0]!.reference}`);
  });
  io.stdout(`${out.join('\n')}\n`);
  return 0;
}
