// What the runtime stage runs: a static or dynamic binary, a JVM app, or interpreted code (with or
// without native code). Each answer carries the evidence that led to it.

import { isJvmFamily, isServerFamily } from '../catalog/lookup.js';
import { stageChain, type BuildModel } from '../dockerfile/stage.js';
import type { ImageFacts } from '../catalog/types.js';
import type { Ecosystem, Evidence, GoFacts, JavaFacts, NativeRequirement, ProjectContext, RustFacts } from '../context/types.js';
import { ancestry, nativeBuildOf, type NativeBuild } from '../facts/native-build.js';
import { binaryLinkOf } from '../facts/binary-link.js';

export type Workload =
  | { kind: 'binary'; language: 'go' | 'rust' | 'prebuilt' | 'wasm'; static: boolean; libc: 'glibc' | 'musl'; buildStage: number; evidence: Evidence[]; risks: string[] }
  | { kind: 'jvm'; fatJar: boolean; startScript: boolean; javaVersion: string | null; native: NativeRequirement[]; evidence: Evidence[]; risks: string[] }
  | { kind: 'interpreted'; served?: string; ecosystem: Ecosystem | null; native: NativeRequirement[]; known: boolean; nativeBuild: NativeBuild | null; evidence: Evidence[]; risks: string[] }
  | { kind: 'builds-here'; what: string; evidence: Evidence[]; risks: string[] };

const FAMILY_ECOSYSTEM: Record<string, Ecosystem> = { node: 'node', python: 'python', ruby: 'ruby', php: 'php', dotnet: 'dotnet', golang: 'go', rust: 'rust' };

/** Facts of a stage's image, following `FROM <stage>` chains. */
export type FactsOf = (stage: number) => ImageFacts | null;

export function workloadOf(model: BuildModel, ctx: ProjectContext, index: number, factsOf: FactsOf, family: string | null = null): Workload {
  const stage = ctx.stages[index];
  const facts = factsOf(index);
  const fam = facts?.family ?? family ?? '';
  const eco = <T>(name: Ecosystem): T | undefined => ctx.ecosystems.find((e) => e.ecosystem === name) as T | undefined;

  // A stage that compiles and runs in one image cannot move to a runtime-only base; nor can one
  // built `FROM <stage>` on a stage that compiles (the toolchain is in the image it ships).
  for (const i of stageChain(model, index)) {
    const s = ctx.stages[i];
    const buildsHere = s?.goBuild?.evidence ?? s?.cargoBuild?.evidence ?? s?.jvmBuild ?? s?.dotnetPublish;
    if (buildsHere && !(s!.javaJar && !s!.jvmBuild)) return { kind: 'builds-here', what: buildsHere.fact, evidence: [buildsHere], risks: [] };
  }

  const sources = ancestry(model, index);
  // (Go first: a stage that runs both go build and cargo build ships the Go binary more often.)
  const built = sources.find((i) => ctx.stages[i]?.goBuild) ?? sources.find((i) => ctx.stages[i]?.cargoBuild);
  if (built !== undefined) {
    const link = binaryLinkOf(model, ctx.stages, built, Boolean(factsOf(built)?.hasCompiler), eco<GoFacts>('go'), eco<RustFacts>('rust'))!;
    const libc = factsOf(link.stage)?.libc === 'musl' ? 'musl' : 'glibc';
    return { kind: 'binary', language: link.language, static: link.static, libc, buildStage: link.stage, evidence: link.evidence, risks: link.risks };
  }

  // A binary copied in from the build context: how it links is read from its ELF header.
  for (const i of stageChain(model, index)) {
    const p = ctx.stages[i]?.prebuilt;
    if (!p) continue;
    const dynamic = p.link.kind === 'dynamic' ? p.link : null;
    const risks = dynamic && dynamic.libc === null ? [`${p.path} names the loader ${dynamic.interpreter || '(past the bytes read)'}: check which libc it needs.`] : [];
    return { kind: 'binary', language: 'prebuilt', static: !dynamic, libc: dynamic?.libc === 'musl' ? 'musl' : 'glibc', buildStage: index, evidence: [p.evidence], risks };
  }

  const java = eco<JavaFacts>('java');
  const jvmFamily = Boolean(facts?.java) || isJvmFamily(fam);
  const jvmBuilt = sources.some((i) => ctx.stages[i]?.jvmBuild);
  if (jvmFamily || stage.javaJar || jvmBuilt) {
    const evidence: Evidence[] = [];
    if (stage.javaJar) evidence.push(stage.javaJar);
    if (java?.fatJar) evidence.push(java.fatJar);
    if (java?.startScript) evidence.push(java.startScript);
    evidence.push(...(java?.withFallback ?? []));
    const buildVersion = sources.map((i) => factsOf(i)).find((f) => f?.java)?.runtimeVersion ?? null;
    const javaVersion = (jvmFamily ? facts?.runtimeVersion : null) ?? java?.version ?? buildVersion;
    const packaged = Boolean(java?.fatJar || stage.javaJar || java?.startScript);
    const risks = packaged ? [] : ['No fat-JAR plugin, application plugin or `java -jar` seen: make sure every dependency JAR reaches the runtime stage.'];
    return { kind: 'jvm', fatJar: packaged, startScript: Boolean(java?.startScript), javaVersion: javaVersion ? javaVersion.split('.')[0] : null, native: java?.native ?? [], evidence, risks };
  }

  // A web server's image (nginx) runs its own program: what the stages copy in is content, whatever
  // built it, unless the stage starts an interpreter of its own.
  if (isServerFamily(fam) && !stage.interpreterEcosystem) {
    const evidence = [{ file: ctx.dockerfile, line: model.stages[index]?.from.line ?? null, fact: `${fam} serves what the stages copy in: no app code runs in this image` }];
    return { kind: 'interpreted', served: fam, ecosystem: null, native: [], known: true, nativeBuild: null, evidence, risks: [] };
  }

  // Whose code runs: the image's family, else the interpreter the stage starts, else what the
  // stages feeding it install; a manifest in the context that no stage uses decides nothing.
  const ecosystem = FAMILY_ECOSYSTEM[fam] ?? stage.interpreterEcosystem ?? installedEcosystem(model, ctx, index) ?? ctx.ecosystems[0]?.ecosystem ?? null;
  const found = ecosystem ? ctx.ecosystems.find((e) => e.ecosystem === ecosystem) : undefined;
  const evidence = [...(stage.interpreter ? [stage.interpreter] : []), ...(found?.evidence ?? [])];
  const nativeBuild = found?.native.length ? nativeBuildOf(model, ctx, index, (i) => factsOf(i)?.libc ?? null, ecosystem) : null;
  return { kind: 'interpreted', ecosystem, native: found?.native ?? [], known: Boolean(found), nativeBuild, evidence, risks: [] };
}

