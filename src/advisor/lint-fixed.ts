// Lints a rewritten Dockerfile with the rules engine, as `rule: message` lines to compare before and after.

import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel } from '../dockerfile/stage.js';
import type { Config } from '../config/types.js';
import type { Finding } from '../rules/types.js';
import { readContext } from '../context/read.js';

type Lint = (file: Dockerfile, options: Record<string, unknown>) => { findings: Finding[] };

export async function lintForFix(file: Dockerfile, model: BuildModel, config: Config, contextDir: string): Promise<string[]> {
  const enginePath = '../rules/engine.js';
  const engine = (await import(enginePath)) as { lintDockerfile?: Lint };
  if (!engine.lintDockerfile) return [];
  const project = readContext(contextDir, file, model);
  const { findings } = engine.lintDockerfile(file, { model, config, project, date: new Date().toISOString().slice(0, 10) });
  return findings.map((f) => `${f.rule}: ${f.message}`);
}
