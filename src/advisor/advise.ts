// advise(): the recommendation for every stage of a Dockerfile, from its model and build context.

import type { Dockerfile } from '../dockerfile/types.js';
import { rootStage, stageChain, type BuildModel, type Stage } from '../dockerfile/stage.js';
import type { ImageFacts, VariantClass } from '../catalog/types.js';
import type { DotnetFacts, ProjectContext } from '../context/types.js';
import { decideRuntime, type Choice, type Current } from './decide.js';
import { describeWorkload, workloadOf, type Workload } from './workload.js';
import { imageLookup, type ImageLookup } from './lookup.js';
import type { AdviseOptions, Goal, Recommendation, StageAdvice } from './types.js';
import { refresh } from './refresh.js';
import { bindingsOf, honourBindings } from './bindings.js';

/** The evaluation date when none is given: today (UTC). */
const today = (): string => new Date().toISOString().slice(0, 10);

/** The current image of a stage, or why there is none to judge. */
export function currentOf(stage: Stage, lookup: ImageLookup): Current | string {
  if (stage.scratch) return { repository: 'scratch', family: 'scratch', tag: null, facts: null, cls: 'scratch', libc: null };
  if (stage.fromStage !== null) return `builds on stage ${stage.rawImage}: its FROM decides the base`;
  if (stage.image === null) return `the image cannot be resolved (ARG ${stage.unresolvedArgs.join(', ')} has no value)`;
  const ref = lookup.parse(stage.image);
  if (!ref) return `${stage.image} is not a valid image reference`;
  const facts = lookup.facts(stage.image);
  const repository = lookup.repository(stage.image);
  const family = facts?.family ?? guessFamily(repository);
  const tag = ref.tag;
  const cls: VariantClass = facts?.variantClass ?? guessClass(repository, tag);
  const libc = facts ? facts.libc : cls === 'alpine' ? 'musl' : 'glibc';
  return { repository, family, tag, facts, cls, libc, line: stage.from.line };
}

function guessFamily(repository: string): string {
  if (repository.startsWith('mcr.microsoft.com/dotnet/')) return 'dotnet';
  if (repository.startsWith('gcr.io/distroless/')) return 'distroless';
  return repository.split('/').pop() ?? repository;
}

function guessClass(repository: string, tag: string | null): VariantClass {
  if (repository.startsWith('gcr.io/distroless/static')) return 'static';
  if (repository.startsWith('gcr.io/distroless/')) return 'distroless';
  if (/alpine/.test(tag ?? '') || repository === 'alpine') return 'alpine';
  if (/slim/.test(tag ?? '')) return 'slim';
  return 'full';
}

/** The current images of a model's stages, worked out on first use, and the facts of their FROM chains. */
interface StageImages {
  currentAt(index: number): Current | string;
  factsOf(index: number): ImageFacts | null;
}

function stageImages(model: BuildModel, lookup: ImageLookup): StageImages {
  // Lint asks about one stage, whose FROM chain is all it needs.
  const currents: (Current | string | undefined)[] = [];
  const currentAt = (i: number): Current | string => (currents[i] ??= currentOf(model.stages[i]!, lookup));
  const factsOf = (i: number): ImageFacts | null => {
    for (const j of stageChain(model, i)) {
      const c = currentAt(j);
      if (typeof c !== 'string') return c.facts;
    }
    return null;
  };
  return { currentAt, factsOf };
}

/** What the advisor decided for one stage, before it is explained (evidence, sizes, summary). */
export interface StageDecision {
  /** The current image, or why there is none to judge. */
  cur: Current | string;
  /** As in StageAdvice. */
  current: string | null;
  recommended: string | null;
  choice: Choice;
  /** What the final stage runs; null for a build stage or a stage with no image to judge. */
  workload: Workload | null;
}

/**
 * The build context as a decision reads it: the Dockerfile's name at once, the rest (detectors, stage
 * facts) only for the stage whose image ships, so lint's suggestions for build stages read no files.
 */
export interface ContextSource {
  readonly dockerfile: string;
  project(): ProjectContext;
}

function sourceOf(ctx: ProjectContext | ContextSource): ContextSource {
  return 'project' in ctx && typeof ctx.project === 'function' ? ctx : { dockerfile: (ctx as ProjectContext).dockerfile, project: () => ctx as ProjectContext };
}

