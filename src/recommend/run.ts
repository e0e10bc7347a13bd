// `plinth recommend` as a library call: read the Dockerfile and its context, advise, optionally
// rewrite the FROM lines and lint the result. The CLI only parses flags and prints.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { buildModel, parseDockerfile } from '../dockerfile/index.js';
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel, ModelOptions } from '../dockerfile/stage.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { readContext } from '../context/read.js';
import { writeFixed } from '../fix/edits.js';
import { advise } from '../advisor/advise.js';
import { fromEdits } from '../advisor/fix.js';
import type { AdviseOptions, Goal, Recommendation } from '../advisor/types.js';
import { lintDockerfile } from '../lint/lint-file.js';
import { ruleIds } from '../rules/registry.js';

export interface RecommendOptions extends ModelOptions {
  /** Context directory; default: the Dockerfile's directory. */
  context?: string;
  goal?: Goal;
  fix?: boolean;
  /** Config file (`--config`); default: found upward from the Dockerfile. */
  configPath?: string;
  online?: Pick<AdviseOptions, 'tags' | 'size'>;
  /** The evaluation date (end of life, listed tags, the lint around `--fix`), yyyy-mm-dd (default today). */
  date?: string;
}

export interface RecommendResult {
  recommendation: Recommendation;
  goal: Goal;
  /** With `fix`: what was rewritten, what could not be, and findings the rewrite introduced. */
  fix: { changed: string[]; skipped: string[]; newFindings: string[]; written: boolean } | null;
}

export function modelOf(source: string, path: string, options: ModelOptions): { file: Dockerfile; model: BuildModel } {
  const file = parseDockerfile(source, path);
  const model = buildModel(file, { buildArgs: options.buildArgs, target: options.target, platform: options.platform });
  return { file, model };
}

/** `rule: message` per finding of a file, to compare before and after a rewrite (every line stays in place). */
function lintLines(file: Dockerfile, model: BuildModel, config: Config, contextDir: string, date: string): string[] {
  const project = readContext(contextDir, file, model);
  return lintDockerfile(file, { model, config, project, date }).findings.map((f) => `${f.rule}: ${f.message}`);
}

export async function recommend(path: string, source: string, options: RecommendOptions = {}): Promise<RecommendResult> {
  const { file, model } = modelOf(source, path, options);
  const config = await loadConfig(path, options.configPath, { knownRules: ruleIds });
  const goal: Goal = options.goal ?? config.goal;
  const contextDir = resolve(options.context ?? dirname(resolve(path)));
  const ctx = readContext(contextDir, file, model);
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const recommendation = await advise(file, model, ctx, { goal, date, ...options.online });
  if (!options.fix) return { recommendation, goal, fix: null };

  const edits = fromEdits(file, model, recommendation);
  const before = lintLines(file, model, config, contextDir, date);
  let newFindings: string[] = [];
  let written = false;
  if (edits.edits.length) {
    const next = await writeFixed(path, source, edits.edits, { bom: file.bom });
    written = next !== null;
    if (next !== null) {
      const fixed = modelOf(next, path, options);
      newFindings = lintLines(fixed.file, fixed.model, config, contextDir, date).filter((f) => !before.includes(f));
    }
  }
  return { recommendation, goal, fix: { changed: edits.changed, skipped: edits.skipped, newFindings, written } };
}

export async function recommendFile(path: string, options: RecommendOptions = {}): Promise<RecommendResult> {
  return recommend(path, await readFile(path, 'utf8'), options);
}
