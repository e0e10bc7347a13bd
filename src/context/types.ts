// What the build context and the Dockerfile show about the application a stage runs.

import type { ElfLink } from './elf.js';

/** One fact with where it was seen. `file` is relative to the context directory; `line` is 1-based. */
export interface Evidence {
  file: string;
  line: number | null;
  fact: string;
}

export type Ecosystem = 'node' | 'python' | 'go' | 'java' | 'rust' | 'dotnet' | 'ruby' | 'php';

/** Native code that is built for (or only works on) glibc: the reason a runtime must not be Alpine. */
export interface NativeRequirement {
  ecosystem: Ecosystem;
  package: string;
  version: string | null;
  /** Why it needs glibc, from the data lists or from what the package declares. */
  reason: string;
  evidence: Evidence;
}

/** What one ecosystem detector found. */
export interface EcosystemFacts {
  ecosystem: Ecosystem;
  /** Everything worth showing, including traps that were ruled out (optional native dependencies). */
  evidence: Evidence[];
  /** glibc requirements at run time (dev-only and optional packages excluded). */
  native: NativeRequirement[];
  /** Runtime version the project asks for (`21` for Java, `1.22` for Go), when it says. */
  version: string | null;
}

export interface GoFacts extends EcosystemFacts {
  ecosystem: 'go';
  /** Modules in go.mod that need cgo (mattn/go-sqlite3, ...). */
  cgoModules: NativeRequirement[];
  /** Source imports that make the binary need CA certificates or tz data. */
  usesTLS: Evidence | null;
  usesTimezones: Evidence | null;
  /** `time/tzdata` imported or built with `-tags timetzdata`: zones are embedded. */
  embedsTzdata: Evidence | null;
}

export interface JavaFacts extends EcosystemFacts {
  ecosystem: 'java';
  /** Plugin that makes one runnable JAR (spring-boot, shade, assembly, shadow), when seen. */
  fatJar: Evidence | null;
  /** Gradle's application plugin: the dependency JARs in lib/ and a start script that needs /bin/sh. */
  startScript: Evidence | null;
  /** Netty's glibc-only JNI libraries, which fall back to pure Java where they do not load. */
  withFallback: Evidence[];
}

export interface RustFacts extends EcosystemFacts {
  ecosystem: 'rust';
  /** A musl target configured in the project (.cargo/config.toml). */
  muslTarget: Evidence | null;
  /** Crates that link system libraries dynamically (openssl-sys, ...). */
  systemLibs: NativeRequirement[];
  /** TLS with the system trust store vs bundled roots (webpki-roots). */
  usesTLS: Evidence | null;
  bundledRoots: Evidence | null;
}

export interface DotnetFacts extends EcosystemFacts {
  ecosystem: 'dotnet';
  selfContained: Evidence | null;
  trimmed: Evidence | null;
  invariantGlobalization: Evidence | null;
  nativeAot: Evidence | null;
  /** `linux-x64`, `linux-musl-x64`, ... */
  runtimeIdentifier: string | null;
}

/** Facts the Dockerfile shows about one stage. */
export interface StageFacts {
  index: number;
  /** Installs JS dependencies (`npm ci`, `yarn install`, `pnpm install`). */
  nodeInstall: Evidence | null;
  /** The install leaves out dev dependencies (`--omit=dev`, `--production`, NODE_ENV=production). */
  productionInstall: boolean;
  pipInstall: Evidence | null;
  /** `bundle install`, `gem install`. */
  gemInstall: Evidence | null;
  goBuild: GoBuild | null;
  /** `wasm`: a WebAssembly target (`--target wasm32-wasip1`): a module for a Wasm runtime, no libc. */
  cargoBuild: { evidence: Evidence; musl: boolean; wasm?: boolean; /** RUSTFLAGS `-C target-feature=+crt-static`. */ crtStatic?: boolean } | null;
  /** Builds a JAR or a .NET app (`mvn package`, `gradle build`, `dotnet publish`). */
  jvmBuild: Evidence | null;
  dotnetPublish: Evidence | null;
  /** Runs `java -jar` (CMD, ENTRYPOINT or RUN). */
  javaJar: Evidence | null;
  /** Runs `node`, `npm start`, `python`, `gunicorn`, ...: an interpreter at run time. */
  interpreter: Evidence | null;
  /** Whose code that interpreter runs (`python3` -> python, `bundle` -> ruby). */
  interpreterEcosystem: Ecosystem | null;
  /** Installs packages with apk/apt/dnf: names with the line. */
  systemPackages: { name: string; evidence: Evidence }[];
  /** Installs a C compiler (gcc, build-base, build-essential). */
  installsCompiler: Evidence | null;
  /** Copies a CA bundle (`/etc/ssl/certs`) or zoneinfo from another stage or the context. */
  copiesCertificates: Evidence | null;
  copiesZoneinfo: Evidence | null;
  /** `ENV`/`ARG` values set in the stage (CGO_ENABLED, NODE_ENV, TZ, GOFLAGS, ...). */
  env: Record<string, { value: string; evidence: Evidence }>;
  /** `USER` other than root. */
  nonRootUser: Evidence | null;
  /** Stage indexes this stage copies files from. */
  copiesFrom: number[];
  /** The first ELF binary COPY/ADD brings from the build context, and how it links (`context/elf.ts`). */
  prebuilt?: { path: string; link: ElfLink; evidence: Evidence } | null;
}

export interface GoBuild {
  evidence: Evidence;
  /** CGO_ENABLED given on the command line, in the stage's ENV/ARG or GOFLAGS; null when not set. */
  cgoEnabled: { value: boolean; evidence: Evidence } | null;
  /** `-tags netgo` (GOFLAGS too): the pure-Go resolver. */
  netgo: boolean;
  /** `-tags osusergo`: the pure-Go user lookup. */
  osusergo: boolean;
  /** `-extldflags -static` (or LDFLAGS=-static): linked statically whatever uses cgo. */
  staticLink: boolean;
  /** The command as written: `go build`, `go install`, `xx-go build`, `xgo` (cross-compiles with cgo on). */
  tool: string;
  /** `-tags timetzdata`. */
  embedsTzdata: boolean;
}

export interface ProjectContext {
  /** Absolute context directory. */
  dir: string;
  /** The Dockerfile's path relative to the context (the `file` of its evidence). */
  dockerfile: string;
  /** Ecosystems found, in detector order. */
  ecosystems: EcosystemFacts[];
  stages: StageFacts[];
  /** Needs of the running app: a CA bundle for HTTPS, tz data, a non-root user. */
  needs: { certificates: Evidence | null; tzdata: Evidence | null; nonRoot: Evidence | null };
  /** Files that could not be read or parsed: one line each, with file and line. */
  warnings: string[];
}
