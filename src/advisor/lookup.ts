// How the advisor reads image references and catalog facts: through reference/ and catalog/.

import { familiarName, formatReference, parseReference } from '../reference/index.js';
import { lookupImage, sizeOf } from '../catalog/index.js';
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
  /**
   * Whether the catalog knows this tag exists: true, false, or null when it has no data. The catalog
   * keeps no tag lists, so offline this is always null (the registry answers with --online).
   */
  knows(text: string): boolean | null;
}

function parse(text: string): ImageRef | null {
  try {
    return parseReference(text);
  } catch {
    return null;
  }
}

function facts(text: string): ImageFacts | null {
  const ref = parse(text);
  return ref ? lookupImage(ref) : null;
}

/** One shared lookup: every part is cached below it (references and facts by their text). */
const CATALOG: ImageLookup = {
  parse,
  normalized: (text) => {
    const ref = parse(text);
    return ref ? formatReference(ref) : text;
  },
  repository: (text) => {
    const ref = parse(text);
    return ref ? familiarName(ref) : text;
  },
  facts,
  size: (text) => {
    const ref = parse(text);
    if (!ref) return null;
    return lookupImage(ref)?.compressedBytes ?? sizeOf(ref);
  },
  knows: () => null,
};

export function imageLookup(): ImageLookup {
  return CATALOG;
}
