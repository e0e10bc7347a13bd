// Text lines for `inspect --contents` and `compare --contents` (the JSON is the ImageContents itself).
import type { PackageDiff } from './diff.js';
import type { ImageContents } from './types.js';
import { formatBytes } from '../util/bytes.js';

/** `key: value` lines describing one image's contents, for the text format of inspect. */
export function contentsLines(c: ImageContents): string[] {
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const runtime = c.runtime ? `${c.runtime.name}${c.runtime.version ? ` ${c.runtime.version}` : ''}${c.runtime.kind ? ` (${c.runtime.kind})` : ''}` : 'none';
  return [
    `os: ${c.os?.prettyName ?? c.os?.id ?? 'unknown'}`,
    `libc: ${c.libc ?? 'none'}`,
    `shell: ${c.shell ?? 'none'}`,
    `package manager: ${c.packageManager ?? 'none'}`,
    `packages: ${c.packages.ecosystem ? `${c.packages.count} (${c.packages.ecosystem})` : 'none'}`,
    `CA certificates: ${yes(c.caCertificates)}`,
    `time zone data: ${yes(c.timezoneData)}`,
    `runtime: ${runtime}`,
    `user: ${c.user ?? 'root (default)'}`,
    `uncompressed: ${formatBytes(c.uncompressedBytes)} in layers, ${formatBytes(c.filesystemBytes)} in the final file system`,
    ...c.warnings.map((w) => `warning: ${w}`),
  ];
}

/** Lines for compare --contents: what the second image adds and drops against the first. */
export function diffLines(d: PackageDiff, first: string, second: string): string[] {
  const names = (items: { name: string }[]): string => (items.length > 12 ? `${items.slice(0, 12).map((p) => p.name).join(', ')}, ...` : items.map((p) => p.name).join(', '));
  return [
    `${second} has ${d.added.length} package(s) ${first} lacks${d.added.length ? `: ${names(d.added)}` : ''}`,
    `${second} lacks ${d.removed.length} package(s) ${first} has${d.removed.length ? `: ${names(d.removed)}` : ''}`,
  ];
}
