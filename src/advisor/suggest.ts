// One advice per Dockerfile, shared by the lint rules that name a replacement image, so lint and
// recommend never disagree.

import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel } from '../dockerfile/stage.js';
import type { ProjectContext } from '../context/types.js';
import { dockerfileContext } from '../context/read.js';
import { adviseOffline } from './advise.js';
import type { Goal, StageAdvice } from './types.js';

// The last advice only: the rules of one file ask in a row. (Not a WeakMap keyed by the model: its
// entries keep per-file objects alive through every young-generation GC, which costs more than advising.)
let last: { model: BuildModel; goal: Goal; project: ProjectContext | undefined; byStage: Map<number, StageAdvice | null> } | null = null;

export function adviceFor(file: Dockerfile, model: BuildModel, project: ProjectContext | undefined, goal: Goal, stage: number): StageAdvice | null {
  if (last === null || last.model !== model || last.goal !== goal || last.project?.dir !== project?.dir) {
    last = { model, goal, project, byStage: new Map() };
  }
  let advice = last.byStage.get(stage);
  if (advice === undefined) {
    const rec = adviseOffline(file, model, project ?? dockerfileContext(file, model), { goal, stage });
    advice = rec.stages.find((s) => s.index === stage) ?? null;
    last.byStage.set(stage, advice);
  }
  return advice;
}

/** The image a lint rule should suggest for a stage: the advisor's, or null when it keeps the current one. */
export function suggestedImage(file: Dockerfile, model: BuildModel, project: ProjectContext | undefined, goal: Goal, stage: number): string | null {
  const advice = adviceFor(file, model, project, goal, stage);
  return advice && advice.recommended !== advice.current ? advice.recommended : null;
}
