// How the advisor reads image references and catalog facts: through reference/ and catalog/.

import * as reference from '../reference/index.js';
import * as catalog from '../catalog/index.js';
import type { ImageRef } from '../reference/types.js';
import type { ImageFacts } from '../catalog/types.js';

export interface ImageLookup {
  parse(text: string): ImageRef | null;
  /** `docker.io/library/node:22`. */
  normalized(text: string): string;
  /** Familiar repository without tag: `node`, `bitnami/node`, `gcr.io/distroless/static-debian12`. */
  repository(text: string): string;
  facts(text: string): ImageFacts | null;
  /** Typical compressed bytes for linux/amd64, when the catalog knows. */
  size(text: string): number | null;
  /** Whether the catalog knows this tag exists: true, false, or null when it has no data for the family. */
  knows(text: string): boolean | null;
}

type Fn<A extends unknown[], R> = ((...args: A) => R) | undefined;
const api = { ...(reference as Record<string, unknown>), ...(catalog as Record<string, unknown>) };
const parseReference = api.parseReference as Fn<[string], ImageRef>;
const lookupImage = api.lookupImage as Fn<[ImageRef], ImageFacts | null>;
const sizeOfImage = api.sizeOf as Fn<[ImageRef | ImageFacts], number | null>;
const tagExists = api.tagExists as Fn<[ImageRef], boolean | null>;

/** Minimal split used only when reference/ offers no parser. */
function splitReference(text: string): ImageRef {
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  const first = rest.split('/')[0];
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let repository = hasRegistry ? rest.slice(first.length + 1) : rest;
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  const implicitTag = tag === null && digest === null;
  return { original: text, registry, repository, tag: tag ?? (digest ? null : 'latest'), implicitTag, digest };
}

function familiar(ref: ImageRef): string {
  if (ref.registry === 'docker.io') return ref.repository.replace(/^library\//, '');
  return `${ref.registry}/${ref.repository}`;
}

export function imageLookup(): ImageLookup {
  const parse = (text: string): ImageRef | null => {
    try {
      return parseReference ? parseReference(text) : splitReference(text);
    } catch {
      return null;
    }
  };
  const facts = (text: string): ImageFacts | null => {
    const ref = parse(text);
    if (!ref || !lookupImage) return null;
    try {
      return lookupImage(ref) ?? null;
    } catch {
      return null;
    }
  };
  return {
    parse,
    normalized: (text) => {
      const ref = parse(text);
      if (!ref) return text;
      return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
    },
    repository: (text) => {
      const ref = parse(text);
      return ref ? familiar(ref) : text;
    },
    facts,
    size: (text) => {
      const ref = parse(text);
      if (!ref) return null;
      const f = facts(text);
      if (f?.compressedBytes != null) return f.compressedBytes;
      try {
        return sizeOfImage ? sizeOfImage(ref) ?? null : null;
      } catch {
        return null;
      }
    },
    knows: (text) => {
      const ref = parse(text);
      if (!ref || !tagExists) return null;
      try {
        return tagExists(ref);
      } catch {
        return null;
      }
    },
  };
}
