import type { Instruction } from './types.js';

/** Where a `COPY --from` or `RUN --mount=...,from=` reads from. */
export interface StageSource {
  instruction: Instruction;
  /** 'copy' for COPY/ADD --from, 'mount' for RUN --mount from=. */
  kind: 'copy' | 'mount';
  /** The flag value after ARG expansion. */
  text: string;
  /** Index of the earlier stage it names, or null when it names an image. */
  stage: number | null;
  /** The image text when it names an image (not a stage); null for stages or unresolvable values. */
  image: string | null;
}

/** One build stage: a FROM and the instructions until the next FROM. */
export interface Stage {
  index: number;
  /** Alias from `AS name`, lower-cased as BuildKit compares it; null when none. */
  name: string | null;
  from: Instruction;
  /** The image text as written on the FROM line, before ARG expansion. */
  rawImage: string;
  /** The image text after ARG expansion with global ARGs and build args; null when unresolvable. */
  image: string | null;
  /** Names of ARGs that were referenced but had no value, when `image` is null. */
  unresolvedArgs: string[];
  /** Index of the earlier stage this FROM builds on, or null. */
  fromStage: number | null;
  /** True for `FROM scratch`. */
  scratch: boolean;
  /** `--platform` value as written, and after expansion (null when absent). */
  platformRaw: string | null;
  platform: string | null;
  /** Instructions inside the stage, FROM excluded. */
  instructions: Instruction[];
  sources: StageSource[];
  /** The later stages that copy or mount from this one, or are built FROM it, in order (no repeats). */
  usedBy: number[];
  /** True for the stage that is built: the last, or the `--target`. */
  final: boolean;
}

/** A global `ARG` (before the first FROM). */
export interface GlobalArg {
  name: string;
  /** Default as written after quote removal; null for `ARG NAME` with no default. */
  defaultValue: string | null;
  instruction: Instruction;
}

export interface BuildModel {
  globalArgs: GlobalArg[];
  stages: Stage[];
  /** Index of the final stage, or -1 for a file with no FROM. */
  finalStage: number;
}

export interface ModelOptions {
  buildArgs?: Record<string, string>;
  /** Stage name for `--target`. */
  target?: string;
  /** Platform for the predefined TARGETPLATFORM etc.; default linux/amd64. */
  platform?: string;
}

/** The stage and the stages it is built `FROM`, nearest first (the last is its rootStage). */
export function stageChain(model: BuildModel, index: number): number[] {
  const out: number[] = [];
  for (let i: number | null = index; i !== null && model.stages[i] && out.length < 1000; i = model.stages[i]!.fromStage) out.push(i);
  return out;
}

/** The stage whose FROM names the image a stage finally stands on (itself unless FROM <stage>). */
export function rootStage(model: BuildModel, index: number): number {
  let i = index;
  for (let hops = 0; model.stages[i]?.fromStage != null && hops < 1000; hops++) i = model.stages[i]!.fromStage!;
  return i;
}
