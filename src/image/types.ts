import { PlinthError } from '../types.js';
import type { Platform } from '../registry/types.js';

/** The parts of an image config (`application/vnd.oci.image.config.v1+json`) that contents need. */
export interface ImageConfig {
  created?: string;
  architecture?: string;
  os?: string;
  variant?: string;
  config?: {
    User?: string;
    Env?: string[] | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
  };
  rootfs?: { type: string; diff_ids: string[] };
}

/** One layer: opened as a stream of its blob bytes (compressed or not); read once. */
export interface LayerSource {
  digest: string;
  mediaType: string;
  /** Size of the blob in bytes, -1 when unknown. */
  size: number;
  open(): Promise<NodeJS.ReadableStream>;
}

/** Where an image comes from: a registry, an OCI layout or a docker-archive tarball. */
export interface ImageSource {
  kind: 'registry' | 'oci' | 'docker-archive';
  /** What the user wrote, for messages. */
  name: string;
  /** Digest of the platform manifest, null when the source has none (legacy docker-archive). */
  digest: string | null;
  platform: Platform;
  config: ImageConfig;
  /** Bottom layer first. */
  layers: LayerSource[];
  close(): Promise<void>;
}

export type PackageEcosystem = 'deb' | 'apk' | 'rpm';

export interface PackageItem {
  name: string;
  version: string;
  /** Source package (deb Source, apk origin, rpm source rpm name); the name itself when none is recorded. */
  source: string;
  /** The source package's version when it differs from the binary's (dpkg `Source: name (version)`, binNMUs). */
  sourceVersion?: string;
  architecture: string | null;
}

export interface Runtime {
  name: 'node' | 'java' | 'python';
  version: string | null;
  /** `jdk` or `jre` for java, null otherwise. */
  kind: 'jdk' | 'jre' | null;
}

/** What an image really contains (issue 5 §3, `inspect --contents`). */
export interface ImageContents {
  /** os-release; `alpineBranch` from /etc/apk/repositories (`v3.20`, `edge`) when it names one. */
  os: { id: string | null; versionId: string | null; prettyName: string | null; alpineBranch?: string } | null;
  libc: 'musl' | 'glibc' | null;
  shell: string | null;
  packageManager: 'apk' | 'apt' | 'dnf' | 'microdnf' | 'yum' | null;
  packages: { ecosystem: PackageEcosystem | null; count: number; items: PackageItem[] };
  caCertificates: boolean;
  timezoneData: boolean;
  /** Sum of the regular files in all layers' tars (what unpacking the image costs, as `docker images` counts). */
  uncompressedBytes: number;
  /** Sum of the regular files of the final file system (hard links counted once). */
  filesystemBytes: number;
  runtime: Runtime | null;
  user: string | null;
  entrypoint: string[] | null;
  cmd: string[] | null;
  layers: { digest: string; compression: Compression; tarBytes: number; fileBytes: number }[];
  /** Things that could not be read, one line each (an rpm database in an old format, ...). */
  warnings: string[];
}

export type Compression = 'gzip' | 'zstd' | 'none';

export class ImageSourceError extends PlinthError {
  constructor(message: string) {
    super('image', message);
  }
}

/** The layout holds no image, or several, for the tag asked (a docker-archive then tries its manifest.json). */
export class ImageNotSelectedError extends ImageSourceError {}

/**
 * Bytes per read of a layer blob from a file (an OCI layout, a docker-archive): each read is a trip
 * to the thread pool, and at the stream default of 64 KiB an 80 MiB layer made 1,300 of them.
 */
export const BLOB_READ = 1024 * 1024;
