// Builds the recommended tag in the same family and version, keeping the user's precision
// (`22` -> `22-slim`, `22.12.0` -> `22.12.0-slim`, `3.12-bookworm` -> `3.12-slim-bookworm`).

import type { ImageFacts, VariantClass } from '../catalog/types.js';
import { distrolessFor } from '../catalog/distroless.js';
import { splitTag } from '../catalog/tag.js';
import { officialTagStatus } from '../catalog/tags.js';
import { families } from '../catalog/data.js';

/** The parts of a tag a sibling tag keeps: version word, codename and flavour words (catalog/ splitTag). */
export function tagWords(tag: string | null): { version: string; codename: string | null; flavour: readonly string[] } {
  const p = splitTag(tag ?? 'latest');
  return { version: p.versionWord, codename: p.codename, flavour: p.flavour };
}

/**
 * How a family names its -slim and -alpine tags: the catalog's families.json for the families it
 * knows (`slimStyle` suffix `22-bookworm-slim`, prefix `3.12-slim-bookworm`); for official images
 * it has no facts for, the patterns their tags follow.
 */
const OTHER_STYLE: Record<string, { slim: 'suffix' | 'prefix' | 'none'; alpine: boolean }> = {
  perl: { slim: 'suffix', alpine: false },
  httpd: { slim: 'none', alpine: true },
  redis: { slim: 'none', alpine: true },
  postgres: { slim: 'none', alpine: true },
  haproxy: { slim: 'none', alpine: true },
  traefik: { slim: 'none', alpine: true },
};

function styleOf(family: string): { slim: 'suffix' | 'prefix' | 'none'; alpine: boolean } {
  const f = families.find((x) => x.id === family);
  if (!f) return OTHER_STYLE[family] ?? { slim: 'none', alpine: false };
  return { slim: f.slim ? f.slimStyle : 'none', alpine: f.alpine };
}

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
  if (family === 'dotnet') return cls === 'alpine' ? join(version, 'alpine') : join(version, codename ?? 'bookworm', 'slim');
  if (family === 'debian') return cls === 'alpine' ? null : codename ? `${codename}-slim` : version ? `${version}-slim` : 'stable-slim';
  const style = styleOf(family);
  if (cls === 'alpine') return style.alpine ? join(version, ...flavour, 'alpine') : null;
  if (style.slim === 'suffix') return codename ? join(version, ...flavour, codename, 'slim') : join(version, ...flavour, 'slim');
  if (style.slim === 'prefix') return join(version, ...flavour, 'slim', codename);
  return null;
}

/** Distroless images by runtime, from the project's published list; null when it has none for that version. */
export function distrolessImage(kind: 'node' | 'java' | 'python' | 'static' | 'base' | 'cc', version: string | null, nonroot: boolean): string | null {
  const image = distrolessFor(kind, version);
  return image ? `${image}${nonroot ? ':nonroot' : ''}` : null;
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
  // The official images' tag patterns say nothing about another publisher's repository
  // (mcr.microsoft.com/devcontainers/ruby has no -slim tags): no variant is made up for it.
  if (repository.includes('/')) return null;
  const t = variantTag(facts, family, tag, cls);
  return t ? `${repository}:${t}` : null;
}
