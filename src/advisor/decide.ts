// The decision tree for a runtime stage: which branch applies and the image it leads to.

import type { ImageFacts, VariantClass } from '../catalog/types.js';
import type { Evidence, ProjectContext, StageFacts } from '../context/types.js';
import type { Decision, Goal } from './types.js';
import type { Workload } from './workload.js';
import { distrolessImage, tagWords, temurinJre, variantImage } from './tags.js';
import { debianCodename } from '../catalog/eol.js';
import { debianStable } from '../catalog/lookup.js';

/** The current base image as the advisor sees it. */
export interface Current {
  /** Familiar repository (`node`, `bitnami/node`, `mcr.microsoft.com/dotnet/aspnet`); `scratch` for scratch. */
  repository: string;
  family: string;
  tag: string | null;
  facts: ImageFacts | null;
  cls: VariantClass;
  libc: 'glibc' | 'musl' | null;
  /** Line of the FROM, for evidence about the image itself. */
  line?: number;
}

export interface Choice {
  decision: Decision;
  /** The image to use, or null to keep the current one. */
  image: string | null;
  evidence: Evidence[];
  risks: string[];
}

/** How every risk about Alpine's libc begins: a binding that rejects Alpine drops these (bindings.ts). */
export const MUSL_CAVEAT = 'Alpine uses musl libc';

const MUSL_RISK: Record<string, string> = {
  node: `${MUSL_CAVEAT}: the dependencies are pure JS today; a native addon added later must be installed inside an Alpine stage (python3, make, g++) or the app moved to -slim, since node_modules from a Debian stage carry glibc binaries.`,
  python: `${MUSL_CAVEAT}: pip needs musllinux wheels; a package without one compiles from source (build-base, slow builds) or fails.`,
  ruby: `${MUSL_CAVEAT}: gems with C extensions must be installed inside the Alpine stage (build-base for compiling).`,
  php: `${MUSL_CAVEAT}: extensions built for glibc (Oracle, ionCube) do not load.`,
  dotnet: `${MUSL_CAVEAT}: publish for linux-musl-x64 (or framework-dependent); without InvariantGlobalization the app needs icu-libs.`,
  java: `${MUSL_CAVEAT}: JNI libraries built for glibc (older RocksDB, TensorFlow, Oracle OCI) fail to load; use -jre if one turns up.`,
};

function keep(decision: Decision, evidence: Evidence[], risks: string[] = []): Choice {
  return { decision, image: null, evidence, risks };
}

/** The current image in another variant class of its family, or null when none exists. */
function sameFamily(cur: Current, cls: 'slim' | 'alpine'): string | null {
  return variantImage(cur.facts, cur.repository, cur.family, cur.tag, cls);
}

const isDistroless = (cur: Current): boolean => cur.cls === 'distroless' || cur.cls === 'static';

