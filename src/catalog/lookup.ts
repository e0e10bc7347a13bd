// Facts about an image from the catalog data alone (offline). Results are cached per reference string.
import type { ImageRef } from '../reference/types.js';
import { distrolessFor, newestDistroless } from './distroless.js';
import { familiarName } from '../reference/parse.js';
import { families, type FamilyData } from './data.js';
import { developmentRelease, eolFacts } from './eol.js';
import { snapshotSize } from './sizes.js';
import { specialFacts } from './special.js';
import { isFloating, splitTag, type TagParts } from './tag.js';
import type { ImageFacts, VariantClass } from './types.js';
import { BoundedMap } from '../util/bounded-map.js';

const exact = new Map<string, FamilyData>();
const prefixes: [string, FamilyData][] = [];
for (const f of families) {
  for (const repo of f.repositories) {
    if (repo.endsWith('/*')) prefixes.push([repo.slice(0, -1), f]);
    else exact.set(repo, f);
  }
}

// Docker Hub publishes official images per architecture too: amd64/node is node.
const ARCH_NAMESPACES = /^(?:amd64|arm32v5|arm32v6|arm32v7|arm64v8|i386|mips64le|ppc64le|riscv64|s390x|windows-amd64)\//;

/** Debian's current stable codename, as the shipped official-image data aliases `debian:stable`. */
export function debianStable(): string {
  return families.find((f) => f.id === 'debian')?.aliases?.stable ?? 'bookworm';
}

// Public mirrors of Docker's official images: the same images, under another registry's name.
const OFFICIAL_MIRRORS: [registry: string, prefix: string][] = [['mirror.gcr.io', 'library/'], ['public.ecr.aws', 'docker/library/']];

/** The official image a reference names (`node` for node:22, mirror.gcr.io/library/node:22 and public.ecr.aws/docker/library/node:22), or null. */
export function officialImageName(ref: ImageRef): string | null {
  if (ref.registry === 'docker.io') return ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : null;
  for (const [registry, prefix] of OFFICIAL_MIRRORS) if (ref.registry === registry && ref.repository.startsWith(prefix)) return ref.repository.slice(prefix.length);
  return null;
}

export function familyOf(ref: ImageRef): FamilyData | null {
  // (A mirror's official image is the official image.)
  const mirrored = ref.registry === 'docker.io' ? null : officialImageName(ref);
  let repo = mirrored !== null ? `docker.io/library/${mirrored}` : `${ref.registry}/${ref.repository}`;
  if (ref.registry === 'docker.io' && ARCH_NAMESPACES.test(ref.repository)) repo = `docker.io/library/${ref.repository.replace(ARCH_NAMESPACES, '')}`;
  const hit = exact.get(repo);
  if (hit) return hit;
  for (const [prefix, f] of prefixes) if (repo.startsWith(prefix)) return f;
  return null;
}

const cache = new BoundedMap<string, ImageFacts | null>(20_000);

export function lookupImage(ref: ImageRef): ImageFacts | null {
  const key = `${ref.registry}/${ref.repository}:${ref.tag ?? ''}@${ref.digest ?? ''}`;
  let facts = cache.get(key);
  if (facts === undefined) {
    facts = compute(ref);
    cache.set(key, facts);
  }
  return facts;
}

function compute(ref: ImageRef): ImageFacts | null {
  const family = familyOf(ref);
  if (!family) return null;
  const special = specialFacts(family, ref);
  if (special !== undefined) return special;
  return officialFacts(family, ref);
}