/** The decision for one stage: what adviseOffline explains and what lint rules suggest, so the two agree. */
function decideStage(model: BuildModel, src: ContextSource, stage: Stage, goal: Goal, date: string, lookup: ImageLookup, images: StageImages): StageDecision {
  const cur = images.currentAt(stage.index);
  const current = typeof cur === 'string' ? (stage.fromStage !== null ? stage.rawImage : stage.image) : cur.cls === 'scratch' ? 'scratch' : lookup.normalized(stage.image!);
  let choice: Choice;
  let workload: Workload | null = null;
  if (typeof cur === 'string') {
    choice = { decision: 'keep', image: null, evidence: [], risks: [cur[0].toUpperCase() + cur.slice(1) + '.'] };
  } else if (!stage.final && stage.index !== rootStage(model, model.finalStage)) {
    // (The stage a final `FROM <stage>` chain starts at is decided as the runtime below.)
    const users = stage.usedBy.map((i) => model.stages[i]!).map((s) => (s.name ? `"${s.name}"` : `stage ${s.index}`));
    const fact = users.length ? `build stage feeding ${users.join(', ')}: its image is not shipped, build tools belong here` : 'not the final stage: its image is not shipped';
    choice = { decision: 'keep', image: null, evidence: [{ file: src.dockerfile, line: stage.from.line, fact }], risks: [] };
  } else {
    // The final stage, or the stage its `FROM <stage>` chain starts at: what the final stage runs decides this FROM line.
    const runtime = model.finalStage;
    const ctx = src.project();
    workload = workloadOf(model, ctx, runtime, images.factsOf, cur.family);
    const buildStage = workload.kind === 'binary' ? workload.buildStage : null;
    choice = decideRuntime(workload, cur, goal, ctx, ctx.stages[runtime], buildStage !== null ? images.factsOf(buildStage) : null);
    choice = honourBindings(choice, cur, bindingsOf(model, src.dockerfile), lookup);
  }
  if (typeof cur !== 'string') choice = published(withSupportedRelease(choice, stage, src.dockerfile, date, lookup), stage, src.dockerfile, date, lookup);
  if (workload && choice.image) choice = withRetarget(choice, src.project(), lookup);
  return { cur, current, recommended: choice.image ?? current, choice, workload };
}

/**
 * A framework-dependent .NET app runs only on the runtime major it targets: moving the image to
 * another channel (an end-of-life move) means retargeting the project with it.
 */
function withRetarget(choice: Choice, ctx: ProjectContext, lookup: ImageLookup): Choice {
  const dotnet = ctx.ecosystems.find((e) => e.ecosystem === 'dotnet') as DotnetFacts | undefined;
  const facts = choice.image ? lookup.facts(choice.image) : null;
  const channel = facts?.family === 'dotnet' ? facts.runtimeVersion : null;
  if (!dotnet?.version || !channel || dotnet.selfContained || dotnet.nativeAot || dotnet.version.split('.')[0] === channel.split('.')[0]) return choice;
  const at = dotnet.evidence.find((e) => e.fact === `targets .NET ${dotnet.version}`);
  const where = at ? `${at.file}${at.line ? `:${at.line}` : ''}` : 'the project';
  return { ...choice, risks: [...choice.risks, `${where} targets .NET ${dotnet.version}: retarget it to net${channel} with the image (a framework-dependent app does not start on another major runtime).`] };
}

/**
 * Only an image the catalog does not know to be unpublished is recommended: else the current image
 * on its supported release, else the current image, with the reason among the risks.
 */
function published(choice: Choice, stage: Stage, dockerfile: string, date: string, lookup: ImageLookup): Choice {
  if (!choice.image || choice.image === 'scratch' || lookup.knows(choice.image, date) !== false) return choice;
  // A full version that is no longer listed: the newest listed patch of the same line and variant.
  const patch = lookup.listedPatch(choice.image);
  if (patch) return { ...choice, image: patch, evidence: [...choice.evidence, { file: dockerfile, line: stage.from.line, fact: `${choice.image} is no longer listed; ${patch} is the newest patch of that line` }] };
  const risk = `${choice.image} is not a published tag (catalog of official images): keeping the current image.`;
  const kept = withSupportedRelease({ decision: 'keep', image: null, evidence: choice.evidence, risks: [...choice.risks, risk] }, stage, dockerfile, date, lookup);
  return kept.image && lookup.knows(kept.image, date) === false ? { ...kept, decision: 'keep', image: null } : kept;
}

/** The chosen image (or the current one, when kept) moved off a deprecated, floating-latest or end-of-life release. */
function withSupportedRelease(choice: Choice, stage: Stage, dockerfile: string, date: string, lookup: ImageLookup): Choice {
  const image = choice.image ?? stage.image!;
  const r = refresh(image, lookup, date);
  if (!r) {
    // Past its end of life with no supported release of this variant published: say so, not "right".
    const facts = lookup.facts(image);
    const past = facts?.eol.find((e) => e.date <= date);
    if (!past) return choice;
    const windows = facts!.distro === 'windows' ? ' (a Windows image must also match its host\'s Windows release)' : '';
    return { ...choice, risks: [...choice.risks, `${past.subject} reached end of life on ${past.date}, and no supported release of ${lookup.repository(image)} with this variant is published: choose one by hand${windows}.`] };
  }
  const evidence = [...choice.evidence, ...r.facts.map((fact) => ({ file: dockerfile, line: stage.from.line, fact }))];
  return { ...choice, decision: choice.image ? choice.decision : 'supported-release', image: r.image, evidence };
}

