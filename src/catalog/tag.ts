// Splits an official-image tag into version and variant tokens:
// `22.12-alpine3.21` -> version 22.12, alpine 3.21; `3.12-slim-bookworm` -> 3.12, slim, debian bookworm.
import { eolData } from './data.js';
import { BoundedMap } from '../util/bounded-map.js';

export interface TagParts {
  /** Numeric version as written (`22`, `22.12.0`, `3.12`), or null. */
  version: string | null;
  /** A named alias in place of a version: `lts`, `latest`, `current`, `stable`, `mainline`. */
  alias: string | null;
  slim: boolean;
  alpine: boolean;
  /** Alpine release named in the tag (`3.21`), or null. */
  alpineVersion: string | null;
  /** Debian or Ubuntu codename or version named in the tag. */
  distro: 'debian' | 'ubuntu' | 'al2023' | 'ubi' | 'windows' | null;
  distroVersion: string | null;
  java: 'jdk' | 'jre' | null;
  /** The Debian or Ubuntu codename in the tag (`bookworm`, `noble`), or null. */
  codename: string | null;
  /** The version word a sibling tag keeps: the version, else `lts`/`current`, else ''. */
  versionWord: string;
  /** The words a sibling tag keeps besides version, variant and distribution (`fpm`, `jdk`), in order. */
  flavour: string[];
  /** Tokens not understood (`fpm`, `apache`, `ea`, `headless`, a date stamp ...). */
  other: string[];
  /** Tokens kept in order, for rebuilding a sibling tag. */
  tokens: string[];
}

const VERSION = /^v?\d+(?:\.\d+)*(?:[._+]\d+)*$/;
const ALPINE = /^alpine(\d+\.\d+)?$/;
const DATE_STAMP = /^\d{8}$/;
const ALIASES = new Set(['latest', 'lts', 'current', 'stable', 'mainline', 'oldstable', 'edge', 'rolling', 'devel', 'testing', 'unstable', 'sid']);

const parsed = new BoundedMap<string, TagParts>(20_000);

/** Cached: images repeat across files. The result is shared, so callers must not modify it. */
export function splitTag(tag: string): TagParts {
  let parts = parsed.get(tag);
  if (parts === undefined) {
    parts = splitUncached(tag);
    Object.freeze(parts.other);
    Object.freeze(parts.flavour);
    Object.freeze(parts.tokens);
    Object.freeze(parts);
    parsed.set(tag, parts);
  }
  return parts;
}

function splitUncached(tag: string): TagParts {
  const tokens = tag.split('-');
  const parts: TagParts = {
    version: null, alias: null, slim: false, alpine: false, alpineVersion: null,
    distro: null, distroVersion: null, java: null, codename: null, versionWord: '', flavour: [], other: [], tokens,
  };
  tokens.forEach((token, i) => {
    const t = token.toLowerCase();
    if (i === 0 && VERSION.test(t)) parts.version = t.replace(/^v/, '');
    else if (i === 0 && ALIASES.has(t)) parts.alias = t;
    else if (t === 'slim') parts.slim = true;
    else if (ALPINE.test(t)) {
      parts.alpine = true;
      parts.alpineVersion = ALPINE.exec(t)![1] ?? null;
    } else if (t in eolData.debianCodenames) {
      parts.distro = 'debian';
      parts.distroVersion = parts.codename = t;
    } else if (t in eolData.ubuntuCodenames) {
      parts.distro = 'ubuntu';
      parts.distroVersion = parts.codename = t;
    } else if (t === 'al2023' || t === 'al2') {
      parts.distro = 'al2023';
      parts.distroVersion = t === 'al2' ? '2' : '2023';
    } else if (/^ubi\d+$/.test(t)) {
      parts.distro = 'ubi';
      parts.distroVersion = t.slice(3);
    } else if (t.startsWith('windowsservercore') || t.startsWith('nanoserver') || t === 'windows' || /^ltsc\d+$/.test(t)) {
      parts.distro = 'windows';
    } else if (t === 'jdk' || t === 'jre') {
      parts.java = t;
      parts.flavour.push(t);
    } else {
      parts.other.push(t);
      if (t !== '') parts.flavour.push(t);
    }
  });
  parts.versionWord = parts.version ?? (parts.alias === 'lts' || parts.alias === 'current' ? parts.alias : '');
  return parts;
}

/** Whether the tag moves with releases: a bare major/minor, a codename, an alias. */
export function isFloating(parts: TagParts): boolean {
  if (parts.other.some((t) => DATE_STAMP.test(t) || /^\d{8}/.test(t))) return false;
  if (parts.version === null) return true;
  const numbers = parts.version.split(/[._+]/).length;
  if (numbers < 3) return true;
  // A full version on Alpine still moves with the Alpine release unless that is named too.
  if (parts.alpine && parts.alpineVersion === null) return true;
  return false;
}

/** The first `depth` numeric components: `22.12.0`, 1 -> `22`; `3.12.1`, 2 -> `3.12`. */
export function versionKey(version: string, depth: number): string {
  return version.split(/[._+]/).slice(0, depth).join('.');
}
