// Small pieces several rules share.
import type { Stage } from '../dockerfile/stage.js';
import { rootStage } from '../dockerfile/stage.js';
export { rootStage } from '../dockerfile/stage.js';
import type { Instruction } from '../dockerfile/types.js';
import type { RuleContext, StageInfo } from './types.js';

/** The image as the user wrote it (after ARG expansion). */
export function shown(stage: Stage): string {
  return stage.image ?? stage.rawImage;
}

/** Where the FROM's image word starts, for a precise column: the first word after the flags. */
export function imageColumn(stage: Stage): number {
  const from = stage.from;
  if (from.rest === '') return from.column;
  if (!from.rest.startsWith('--')) return from.column + (from.restStart - from.start);
  const word = from.words.find((w) => !w.value.startsWith('--'));
  return word ? from.column + (word.start - from.start) : from.column;
}

/** The final stage's root (the stage whose FROM names its image), or null for a file with no FROM. */
export function finalRoot(ctx: RuleContext): StageInfo | null {
  if (ctx.model.finalStage < 0) return null;
  return ctx.stages[rootStage(ctx.model, ctx.model.finalStage)] ?? null;
}

/** Whether a stage (by index) ends up in the image that is built: the final stage and the stages it builds on. */
export function runsInFinal(ctx: RuleContext, index: number): boolean {
  for (let i: number | null = ctx.model.finalStage; i !== null && i >= 0; i = ctx.model.stages[i]!.fromStage) if (i === index) return true;
  return false;
}

/** Instructions of a stage and of the stages it builds on (their RUN and ENV apply too). */
export function inheritedInstructions(ctx: RuleContext, index: number): Instruction[] {
  const chain: Stage[] = [];
  for (let i: number | null = index; i !== null && i >= 0 && chain.length < 100; i = ctx.model.stages[i]!.fromStage) chain.push(ctx.model.stages[i]!);
  // Root stage first. (Plain loops: flatMap and unshift cost more than the rules that call this.)
  const out: Instruction[] = [];
  for (let k = chain.length - 1; k >= 0; k--) for (const ins of chain[k]!.instructions) out.push(ins);
  return out;
}

/**
 * Whether a pinning rule reports: a floating tag is fine for most teams, so floating-tag reports only
 * under `pinning: version` and missing-digest only under `pinning: digest`, or when the config's
 * `rules:` names the rule with a severity.
 */
export function pinningAsked(ctx: RuleContext, id: string, level: 'version' | 'digest'): boolean {
  const setting = ctx.config.rules[id];
  return setting !== undefined ? setting !== 'off' : ctx.config.pinning === level;
}