function officialFacts(family: FamilyData, ref: ImageRef): ImageFacts {
  const tag = ref.tag ?? 'latest';
  const parts = splitTag(tag);
  const isDistro = family.kind === 'distro';
  const alias = parts.alias ? family.aliases?.[parts.alias] ?? null : null;
  const version = parts.version ?? (isDistro ? null : alias);
  const dotnetSdk = family.kind === 'dotnet' && ref.repository.endsWith('/sdk');
  const chiseled = parts.other.includes('chiseled') || parts.other.includes('distroless');

  let variantClass: VariantClass = family.plainClass;
  if (parts.alpine || family.id === 'alpine') variantClass = 'alpine';
  else if (parts.slim) variantClass = 'slim';
  else if (chiseled) variantClass = 'distroless';
  else if (dotnetSdk) variantClass = 'full';

  const [defaultDistro, defaultDistroVersion] = family.defaultDistro;
  // A slim variant is Debian even where the family's plain tags are not (openjdk:17-slim).
  const plainDistro = parts.slim && defaultDistro !== 'debian' ? 'debian' : defaultDistro;
  let distro: string | null = parts.alpine ? 'alpine' : parts.distro ?? family.distro ?? plainDistro;
  let distroVersion: string | null = parts.alpine ? parts.alpineVersion : parts.distroVersion ?? (parts.distro || plainDistro !== defaultDistro ? null : defaultDistroVersion);
  if (isDistro && family.id !== 'busybox' && family.id !== 'buildpack-deps') {
    distro = family.distro ?? distro;
    distroVersion = parts.version ?? parts.distroVersion ?? (parts.alias ? family.aliases?.[parts.alias] ?? null : defaultDistroVersion);
  }
  if (family.id === 'buildpack-deps') distroVersion = parts.distroVersion ?? parts.version ?? defaultDistroVersion;

  const windows = parts.distro === 'windows';
  const libc = windows ? null : distro === 'alpine' ? 'musl' : 'glibc';
  const shell = windows ? 'cmd.exe' : chiseled ? null : '/bin/sh';
  const packageManager = windows || chiseled ? null : packageManagerOf(distro, family);

  const runtimeVersion = isDistro ? null : version;
  let java: 'jdk' | 'jre' | null = null;
  if (family.kind === 'jvm') java = parts.java ?? (parts.other.includes('headless') ? 'jre' : family.defaultJava ?? 'jdk');

  const facts: ImageFacts = {
    family: family.id,
    repository: `${ref.registry}/${ref.repository}`,
    tag: ref.tag,
    variantClass,
    libc,
    shell,
    packageManager,
    distro,
    distroVersion,
    runtimeVersion,
    java,
    floating: ref.digest === null && floatingOf(family, parts),
    deprecated: family.deprecated ? deprecation(family, version, java) : null,
    eol: eolFacts({ runtime: family.runtime, runtimeVersion, versionDepth: family.versionDepth, distro: parts.alpine || parts.distro || isDistro ? distro : null, distroVersion }),
    development: developmentRelease(distro, parts.alias ?? parts.distroVersion ?? (isDistro ? parts.version : null)),
    compressedBytes: snapshotSize(familiarName(ref), tag),
    variants: {},
    hasCompiler: variantClass === 'full' && (family.hasCompiler || dotnetSdk),
  };
  facts.variants = siblingTags(family, ref, parts, facts);
  return facts;
}

function packageManagerOf(distro: string | null, family: FamilyData): ImageFacts['packageManager'] {
  if (family.defaultPackageManager !== undefined && distro === family.defaultDistro[0]) return family.defaultPackageManager;
  switch (distro) {
    case 'alpine': return 'apk';
    case 'debian': case 'ubuntu': return 'apt';
    case 'al2023': case 'oraclelinux': return 'dnf';
    case 'ubi': return 'microdnf';
    default: return null;
  }
}

function floatingOf(family: FamilyData, parts: TagParts): boolean {
  // debian:12.8 names a point release; alpine:3.21.2 a patch release.
  if (family.id === 'debian' && parts.version !== null) return parts.version.split('.').length < 2;
  return isFloating(parts);
}

function deprecation(family: FamilyData, version: string | null, java: 'jdk' | 'jre' | null): ImageFacts['deprecated'] {
  const d = family.deprecated!;
  const major = version?.split('.')[0] ?? '21';
  return { reason: d.reason, source: d.source, replacement: d.replacement.replace('{major}', major).replace('{java}', java ?? 'jre') };
}

