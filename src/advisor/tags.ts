// Builds the recommended tag in the same family and version, keeping the user's precision
// (`22` -> `22-slim`, `22.12.0` -> `22.12.0-slim`, `3.12-bookworm` -> `3.12-slim-bookworm`).

import type { ImageFacts, VariantClass } from '../catalog/types.js';
import { splitTag } from '../catalog/tag.js';
import { officialTagStatus } from '../catalog/tags.js';

/** The parts of a tag a sibling tag keeps: version word, codename and flavour words (catalog/ splitTag). */
export function tagWords(tag: string | null): { version: string; codename: string | null; flavour: readonly string[] } {
  const p = splitTag(tag ?? 'latest');
  return { version: p.versionWord, codename: p.codename, flavour: p.flavour };
}

/** Families whose tags follow `<version>[-<variant>]` with `-slim` and `-alpine` variants. */
const SLIM_STYLE: Record<string, 'suffix' | 'python'> = { node: 'suffix', ruby: 'suffix', python: 'python', perl: 'suffix' };
const ALPINE_ONLY = new Set(['golang', 'php', 'rust', 'nginx', 'httpd', 'redis', 'postgres', 'haproxy', 'traefik']);

/**
 * The tag for another variant class of the same family and version, or null when the family has
 * none. The catalog's `variants` wins when it names one; otherwise the family's tag pattern.
 */
export function variantTag(facts: ImageFacts | null, family: string, tag: string | null, cls: 'slim' | 'alpine'): string | null {
  const fromCatalog = facts?.variants?.[cls as VariantClass];
  // The catalog names whole references (`node:22-slim`); the tag is what follows the last ':'.
  if (fromCatalog) return fromCatalog.slice(fromCatalog.lastIndexOf(':') + 1);
  const { version, codename, flavour } = tagWords(tag);
  const join = (...parts: (string | null | undefined)[]): string => parts.filter(Boolean).join('-');
  const style = SLIM_STYLE[family];
  if (cls === 'alpine') {
    if (style || ALPINE_ONLY.has(family)) return join(version, ...flavour, 'alpine');
    if (family === 'dotnet') return join(version, 'alpine');
    return null;
  }
  if (style === 'suffix') return codename ? join(version, ...flavour, codename, 'slim') : join(version, ...flavour, 'slim');
  if (style === 'python') return join(version, ...flavour, 'slim', codename);
  if (family === 'debian') return codename ? `${codename}-slim` : version ? `${version}-slim` : 'stable-slim';
  if (family === 'dotnet') return join(version, codename ?? 'bookworm', 'slim');
  return null;
}

/** Distroless images by runtime; null when distroless has no image for that runtime version. */
export function distrolessImage(kind: 'node' | 'java' | 'python' | 'static' | 'base' | 'cc', version: string | null, nonroot: boolean): string | null {
  const tag = nonroot ? ':nonroot' : '';
  const major = version?.split('.')[0] ?? null;
  switch (kind) {
    case 'node':
      return major && ['18', '20', '22', '24'].includes(major) ? `gcr.io/distroless/nodejs${major}-debian12${tag}` : null;
    case 'java':
      return major && ['17', '21'].includes(major) ? `gcr.io/distroless/java${major}-debian12${tag}` : null;
    case 'python':
      // Debian 12's Python is 3.11: distroless would change the runtime version otherwise.
      return version === '3.11' || version === '3' ? `gcr.io/distroless/python3-debian12${tag}` : null;
    default:
      return `gcr.io/distroless/${kind}-debian12${tag}`;
  }
}

/**
 * The eclipse-temurin JRE tag for a Java major, when Docker lists it (the shipped official-image
 * tags); without tag data, the long-term lines only.
 */
export function temurinJre(major: string | null, alpine: boolean): string | null {
  if (!major) return null;
  const tag = `${major}-jre${alpine ? '-alpine' : ''}`;
  const status = officialTagStatus('eclipse-temurin', tag);
  if (status ? status.state !== 'current' : !['8', '11', '17', '21', '25'].includes(major)) return null;
  return `eclipse-temurin:${tag}`;
}

/** The image for another variant class: the catalog's reference when it names one, else `repository:tag`. */
export function variantImage(facts: ImageFacts | null, repository: string, family: string, tag: string | null, cls: 'slim' | 'alpine'): string | null {
  const fromCatalog = facts?.variants?.[cls as VariantClass];
  if (fromCatalog && fromCatalog.includes(':')) return fromCatalog;
  const t = variantTag(facts, family, tag, cls);
  return t ? `${repository}:${t}` : null;
}
