// How a Go or Rust binary built in a stage links: one verdict, read by the advisor (which base can
// run it) and by the scratch-dynamic-binary rule (whether scratch can), from the stage facts
// context/ gathers, so the two never disagree.
import { stageChain, type BuildModel } from '../dockerfile/stage.js';
import type { Evidence, GoFacts, RustFacts, StageFacts } from '../context/types.js';

export interface BinaryLink {
  language: 'go' | 'rust' | 'wasm';
  /** The build command as written (`go build`, `go install`, `xx-go build`, `xgo`, `cargo build`). */
  tool: string;
  /** The stage that compiles it. */
  stage: number;
  static: boolean;
  /** Why, in one clause, when it links libc dynamically (the rule's message); else null. */
  dynamicBecause: string | null;
  evidence: Evidence[];
  risks: string[];
}

/** ENV/ARG of a stage including those of the stages it is built FROM (its own last). */
export function chainEnv(model: BuildModel, stages: StageFacts[], index: number): StageFacts['env'] {
  return Object.assign(Object.create(null), ...stageChain(model, index).reverse().map((i) => stages[i]?.env ?? {}));
}

/**
 * How the binary a stage (or the chain it is built FROM) compiles links, or null when it compiles
 * no Go or Rust. `imageHasCompiler`: whether the stage's base image ships a C compiler (catalog).
 */
export function binaryLinkOf(model: BuildModel, stages: StageFacts[], index: number, imageHasCompiler: boolean, go?: GoFacts, rust?: RustFacts): BinaryLink | null {
  const chain = stageChain(model, index);
  const goStage = chain.find((i) => stages[i]?.goBuild);
  if (goStage !== undefined) {
    const installs = chain.map((i) => stages[i]?.installsCompiler).find(Boolean) ?? null;
    return goLink(model, stages, goStage, imageHasCompiler, installs, go);
  }
  const rustStage = chain.find((i) => stages[i]?.cargoBuild);
  return rustStage === undefined ? null : rustLink(stages[rustStage]!.cargoBuild!, rustStage, rust);
}

function goLink(model: BuildModel, stages: StageFacts[], index: number, imageHasCompiler: boolean, installsCompiler: Evidence | null, go?: GoFacts): BinaryLink {
  const build = stages[index]!.goBuild!;
  const env = chainEnv(model, stages, index);
  const line = build.evidence.line;
  const evidence: Evidence[] = [build.evidence];
  const risks: string[] = [];
  const explicit = build.cgoEnabled ?? (env.CGO_ENABLED ? { value: env.CGO_ENABLED.value === '1', evidence: env.CGO_ENABLED.evidence } : null);
  let cgo: boolean;
  if (explicit) {
    cgo = explicit.value;
    evidence.push(explicit.evidence);
  } else {
    // go build turns cgo off by itself when there is no C compiler.
    cgo = imageHasCompiler || installsCompiler !== null;
    const image = model.stages[index]!.image ?? 'the build image';
    evidence.push({
      ...(installsCompiler ?? build.evidence),
      fact: cgo
        ? `${installsCompiler && !imageHasCompiler ? 'the stage installs' : `${image} has`} a C compiler, so go build defaults to CGO_ENABLED=1`
        : `${image} has no C compiler, so go build turns cgo off: the binary is static`,
    });
  }
  const cgoModules = go?.cgoModules ?? [];
  if (cgoModules.length) {
    evidence.push(...cgoModules.map((m) => m.evidence));
    if (!cgo) risks.push(`${cgoModules.map((m) => m.package).join(', ')} need${cgoModules.length === 1 ? 's' : ''} cgo, but cgo is off: the binary builds and then fails at run time.`);
  }
  // With cgo on, -tags netgo (and osusergo) keep the standard library off libc; a module that
  // needs cgo links it anyway. Only -extldflags -static links it statically whatever uses it.
  const pureGo = build.netgo && !cgoModules.length;
  const isStatic = !cgo || build.staticLink || pureGo;
  if (cgo && isStatic) evidence.push({ ...build.evidence, fact: build.staticLink ? 'links statically (-extldflags -static)' : `pure-Go resolver (-tags netgo${build.osusergo ? ',osusergo' : ''})` });
  if (cgo && pureGo && !build.staticLink && !build.osusergo) risks.push(`go build at line ${line} has -tags netgo but not osusergo: with cgo on, a dependency that looks up users (os/user) links libc dynamically; add osusergo or CGO_ENABLED=0.`);
  const tool = `\`${build.tool}\``;
  const dynamicBecause = isStatic ? null
    : build.tool === 'xgo' ? `${tool} at line ${line} cross-compiles with cgo on and no static link flags, so the binary links libc dynamically`
    : explicit ? `${tool} at line ${line} runs with CGO_ENABLED=1 and no static link flags, so the binary links libc dynamically`
    : `${tool} at line ${line} runs with cgo on (CGO_ENABLED is not 0 and the image has a C compiler), so the binary links libc dynamically`;
  return { language: 'go', tool: build.tool, stage: index, static: isStatic, dynamicBecause, evidence, risks };
}

function rustLink(build: NonNullable<StageFacts['cargoBuild']>, index: number, rust?: RustFacts): BinaryLink {
  // A Wasm module needs no libc: an image of it is `scratch` for a Wasm runtime (platform wasi/wasm).
  if (build.wasm) return { language: 'wasm', tool: 'cargo build', stage: index, static: true, dynamicBecause: null, evidence: [build.evidence], risks: [] };
  const isStatic = build.musl || build.crtStatic === true || Boolean(rust?.muslTarget);
  const evidence = [build.evidence, ...(rust?.muslTarget ? [rust.muslTarget] : []), ...(rust?.systemLibs.map((s) => s.evidence) ?? [])];
  const dynamicBecause = isStatic ? null : `\`cargo build\` at line ${build.evidence.line} targets glibc (no *-musl target, no crt-static), so the binary links libc dynamically`;
  return { language: 'rust', tool: 'cargo build', stage: index, static: isStatic, dynamicBecause, evidence, risks: [] };
}