/** The decision for one stage alone (what lint's suggestions need: no evidence, sizes or summary). */
export function decideOffline(model: BuildModel, ctx: ProjectContext | ContextSource, stage: number, options: { goal?: Goal; date?: string; lookup?: ImageLookup } = {}): StageDecision | null {
  const s = model.stages[stage];
  if (!s) return null;
  const lookup = options.lookup ?? imageLookup();
  return decideStage(model, sourceOf(ctx), s, options.goal ?? 'size', options.date ?? today(), lookup, stageImages(model, lookup));
}

/** The recommendation from the catalog alone (no network, synchronous); `stage` limits it to one stage. */
export function adviseOffline(file: Dockerfile, model: BuildModel, ctx: ProjectContext, options: { goal?: Goal; date?: string; lookup?: ImageLookup; stage?: number } = {}): Recommendation {
  const lookup = options.lookup ?? imageLookup();
  const goal: Goal = options.goal ?? 'size';
  const date = options.date ?? today();
  const source = sourceOf(ctx);
  const warnings = [...ctx.warnings];
  const images = stageImages(model, lookup);
  const stages: StageAdvice[] = [];
  for (const stage of model.stages) {
    if (options.stage !== undefined && stage.index !== options.stage) continue;
    const { cur, current, recommended, choice, workload } = decideStage(model, source, stage, goal, date, lookup, images);
    stages.push({
      index: stage.index, name: stage.name, final: stage.final, line: stage.from.line,
      current,
      recommended,
      decision: choice.decision,
      evidence: dedupe(choice.evidence),
      risks: choice.image ? choice.risks : choice.risks.filter((r) => !r.startsWith('Alpine uses musl') || typeof cur !== 'string'),
      sizes: {
        currentBytes: typeof cur === 'string' ? null : sizeOf(current, lookup),
        recommendedBytes: recommended === current && typeof cur === 'string' ? null : sizeOf(recommended, lookup),
      },
      summary: typeof cur === 'string' ? cur : workload ? describeWorkload(workload) : 'a build stage: only the final stage ships',
      runtime: Boolean(workload),
    });
  }
  return { version: 1, file: file.path, stages, warnings };
}

function dedupe<T extends { file: string; line: number | null; fact: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.file}:${e.line}:${e.fact}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sizeOf(image: string | null, lookup: ImageLookup): number | null {
  if (image === null) return null;
  return image === 'scratch' ? 0 : lookup.size(image);
}

/**
 * The recommendation; with `tags`/`size` (--online) the registry confirms that the recommended tag
 * exists and gives the sizes. Registry failures leave the offline answer with a warning.
 */
export async function advise(file: Dockerfile, model: BuildModel, ctx: ProjectContext, options: AdviseOptions & { lookup?: ImageLookup } = {}): Promise<Recommendation> {
  const rec = adviseOffline(file, model, ctx, options);
  if (!options.tags && !options.size) return rec;
  const lookup = options.lookup ?? imageLookup();
  for (const s of rec.stages) {
    if (options.tags && s.recommended && s.recommended !== s.current && s.recommended !== 'scratch') {
      const repository = lookup.repository(s.recommended);
      const tag = lookup.parse(s.recommended)?.tag ?? 'latest';
      try {
        const tags = await options.tags(repository);
        if (tags && !tags.includes(tag)) {
          rec.warnings.push(`${s.recommended} is not in the registry's tag list: keeping ${s.current}`);
          s.risks.push(`The registry has no ${s.recommended}.`);
          s.recommended = s.current;
          s.decision = 'keep';
        }
      } catch (err) {
        rec.warnings.push(`could not list the tags of ${repository} (${(err as Error).message.split('\n')[0]}): trusting the catalog`);
      }
    }
    if (options.size && typeof currentOf(model.stages[s.index], lookup) !== 'string') {
      for (const key of ['current', 'recommended'] as const) {
        const image = s[key];
        if (!image || image === 'scratch') continue;
        try {
          const n = await options.size(image);
          if (n !== null) s.sizes[key === 'current' ? 'currentBytes' : 'recommendedBytes'] = n;
        } catch (err) {
          rec.warnings.push(`could not read the size of ${image} (${(err as Error).message.split('\n')[0]}): using the catalog`);
        }
      }
    }
  }
  return rec;
}
