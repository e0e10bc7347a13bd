// Facts about image families and their tag variants, shipped as data in `catalog/data/`.

/** full: Debian/Ubuntu with build tools; slim; alpine; distroless; static: distroless/static-like; scratch: empty. */
export type VariantClass = 'full' | 'slim' | 'alpine' | 'distroless' | 'static' | 'scratch' | 'minimal';
export type Libc = 'glibc' | 'musl' | null;
export type PackageManager = 'apt' | 'apk' | 'dnf' | 'microdnf' | 'yum' | null;

export interface EndOfLife {
  /** What reaches end of life: `Node.js 18`, `Debian 10 (buster)`. */
  subject: string;
  /** ISO date yyyy-mm-dd. */
  date: string;
  /** Where the date comes from (URL or document name). */
  source: string;
  /** The catalog's id for the subject (`nodejs`, `debian`) and the release (`18`, `10`). */
  id: string;
  release: string;
  kind: 'runtime' | 'distribution';
}

export interface ImageFacts {
  /** Catalog family id: `node`, `python`, `eclipse-temurin`, `distroless`, ... */
  family: string;
  /** Normalized repository the facts were found for: `docker.io/library/node`. */
  repository: string;
  tag: string | null;
  variantClass: VariantClass;
  libc: Libc;
  /** Path of the shell, or null when the image has none. */
  shell: string | null;
  packageManager: PackageManager;
  /** Distribution the variant is built on: `debian`, `alpine`, `ubuntu`, `ubi`, `wolfi`, `al2023`, null for scratch. */
  distro: string | null;
  /** Distribution release when the tag names or implies one: `bookworm`, `3.21`, `12`. */
  distroVersion: string | null;
  /** The runtime version the tag encodes (`22`, `22.12.0`, `3.12`, `21`), null when none. */
  runtimeVersion: string | null;
  /** For JVM images: whether the tag is a JDK or a JRE. */
  java: 'jdk' | 'jre' | null;
  /** Whether the tag moves with releases (true for `22`, `3.12`, `bookworm`; false for `22.12.0-alpine3.21`). */
  floating: boolean;
  /** Set when the image or family is deprecated; `replacement` is null when its publisher names none. */
  deprecated: { reason: string; replacement: string | null; source: string } | null;
  /** End-of-life entries that apply to this tag (runtime and distribution). */
  eol: EndOfLife[];
  /** What the publisher moves users to when an `eol` entry of its own ends (distroless on a newer Debian). */
  successor?: string | null;
  /** A development distribution the tag names (`Debian unstable (sid)`, `Alpine Linux edge`): no security support. */
  development?: string | null;
  /** Typical compressed size for linux/amd64 from the snapshot, when known. */
  compressedBytes: number | null;
  /** Familiar references of the same family and version in other variant classes (`node:22-slim`); for JVM images `minimal` is the JRE and `alpine` the JRE on Alpine. */
  variants: Partial<Record<VariantClass, string>>;
  /** Whether the image has a C compiler (full golang, rust, gcc images). */
  hasCompiler: boolean;
  /** Where the facts come from: the catalog (default) or the image's real contents (`lint --online`). */
  source?: 'catalog' | 'contents';
  /** For facts from contents: whether the image has a CA bundle. */
  caCertificates?: boolean;
}
