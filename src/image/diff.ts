// compare --contents: which packages one image has that the other lacks, and the size difference.
import type { ImageContents, PackageItem } from './types.js';

export interface PackageDiff {
  /** In `b`, not in `a` (by name and architecture). */
  added: PackageItem[];
  /** In `a`, not in `b`. */
  removed: PackageItem[];
  /** In both with different versions. */
  changed: { name: string; architecture: string | null; from: string; to: string }[];
  packagesDelta: number;
  uncompressedBytesDelta: number;
}

const key = (p: PackageItem): string => `${p.name}\0${p.architecture ?? ''}`;

export function diffPackages(a: ImageContents, b: ImageContents): PackageDiff {
  const inA = new Map(a.packages.items.map((p) => [key(p), p]));
  const inB = new Map(b.packages.items.map((p) => [key(p), p]));
  const changed: PackageDiff['changed'] = [];
  for (const [k, pb] of inB) {
    const pa = inA.get(k);
    if (pa && pa.version !== pb.version) changed.push({ name: pb.name, architecture: pb.architecture, from: pa.version, to: pb.version });
  }
  return {
    added: [...inB].filter(([k]) => !inA.has(k)).map(([, p]) => p),
    removed: [...inA].filter(([k]) => !inB.has(k)).map(([, p]) => p),
    changed,
    packagesDelta: b.packages.count - a.packages.count,
    uncompressedBytesDelta: b.uncompressedBytes - a.uncompressedBytes,
  };
}
