// Families whose tags do not follow the official-image grammar: distroless, Chainguard, Red Hat UBI.
import type { ImageRef } from '../reference/types.js';
import type { FamilyData } from './data.js';
import { eolFacts } from './eol.js';
import { DISTROLESS_POLICY, DISTROLESS_SOURCE, distrolessListed, distrolessPython, distrolessSuccessor, distrolessSupportEnd, newestDistroless, splitDistroless } from './distroless.js';
import type { ImageFacts } from './types.js';

const DISTROLESS = /^distroless\/(static|base-nossl|base|cc|nodejs(\d+)?|java(\d+)?|java-base|python3|python2\.7)(?:-debian(\d+))?$/;

/** Facts for the special families; undefined for official-grammar families. */
export function specialFacts(family: FamilyData, ref: ImageRef): ImageFacts | null | undefined {
  switch (family.id) {
    case 'distroless': return distroless(ref);
    case 'chainguard': return chainguard(ref);
    case 'ubi': return ubi(ref);
    default: return undefined;
  }
}

function base(family: string, ref: ImageRef): ImageFacts {
  return {
    family, repository: `${ref.registry}/${ref.repository}`, tag: ref.tag, variantClass: 'distroless', libc: 'glibc',
    shell: null, packageManager: null, distro: null, distroVersion: null, runtimeVersion: null, java: null,
    floating: ref.digest === null, deprecated: null, eol: [], compressedBytes: null, variants: {}, hasCompiler: false,
  };
}

function distroless(ref: ImageRef): ImageFacts | null {
  const m = DISTROLESS.exec(ref.repository);
  if (!m) return null;
  const [, kind, node, java, debian] = m;
  const tag = ref.tag ?? 'latest';
  const name = ref.repository.slice('distroless/'.length);
  const [stem] = splitDistroless(name);
  // A name without `-debianN` is the project's alias of its newest Debian release.
  const current = debian ? name : newestDistroless(stem);
  const release = current ? splitDistroless(current)[1] : null;
  const f = base('distroless', ref);
  f.distro = 'debian';
  f.distroVersion = debian ?? release ?? null;
  if (tag.startsWith('debug')) f.shell = '/busybox/sh';
  if (kind === 'static') {
    f.variantClass = 'static';
    f.libc = null;
  }
  if (node) f.runtimeVersion = node;
  if (java) {
    f.runtimeVersion = java;
    f.java = 'jre';
  }
  if (kind === 'python3') f.runtimeVersion = (f.distroVersion && distrolessPython(f.distroVersion)) ?? '3';
  f.eol = eolFacts({
    runtime: node ? 'nodejs' : java ? 'java' : null, runtimeVersion: node ?? java ?? null, versionDepth: 1,
    distro: debian ? 'debian' : null, distroVersion: debian ?? null,
  });
  // What the project publishes and updates today (data/distroless.json), and its support policy.
  const successor = distrolessSuccessor(stem);
  const keepTag = (image: string) => `gcr.io/distroless/${image}${ref.tag && distrolessListed(image, tag) ? `:${tag}` : ''}`;
  if (!current || !distrolessListed(current, tag)) {
    f.deprecated = {
      reason: 'the distroless project no longer publishes or updates it',
      replacement: successor ? keepTag(successor) : null,
      source: DISTROLESS_SOURCE,
    };
  }
  // (An image no longer published is deprecated already: its support end would say it twice.)
  const end = debian && !f.deprecated ? distrolessSupportEnd(name) : null;
  if (end) {
    f.eol.push({ subject: `distroless ${stem} on Debian ${debian}`, date: end, source: DISTROLESS_POLICY, id: 'distroless', release: debian!, kind: 'distribution' });
    f.successor = successor && successor !== name ? keepTag(successor) : null;
  }
  f.variants = { static: `gcr.io/distroless/${newestDistroless('static') ?? 'static'}`, distroless: `gcr.io/${ref.repository}:debug` };
  return f;
}

function chainguard(ref: ImageRef): ImageFacts {
  const f = base('chainguard', ref);
  const tag = ref.tag ?? 'latest';
  const name = ref.repository.slice(ref.repository.lastIndexOf('/') + 1);
  f.distro = 'wolfi';
  const dev = tag === 'latest-dev' || tag.endsWith('-dev');
  if (dev) {
    f.variantClass = 'minimal';
    f.shell = '/bin/sh';
    f.packageManager = 'apk';
  }
  if (name === 'static') {
    f.variantClass = 'static';
    f.libc = null;
  }
  const version = /^(\d+(?:\.\d+)*)/.exec(tag)?.[1] ?? null;
  f.runtimeVersion = version;
  f.floating = ref.digest === null && (version === null || version.split('.').length < 3);
  if (/^(jre|jdk|openjdk)/.test(name)) f.java = name.startsWith('jre') ? 'jre' : 'jdk';
  f.hasCompiler = dev && /^(go|rust|gcc-glibc|jdk|maven|gradle)/.test(name);
  f.variants = { distroless: `cgr.dev/${ref.repository}:latest`, minimal: `cgr.dev/${ref.repository}:latest-dev` };
  return f;
}

function ubi(ref: ImageRef): ImageFacts | null {
  const m = /(?:^|\/)ubi(\d+)(?:[-/]|$)/.exec(ref.repository);
  if (!m) return null;
  const f = base('ubi', ref);
  const major = m[1]!;
  const repo = ref.repository;
  f.variantClass = 'minimal';
  f.distro = 'ubi';
  f.distroVersion = major;
  f.shell = '/bin/sh';
  const runtimeImage = /\/(openjdk|nodejs|python|ruby|php|go-toolset|dotnet)-(\d+)(-runtime)?/.exec(repo);
  if (/micro/.test(repo)) f.packageManager = null;
  else if (/minimal/.test(repo) || runtimeImage?.[1] === 'openjdk') f.packageManager = 'microdnf';
  else f.packageManager = major === '7' ? 'yum' : 'dnf';
  let runtime: string | null = null;
  if (runtimeImage) {
    const [, kind, version, rt] = runtimeImage;
    if (kind === 'openjdk') {
      runtime = 'java';
      f.java = rt ? 'jre' : 'jdk';
      f.runtimeVersion = version!;
    } else if (kind === 'nodejs') {
      runtime = 'nodejs';
      f.runtimeVersion = version!;
    } else if (kind === 'python') {
      runtime = 'python';
      f.runtimeVersion = `${version![0]}.${version!.slice(1)}`;
    }
    f.hasCompiler = kind === 'go-toolset';
  }
  const tag = ref.tag ?? 'latest';
  f.floating = ref.digest === null && !/^\d+\.\d+-\d+/.test(tag);
  f.eol = eolFacts({ runtime, runtimeVersion: f.runtimeVersion, versionDepth: runtime === 'python' ? 2 : 1, distro: 'ubi', distroVersion: major });
  if (runtimeImage?.[1] === 'openjdk' && !runtimeImage[3]) f.variants = { minimal: `registry.access.redhat.com/ubi${major}/openjdk-${runtimeImage[2]}-runtime` };
  return f;
}