/** The ecosystem whose packages the stage, its chain or its sources install, when only one does. */
function installedEcosystem(model: BuildModel, ctx: ProjectContext, index: number): Ecosystem | null {
  const found = new Set<Ecosystem>();
  for (const i of [index, ...ancestry(model, index)]) {
    const s = ctx.stages[i];
    if (s?.nodeInstall) found.add('node');
    if (s?.pipInstall) found.add('python');
    if (s?.gemInstall) found.add('ruby');
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** A few words on what runs: `static Go binary`, `Node.js app with native code (bcrypt)`. */
export function describeWorkload(w: Workload): string {
  switch (w.kind) {
    case 'builds-here':
      return 'a stage that builds and runs the app';
    case 'binary':
      if (w.language === 'wasm') return 'a WebAssembly module';
      return `a ${w.static ? 'static' : `dynamically linked (${w.libc})`} ${w.language === 'go' ? 'Go' : w.language === 'rust' ? 'Rust' : 'prebuilt'} binary`;
    case 'jvm':
      return `a JVM app${w.startScript ? ' (application distribution)' : w.fatJar ? ' (fat JAR)' : ''}${w.javaVersion ? ` on Java ${w.javaVersion}` : ''}${w.native.length ? ` with JNI libraries (${w.native.map((n) => n.package).join(', ')})` : ''}`;
    case 'interpreted': {
      const names: Record<string, string> = { node: 'Node.js', python: 'Python', ruby: 'Ruby', php: 'PHP', dotnet: '.NET', go: 'Go', rust: 'Rust', java: 'Java' };
      if (w.served) return `files served by ${w.served}`;
      const what = w.ecosystem ? `a ${names[w.ecosystem] ?? w.ecosystem} app` : 'an app';
      if (w.native.length) return `${what} with native code (${w.native.slice(0, 3).map((n) => n.package).join(', ')}${w.native.length > 3 ? ', ...' : ''})`;
      return w.known ? `${what} with nothing known to need glibc` : `${what} (nothing in the build context says what it needs)`;
    }
  }
}