/** Sibling tags in the same family and version, keeping the user's version precision. */
function siblingTags(family: FamilyData, ref: ImageRef, parts: TagParts, facts: ImageFacts): ImageFacts['variants'] {
  const name = familiarName(ref);
  const v = parts.version ?? (family.kind === 'distro' || parts.alias === 'latest' ? null : parts.alias);
  const codename = parts.distro === 'debian' || parts.distro === 'ubuntu' ? parts.distroVersion : null;
  const out: ImageFacts['variants'] = {};
  if (family.kind === 'distro') {
    if (family.id === 'debian') {
      const base = parts.version ?? parts.distroVersion ?? parts.alias ?? 'stable';
      out.minimal = `debian:${base}`;
      out.slim = `debian:${base}-slim`;
    }
    if (family.id === 'buildpack-deps') out.slim = `debian:${codename ?? parts.version ?? 'stable'}-slim`;
    return out;
  }
  const join = (...xs: (string | null)[]) => xs.filter((x): x is string => !!x).join('-');
  if (family.kind === 'jvm') {
    const major = (v ?? '21').split('.')[0];
    const target = family.deprecated ? 'eclipse-temurin' : name;
    const jreName = family.id === 'amazoncorretto' ? null : target;
    if (jreName) {
      out.minimal = `${jreName}:${join(family.deprecated ? major : v, 'jre', codename)}`;
      out.alpine = `${target === 'eclipse-temurin' ? 'eclipse-temurin' : jreName}:${join(family.deprecated ? major : v, 'jre', 'alpine')}`;
    } else {
      out.minimal = `amazoncorretto:${join(v, 'al2023', 'headless')}`;
      out.alpine = `eclipse-temurin:${major}-jre-alpine`;
    }
    const java = newestDistroless(`java${major}`);
    if (java) out.distroless = `gcr.io/distroless/${java}`;
    return out;
  }
  if (family.kind === 'dotnet') {
    // The same image kind (runtime-deps, runtime, aspnet): a console app needs no ASP.NET Core. An
    // SDK (a final stage that builds) moves to aspnet, which holds both runtimes, on the SDK's
    // channel: an SDK's version (10.0.400) is no runtime's.
    const kind = /\/(runtime-deps|runtime|aspnet)$/.exec(name)?.[1] ?? 'aspnet';
    const channel = (v && name.endsWith('/sdk') ? `${v.split('.').slice(0, 2).join('.')}${ref.tag?.includes('-preview') ? '-preview' : ''}` : v) ?? '8.0';
    out.slim = `mcr.microsoft.com/dotnet/${kind}:${channel}`;
    out.alpine = `mcr.microsoft.com/dotnet/${kind}:${channel}-alpine`;
    out.distroless = `mcr.microsoft.com/dotnet/${kind}:${channel}-noble-chiseled`;
    return out;
  }
  const extras = parts.other;
  if (family.plainClass === 'full') out.full = `${name}:${join(v ?? 'latest', codename, ...extras)}`;
  if (family.slim) {
    const slimTag = family.slimStyle === 'prefix' ? join(v, 'slim', codename) : join(v, codename, 'slim');
    out.slim = `${name}:${slimTag}`;
  }
  if (family.alpine) out.alpine = `${name}:${join(v, ...extras, 'alpine')}`;
  if (family.distroless) {
    // families.json names the image without its Debian release: the project's data says which it
    // publishes now (`gcr.io/distroless/nodejs{major}` -> `nodejs22-debian13`).
    const major = facts.runtimeVersion?.split('.')[0] ?? '';
    const stem = family.distroless.replace('{major}', major).slice('gcr.io/distroless/'.length);
    const now = stem === 'python3' ? distrolessFor('python', facts.runtimeVersion) : family.distroless.includes('{major}') && !major ? null : newestDistroless(stem);
    if (now) out.distroless = now.startsWith('gcr.io/') ? now : `gcr.io/distroless/${now}`;
  }
  return out;
}

/** Families the catalog knows, with the repositories each covers. */
export function catalogFamilies(): { id: string; repositories: string[] }[] {
  return families.map((f) => ({ id: f.id, repositories: [...f.repositories] }));
}

/** JVM distributions whose images run Java but which the catalog has no tag facts for. */
const OTHER_JVM_NAMES = ['zulu', 'ibm-semeru-runtimes', 'sapmachine'];

/** Every name a JVM image's family goes by: catalog ids of kind jvm, their repositories' last segment, and the others. */
const JVM_NAMES: ReadonlySet<string> = new Set([
  ...families.filter((f) => f.kind === 'jvm').flatMap((f) => [f.id, ...f.repositories.map((r) => r.slice(r.lastIndexOf('/') + 1))]),
  ...OTHER_JVM_NAMES,
]);

/** Families whose image is the program (a web server, kind app in families.json): what is copied in is content. */
const SERVER_IDS: ReadonlySet<string> = new Set(families.filter((f) => f.kind === 'app').map((f) => f.id));

/** Whether a catalog family id names a server image (`nginx`). */
export function isServerFamily(id: string): boolean {
  return SERVER_IDS.has(id);
}

/** Whether a family or repository name (`eclipse-temurin`, `zulu-openjdk`) is a JVM distribution. */
export function isJvmFamily(name: string): boolean {
  return JVM_NAMES.has(name) || JVM_NAMES.has(name.slice(name.lastIndexOf('/') + 1));
}