export function decideRuntime(w: Workload, cur: Current, goal: Goal, ctx: ProjectContext, stage: StageFacts, buildFacts: ImageFacts | null): Choice {
  const evidence = [...w.evidence];
  const risks = [...w.risks];
  const secure = goal === 'security';

  if (w.kind === 'builds-here') {
    risks.push('This stage compiles and runs the app: move the build into its own stage and copy only the output; the runtime stage can then drop the toolchain.');
    return keep('keep', evidence, risks);
  }

  if (w.kind === 'binary') {
    // A Wasm module runs on a Wasm runtime, which brings what it needs: its image is scratch.
    if (w.language === 'wasm') return cur.cls === 'scratch' ? keep('keep', evidence, risks) : { decision: 'static-binary', image: 'scratch', evidence, risks: [...risks, 'Build and run it for the wasi/wasm platform (a Wasm runtime such as containerd\'s wasmedge or wasmtime shim).'] };
    if (w.static) {
      const n = ctx.needs;
      const onScratch = cur.cls === 'scratch';
      const unmet: string[] = [];
      if (n.certificates && !(onScratch && stage.copiesCertificates)) { unmet.push('CA certificates'); evidence.push(n.certificates); }
      if (n.tzdata && !(onScratch && stage.copiesZoneinfo)) { unmet.push('tz data'); evidence.push(n.tzdata); }
      const numericUser = n.nonRoot && /\d+(:\d+)?$/.test(n.nonRoot.fact);
      if (n.nonRoot && !(onScratch && numericUser)) { unmet.push('a non-root user'); evidence.push(n.nonRoot); }
      if (secure) return cur.cls === 'static' ? keep('max-security', evidence, risks) : { decision: 'max-security', image: distrolessImage('static', null, true), evidence, risks };
      if (cur.cls === 'static' || (onScratch && unmet.length === 0)) return keep('keep', evidence, risks);
      if (unmet.length) {
        evidence.push({ file: evidence[0]?.file ?? ctx.dockerfile, line: null, fact: `needs ${unmet.join(', ')}: distroless/static has them, scratch does not` });
        return { decision: 'static-binary', image: distrolessImage('static', null, Boolean(n.nonRoot)), evidence, risks };
      }
      risks.push('scratch is empty: no shell, no CA certificates, no /etc/passwd, no tz data. Copy in what the binary turns out to need.');
      return { decision: 'static-binary', image: 'scratch', evidence, risks };
    }
    if (w.libc === 'musl') {
      const alpine = buildFacts?.distroVersion ? `alpine:${buildFacts.distroVersion}` : 'alpine';
      evidence.push({ file: evidence[0]?.file ?? ctx.dockerfile, line: evidence[0]?.line ?? null, fact: 'the binary links musl dynamically (cgo on Alpine)' });
      risks.push('The binary links musl dynamically: it needs an Alpine runtime (or build with CGO_ENABLED=0 for scratch).');
      return cur.libc === 'musl' ? keep('keep', evidence, risks) : { decision: 'musl-native', image: alpine, evidence, risks };
    }
    if (secure) {
      const image = distrolessImage(w.language === 'go' ? 'base' : 'cc', null, true);
      return isDistroless(cur) ? keep('max-security', evidence, risks) : { decision: 'max-security', image, evidence, risks };
    }
    evidence.push({ file: evidence[0]?.file ?? ctx.dockerfile, line: evidence[0]?.line ?? null, fact: 'the binary links glibc dynamically' });
    if ((cur.cls === 'slim' || isDistroless(cur)) && cur.libc === 'glibc') return keep('keep', evidence, risks);
    const codename = tagWords(buildFacts?.tag ?? null).codename ?? (buildFacts?.distro === 'debian' ? debianCodename(buildFacts.distroVersion) : null) ?? debianStable();
    if (cur.libc === 'musl') risks.push('A glibc-linked binary does not start on Alpine (musl).');
    const running = cur.family === 'debian' ? tagWords(cur.tag).codename ?? debianCodename(cur.facts?.distroVersion) : null;
    if (running && running !== codename) risks.push(`The binary is built against Debian ${codename}'s glibc; Debian ${running} may be too old or too new for it: run on the build's release.`);
    return { decision: 'glibc-native', image: `debian:${codename}-slim`, evidence, risks };
  }

  if (w.kind === 'jvm') {
    const major = w.javaVersion;
    if (secure) {
      const image = distrolessImage('java', major, true);
      const shell = "The application plugin's start script needs /bin/sh, which distroless has not: start the app with `java -cp 'lib/*' <main class>` instead.";
      if (isDistroless(cur)) return keep('max-security', evidence, w.startScript ? [...risks, shell] : risks);
      if (image) return { decision: 'max-security', image, evidence, risks: w.startScript ? [...risks, shell] : risks };
      risks.push(`distroless has no image for Java ${major ?? '(unknown version)'}; keeping to the JRE branch.`);
    }
    if (cur.facts?.deprecated) evidence.push({ file: ctx.dockerfile, line: cur.line ?? null, fact: `${cur.repository} is deprecated: ${cur.facts.deprecated.reason}` });
    if (cur.facts?.java === 'jdk') evidence.push({ file: ctx.dockerfile, line: cur.line ?? null, fact: `${cur.repository}:${cur.tag} is a JDK: running a JAR needs only a JRE` });
    const glibc = w.native.length > 0 || goal === 'compatibility';
    if (w.native.length) evidence.push(...w.native.map((n) => n.evidence));
    if (cur.family === 'eclipse-temurin' && cur.facts?.java === 'jre' && (glibc ? cur.libc === 'glibc' : cur.cls === 'alpine')) return keep('keep', evidence, risks);
    if (isDistroless(cur) && cur.libc === 'glibc') return keep('keep', evidence, risks);
    // Keep the precision of a temurin tag (`21.0.5_11-jdk` -> `21.0.5_11-jre-alpine`).
    const precise = cur.family === 'eclipse-temurin' ? tagWords(cur.tag).version : '';
    const image = precise && precise.split('.')[0] === major
      ? `eclipse-temurin:${precise}-jre${glibc ? '' : '-alpine'}`
      : temurinJre(major, !glibc) ?? cur.facts?.variants[glibc ? 'minimal' : 'alpine'] ?? null;
    if (!image) {
      risks.push(`No eclipse-temurin JRE for Java ${major ?? '(unknown version)'}: set the Java version in the build so plinth can pick one.`);
      return keep('keep', evidence, risks);
    }
    if (!glibc) risks.push(MUSL_RISK.java);
    return { decision: 'jvm-fat-jar', image, evidence, risks };
  }

  // Interpreted code: native code decides glibc (-slim) against musl (-alpine).
  const eco = w.ecosystem ?? 'unknown';
  if (secure && w.known) {
    const kind = eco === 'node' ? 'node' : eco === 'python' ? 'python' : null;
    const image = kind ? distrolessImage(kind, cur.facts?.runtimeVersion ?? tagWords(cur.tag).version, true) : null;
    if (isDistroless(cur)) return keep('max-security', evidence, risks);
    if (image) {
      risks.push('distroless has no shell and no package manager: CMD/ENTRYPOINT must be exec form, and debugging uses the :debug variant.');
      if (w.native.length) risks.push(`Native code needs its shared libraries in the image: check ${w.native.map((n) => n.package).join(', ')} load on distroless.`);
      return { decision: 'max-security', image, evidence, risks };
    }
    risks.push(`distroless has no ${eco} image for this runtime version; keeping to the size branch.`);
  }
  if (w.native.length) {
    const names = w.native.map((n) => n.package).join(', ');
    const built = w.nativeBuild;
    const one = w.native.length === 1;
    // Native code compiled on musl in another stage and copied in loads on musl only: an Alpine
    // runtime is right (`FROM alpine` + `apk add nodejs` fed by a node:alpine builder).
    if (built?.copied && built.libc === 'musl') {
      const fact = { ...built.evidence, fact: `${built.evidence.fact} on musl: ${names} ${one ? 'is' : 'are'} compiled for musl and copied in` };
      if (cur.libc === 'glibc') risks.push(`${names} ${one ? 'is' : 'are'} compiled on musl in another stage and will not load on this glibc image: build ${one ? 'it' : 'them'} on the runtime's libc.`);
      return keep('keep', [...evidence, fact], risks);
    }
    if ((cur.cls === 'slim' || isDistroless(cur)) && cur.libc === 'glibc') return keep('keep', evidence, risks);
    if (cur.cls === 'full' || cur.libc === 'musl') {
      const slim = sameFamily(cur, 'slim');
      if (cur.libc === 'musl') {
        // Built in the runtime's own image chain, the code is compiled against musl and works; the
        // tree still prefers glibc for native code (prebuilt binaries, no compile on Alpine).
        risks.push(built && !built.copied && built.libc === 'musl'
          ? `${MUSL_CAVEAT}: ${names} ${one ? 'compiles' : 'compile'} against musl here, where glibc-only libraries and prebuilt glibc binaries do not apply.`
          : `${MUSL_CAVEAT}: ${names} ${one ? 'is' : 'are'} built for glibc here.`);
      }
      if (slim) return { decision: 'glibc-native', image: slim, evidence, risks };
      // No slim variant (php, golang): the glibc default tag.
      if (cur.libc === 'musl') {
        const { version, flavour } = tagWords(cur.tag);
        const tag = [version, ...flavour].filter(Boolean).join('-') || 'latest';
        return { decision: 'glibc-native', image: `${cur.repository}:${tag}`, evidence, risks };
      }
    }
    return keep('keep', evidence, risks);
  }
  if (!w.known) {
    // Nothing in the context says what runs: -slim is the step that cannot break glibc code.
    if (cur.cls !== 'full') return keep('keep', evidence, risks);
    const slim = sameFamily(cur, 'slim');
    const alpine = sameFamily(cur, 'alpine');
    evidence.push({ file: ctx.dockerfile, line: null, fact: 'no dependency manifest in the build context: native code cannot be ruled out' });
    if (slim) {
      if (alpine) risks.push(`If the app has no native code, ${alpine} is smaller still.`);
      return { decision: 'glibc-native', image: slim, evidence, risks };
    }
    return keep('keep', evidence, risks);
  }
  // Said of the manifests that were read, where there are some; a server's content has none.
  if (!w.served) evidence.push({ file: evidence.find((e) => e.file !== ctx.dockerfile)?.file ?? ctx.dockerfile, line: null, fact: 'no dependency known to need glibc at run time' });
  const want: 'slim' | 'alpine' = goal === 'compatibility' ? 'slim' : 'alpine';
  if (cur.cls === want || isDistroless(cur) || cur.cls === 'minimal' || (want === 'slim' && cur.cls === 'alpine')) return keep('keep', evidence, risks);
  const image = sameFamily(cur, want) ?? (want === 'alpine' && cur.cls === 'full' ? sameFamily(cur, 'slim') : null);
  if (!image) return keep('keep', evidence, risks);
  if (image.includes('alpine') && !w.served) risks.push(MUSL_RISK[eco] ?? `${MUSL_CAVEAT}: anything built for glibc fails to load.`);
  return { decision: image.includes('alpine') ? 'interpreted' : 'glibc-native', image, evidence, risks };
}
