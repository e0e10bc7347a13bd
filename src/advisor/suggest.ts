// One decision per Dockerfile stage, shared by the lint rules that name a replacement image, so lint
// and recommend never disagree.

import { basename } from 'node:path';
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel } from '../dockerfile/stage.js';
import type { ProjectContext } from '../context/types.js';
import { dockerfileContext } from '../context/read.js';
import { adviseOffline, decideOffline } from './advise.js';
import type { Goal, StageAdvice } from './types.js';

/** The whole advice for one stage (evidence, risks, sizes), as `plinth recommend` gives it. */
export function adviceFor(file: Dockerfile, model: BuildModel, project: ProjectContext | undefined, goal: Goal, stage: number, date?: string): StageAdvice | null {
  const rec = adviseOffline(file, model, project ?? dockerfileContext(file, model), { goal, stage, ...(date ? { date } : {}) });
  return rec.stages.find((s) => s.index === stage) ?? null;
}

/** The image a lint rule should suggest for a stage: the advisor's, or null when it keeps the current one. */
export function suggestedImage(file: Dockerfile, model: BuildModel, projectOf: () => ProjectContext, goal: Goal, stage: number, date: string): string | null {
  // (Only the decision: lint shows no evidence, risks or sizes. The rules' context asks once per
  // stage.) The build context is read only if the decision needs it (the stage whose image ships).
  const source = { dockerfile: basename(file.path), project: projectOf };
  const d = decideOffline(model, source, stage, { goal, date });
  return d && d.recommended !== d.current ? d.recommended : null;
}
