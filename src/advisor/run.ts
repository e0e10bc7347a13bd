// `plinth recommend` as a library call: read the Dockerfile and its context, advise, optionally
// rewrite the FROM lines and lint the result. The CLI only parses flags and prints.

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as dockerfile from '../dockerfile/index.js';
import * as configApi from '../config/index.js';
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel, ModelOptions } from '../dockerfile/stage.js';
import type { Config } from '../config/types.js';
import { defaultConfig } from '../config/types.js';
import { readContext } from '../context/read.js';
import { writeFixed } from '../fix/edits.js';
import { advise } from './advise.js';
import { fromEdits } from './fix.js';
import type { AdviseOptions, Goal, Recommendation } from './types.js';

export interface RecommendOptions extends ModelOptions {
  /** Context directory; default: the Dockerfile's directory. */
  context?: string;
  goal?: Goal;
  fix?: boolean;
  /** Config file (`--config`); default: found upward from the Dockerfile. */
  configPath?: string;
  online?: Pick<AdviseOptions, 'tags' | 'size'>;
  /** Lints a fixed file: returns `rule line: message` per finding (the rules engine, injected by the caller). */
  lint?: (file: Dockerfile, model: BuildModel, config: Config, contextDir: string) => Promise<string[]> | string[];
}

export interface RecommendResult {
  recommendation: Recommendation;
  goal: Goal;
  /** With `fix`: what was rewritten, what could not be, and findings the rewrite introduced. */
  fix: { changed: string[]; skipped: string[]; newFindings: string[]; written: boolean } | null;
}

type Parse = (source: string, path: string) => Dockerfile;
type Build = (file: Dockerfile, options?: ModelOptions) => BuildModel;
type LoadConfig = (path: string, explicit?: string) => Promise<Config> | Config;

const api = dockerfile as Record<string, unknown>;
const parseDockerfile = api.parseDockerfile as Parse;
const buildModel = api.buildModel as Build;

async function configFor(path: string, explicit: string | undefined): Promise<Config> {
  const load = ((configApi as Record<string, unknown>).loadConfig ?? (configApi as Record<string, unknown>).findConfig) as LoadConfig | undefined;
  if (!load) return defaultConfig;
  return (await load(path, explicit)) ?? defaultConfig;
}

export function modelOf(source: string, path: string, options: ModelOptions): { file: Dockerfile; model: BuildModel } {
  const file = parseDockerfile(source, path);
  const model = buildModel(file, { buildArgs: options.buildArgs, target: options.target, platform: options.platform });
  return { file, model };
}

export async function recommend(path: string, source: string, options: RecommendOptions = {}): Promise<RecommendResult> {
  const { file, model } = modelOf(source, path, options);
  const config = await configFor(path, options.configPath);
  const goal: Goal = options.goal ?? config.goal ?? 'size';
  const contextDir = resolve(options.context ?? dirname(resolve(path)));
  const ctx = readContext(contextDir, file, model);
  const recommendation = await advise(file, model, ctx, { goal, ...options.online });
  if (!options.fix) return { recommendation, goal, fix: null };

  const edits = fromEdits(file, model, recommendation);
  const before = options.lint ? await options.lint(file, model, config, contextDir) : [];
  let newFindings: string[] = [];
  let written = false;
  if (edits.edits.length) {
    const next = await writeFixed(path, source, edits.edits, { bom: file.bom });
    written = next !== null;
    if (next !== null && options.lint) {
      const fixed = modelOf(next, path, options);
      const after = await options.lint(fixed.file, fixed.model, config, contextDir);
      // Findings are compared without line numbers: the rewrite keeps every line in place.
      newFindings = after.filter((f) => !before.includes(f));
    }
  }
  return { recommendation, goal, fix: { changed: edits.changed, skipped: edits.skipped, newFindings, written } };
}

export async function recommendFile(path: string, options: RecommendOptions = {}): Promise<RecommendResult> {
  return recommend(path, await readFile(path, 'utf8'), options);
}
