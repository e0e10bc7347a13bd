// One advice per Dockerfile, shared by the lint rules that name a replacement image, so lint and
// recommend never disagree.

import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel } from '../dockerfile/stage.js';
import type { ProjectContext } from '../context/types.js';
import { dockerfileContext } from '../context/read.js';
import { adviseOffline } from './advise.js';
import type { Goal, Recommendation, StageAdvice } from './types.js';

const cache = new WeakMap<BuildModel, Map<string, Recommendation>>();

export function adviceFor(file: Dockerfile, model: BuildModel, project: ProjectContext | undefined, goal: Goal, stage: number): StageAdvice | null {
  let byGoal = cache.get(model);
  if (!byGoal) cache.set(model, (byGoal = new Map()));
  const key = `${goal}:${project?.dir ?? ''}`;
  let rec = byGoal.get(key);
  if (!rec) {
    rec = adviseOffline(file, model, project ?? dockerfileContext(file, model), { goal });
    byGoal.set(key, rec);
  }
  return rec.stages[stage] ?? null;
}

/** The image a lint rule should suggest for a stage: the advisor's, or null when it keeps the current one. */
export function suggestedImage(file: Dockerfile, model: BuildModel, project: ProjectContext | undefined, goal: Goal, stage: number): string | null {
  const advice = adviceFor(file, model, project, goal, stage);
  return advice && advice.recommended !== advice.current ? advice.recommended : null;
}
