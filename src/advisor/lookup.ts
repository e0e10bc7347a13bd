// How the advisor reads image references and catalog facts: through reference/ and catalog/.

import { familiarName, formatReference, parseReference } from '../reference/index.js';
import { lookupImage, sizeOf } from '../catalog/index.js';
import { familyOf, officialImageName } from '../catalog/lookup.js';
import { nearestListedLine, newestListedPatch, officialTagStatus } from '../catalog/tags.js';
import { dotnetNearestPublished, dotnetTagStatus } from '../catalog/dotnet.js';
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
   * Whether the tag is published and was still maintained on `date` (listed by Docker then): true,
   * false, or null when the catalog has no tag data for the image (official images only; the
   * registry answers for others with --online).
   */
  knows(text: string, date: string): boolean | null;
  /** For an image whose full-version tag is no longer listed, the newest listed patch of its line with the same variant. */
  listedPatch(text: string): string | null;
  /** For an official tag no longer listed, the nearest newer listed line of the same variant. */
  nextListedLine(text: string): string | null;
  /** For a .NET tag its channel does not publish, the nearest one it does (another Ubuntu release, the default OS, dotnet/<kind> for dotnet/core/<kind>). */
  nearestPublished(text: string): string | null;
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
  knows: (text, date) => {
    const ref = parse(text);
    // distroless: what the project publishes and updates today (its own list, shipped as data).
    if (ref?.registry === 'gcr.io' && ref.repository.startsWith('distroless/')) {
      const f = lookupImage(ref);
      return f ? !f.deprecated : null;
    }
    // .NET: the tags Microsoft's manifest lists per channel (shipped as data).
    if (ref?.registry === 'mcr.microsoft.com' && ref.repository.startsWith('dotnet/')) return ref.tag ? dotnetTagStatus(ref.repository, ref.tag) : null;
    // Official images, on Docker Hub or a public mirror of it (the same tags).
    const official = ref ? officialImageName(ref) : null;
    if (!official) return null;
    const status = officialTagStatus(official, ref!.tag ?? 'latest');
    if (status === null) return null;
    return status.state === 'current' || (status.state === 'retired' && status.lastListed >= date);
  },
  listedPatch: (text) => {
    const ref = parse(text);
    const official = ref?.tag ? officialImageName(ref) : null;
    const tag = official ? newestListedPatch(official, ref!.tag!, familyOf(ref!)?.versionDepth ?? 1) : null;
    return tag ? `${familiarName(ref!)}:${tag}` : null;
  },
  nextListedLine: (text) => {
    const ref = parse(text);
    const official = ref?.tag ? officialImageName(ref) : null;
    const tag = official ? nearestListedLine(official, ref!.tag!) : null;
    return tag ? `${familiarName(ref!)}:${tag}` : null;
  },
  nearestPublished: (text) => {
    const ref = parse(text);
    if (!ref?.tag || ref.registry !== 'mcr.microsoft.com' || !ref.repository.startsWith('dotnet/')) return null;
    const near = dotnetNearestPublished(ref.repository, ref.tag);
    return near ? `mcr.microsoft.com/${near.repository}:${near.tag}` : null;
  },
};

export function imageLookup(): ImageLookup {
  return CATALOG;
}
