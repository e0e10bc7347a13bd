// Image tags as versions, for `plinth update`: an optional prefix, a release (numbers, with Temurin's
// `_7` build, Java 8's `u502-b07` and Bitnami's `-r24` revision read as part of it), a prerelease
// (never a target), and a suffix of variant words and one distribution part. Written by hand: no
// versioning library knows image tags (Renovate's docker versioning is the nearest, and its gaps —
// compound suffixes, `-rN`, `_N` builds, precision — are what this module exists for).
import { eolData } from './data.js';

export type DistroName = 'alpine' | 'debian' | 'ubuntu' | 'ubi' | 'amazonlinux' | 'windows';

export interface TagDistro {
  name: DistroName;
  /** As written: `3.19`, `bookworm`, `noble`, `9`, `2023`, `ltsc2022`; null for a bare `alpine`. */
  version: string | null;
  /** The version as numbers, for ordering (`bookworm` -> [12], `noble` -> [24, 4]); null when unknown. */
  order: number[] | null;
  /** How it is written, with the version replaced: `alpine#`, `#` (a codename), `debian-#`, `nanoserver-#`. */
  form: string;
}

export interface TagVersion {
  tag: string;
  /** Words before the release (`resolute` in `resolute-20260811.1`), '' for none. */
  prefix: string;
  /** The release's numbers, builds and revision included; null for a tag without one (`latest`, `bookworm`). */
  release: number[] | null;
  /** The release as written with each number replaced by N: `N.N.N`, `N.N.N_N`, `NuN-bN`, `N.N.N-rN`. */
  shape: string;
  /** `rc1`, `beta`, `ea`, `a3`: a prerelease, never a target. */
  prerelease: string | null;
  /** Variant words in order (`slim`, `jre`, `fpm`, `dind`, `chiseled`). */
  variant: string[];
  distro: TagDistro | null;
}

const RELEASE = /^v?\d+(?:[._+u]\d+)*$/;
const RELEASE_WITH_PRE = /^(v?\d+(?:[._+]\d+)*)((?:a|b|rc|alpha|beta|pre|preview|dev)\.?\d*)$/;
const PRERELEASE = /^(rc|beta|alpha|ea|dev|preview|nightly|snapshot|canary)\d*$/;
const JAVA8_BUILD = /^b\d+$/;
const REVISION = /^r\d+$/;

const numbers = (text: string): number[] => (text.match(/\d+/g) ?? []).map(Number);
const shapeOf = (text: string): string => text.replace(/\d+/g, 'N');

function codename(word: string): TagDistro | null {
  const deb = eolData.debianCodenames[word];
  if (deb) return { name: 'debian', version: word, order: numbers(deb), form: '#' };
  const ubu = eolData.ubuntuCodenames[word];
  if (ubu) return { name: 'ubuntu', version: word, order: numbers(ubu), form: '#' };
  return null;
}

/** Parses one tag. Never throws: what it does not understand becomes variant words. */
export function parseTagVersion(tag: string): TagVersion {
  const tokens = tag.split('-');
  const out: TagVersion = { tag, prefix: '', release: null, shape: '', prerelease: null, variant: [], distro: null };
  let i = tokens.findIndex((t) => RELEASE.test(t) || RELEASE_WITH_PRE.test(t));
  // A leading distribution word (`bookworm-slim`, `alpine3.20`) is the distribution, not a prefix.
  if (i > 0) out.prefix = tokens.slice(0, i).join('-');
  if (i < 0) i = 0;
  else {
    const t = tokens[i]!;
    const pre = RELEASE_WITH_PRE.exec(t);
    const text = pre ? pre[1]! : t;
    out.release = numbers(text);
    out.shape = shapeOf(text);
    if (pre) out.prerelease = pre[2]!;
    i++;
  }
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    const lower = t.toLowerCase();
    const alpine = /^alpine(\d+\.\d+)?$/.exec(lower);
    const nextNumber = tokens[i + 1] !== undefined && /^\d+(\.\d+)?$/.test(tokens[i + 1]!);
    if (out.release && out.shape && JAVA8_BUILD.test(lower) && !out.distro && out.variant.length === 0) {
      out.release.push(...numbers(lower));
      out.shape += '-bN';
    } else if (out.release && REVISION.test(lower)) {
      out.release.push(...numbers(lower));
      out.shape += '-rN';
    } else if (PRERELEASE.test(lower)) {
      out.prerelease = lower;
    } else if (alpine) {
      out.distro = { name: 'alpine', version: alpine[1] ?? null, order: alpine[1] ? numbers(alpine[1]) : null, form: alpine[1] ? 'alpine#' : 'alpine' };
    } else if (codename(lower)) {
      out.distro = codename(lower);
    } else if ((lower === 'debian' || lower === 'ubuntu') && nextNumber) {
      // Bitnami writes `debian-12`.
      out.distro = { name: lower, version: tokens[i + 1]!, order: numbers(tokens[i + 1]!), form: `${lower}-#` };
      i++;
    } else if (/^ubi\d+$/.test(lower)) {
      out.distro = { name: 'ubi', version: lower.slice(3), order: numbers(lower), form: 'ubi#' };
    } else if (lower === 'al2023' || lower === 'al2') {
      out.distro = { name: 'amazonlinux', version: lower.slice(2), order: numbers(lower), form: 'al#' };
    } else if ((lower === 'windowsservercore' || lower === 'nanoserver') && tokens[i + 1] !== undefined && /^(ltsc\d{4}|\d{4})$/.test(tokens[i + 1]!)) {
      out.distro = { name: 'windows', version: tokens[i + 1]!, order: numbers(tokens[i + 1]!), form: `${lower}-#` };
      i++;
    } else {
      out.variant.push(lower);
    }
  }
  return out;
}

export type UpdateType = 'major' | 'minor' | 'patch' | 'distro';

/** Whether `candidate` can replace `current`: same prefix, precision, variant and distribution (its version too unless `distro`). */
export function compatible(current: TagVersion, candidate: TagVersion, options: { distro: boolean }): boolean {
  if (candidate.prerelease !== null || candidate.release === null || current.release === null) return false;
  if (candidate.prefix !== current.prefix || candidate.shape !== current.shape) return false;
  if (candidate.variant.join('-') !== current.variant.join('-')) return false;
  const a = current.distro;
  const b = candidate.distro;
  if (a === null || b === null) return a === b;
  if (a.name !== b.name || a.form !== b.form) return false;
  if (a.version === b.version) return true;
  // Only forward, and only when allowed.
  return options.distro && a.order !== null && b.order !== null && compareNumbers(b.order, a.order) > 0;
}

export function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The kind of move from `current` to `candidate`, or null when it is not forward. */
export function updateType(current: TagVersion, candidate: TagVersion): UpdateType | null {
  const a = current.release ?? [];
  const b = candidate.release ?? [];
  const d = compareNumbers(b, a);
  if (d < 0) return null;
  if (d > 0) {
    const at = a.findIndex((n, i) => n !== b[i]);
    return at === 0 ? 'major' : at === 1 ? 'minor' : 'patch';
  }
  const x = current.distro?.order;
  const y = candidate.distro?.order;
  return x && y && compareNumbers(y, x) > 0 ? 'distro' : null;
}

/** Orders compatible tags: release, then distribution version. */
export function compareTagVersions(a: TagVersion, b: TagVersion): number {
  return compareNumbers(a.release ?? [], b.release ?? []) || compareNumbers(a.distro?.order ?? [], b.distro?.order ?? []);
}
