import type { ImageRef } from '../reference/types.js';

export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

import type { Platform } from '../reference/platform.js';
export type { Platform } from '../reference/platform.js';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

/** An image manifest or an index, with the exact bytes it was hashed from. */
export interface FetchedManifest {
  digest: string;
  mediaType: string;
  bytes: Uint8Array;
  /** Parsed JSON: `manifests` for an index/list, `config` and `layers` for an image manifest. */
  json: { mediaType?: string; manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[]; schemaVersion?: number };
}

/** What the registry client offers to commands (inspect, compare, pin, lint --online, image contents). */
export interface Registry {
  /** HEAD the reference: the digest of what the tag points to (the index digest for multi-platform images). */
  /**
   * The digest a tag points to, by HEAD. With `verify`, the manifest is also fetched by that digest
   * and hashed (what `pin` writes must be the bytes' own digest, not only what a header said).
   */
  resolve(ref: ImageRef, options?: { verify?: boolean }): Promise<{ digest: string; mediaType: string; size: number }>;
  /** GET a manifest or index by tag or digest; the body is verified against its digest. */
  manifest(ref: ImageRef, reference?: string): Promise<FetchedManifest>;
  /** GET a blob fully (config JSON); verified against its digest. */
  blob(ref: ImageRef, digest: string): Promise<Uint8Array>;
  /** GET a blob as a stream (layers); the stream errors at its end if the bytes do not hash to the digest. */
  blobStream(ref: ImageRef, digest: string): Promise<NodeJS.ReadableStream>;
  /** All tags, following `Link` pagination. */
  tags(ref: ImageRef): Promise<string[]>;
}
