// Runs every rule over one parsed Dockerfile: stage facts, severities from the config, pragmas,
// and the de-duplication that keeps findings from repeating each other.
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel, ModelOptions } from '../dockerfile/stage.js';
import { buildModel } from '../dockerfile/model.js';
import type { Config } from '../config/types.js';
import { parseReference } from '../reference/parse.js';
import type { ImageRef } from '../reference/types.js';
import { formatReference } from '../reference/parse.js';
import type { ImageFacts } from '../catalog/types.js';
import { lookupImage } from '../catalog/lookup.js';
import { allRules } from './registry.js';
export { rootStage } from './helpers.js';
import type { Finding, OnlineFacts, Rule, RuleContext, Severity, StageInfo } from './types.js';
import type { ProjectContext } from '../context/types.js';

export interface LintOptions {
  config: Config;
  /** ISO date for end-of-life checks. */
  date: string;
  model?: BuildModel;
  modelOptions?: ModelOptions;
  online?: OnlineFacts;
  project?: ProjectContext;
  /** The build context read only when a rule asks for it (`ctx.project`): most files never need it. */
  projectOf?: () => ProjectContext;
  rules?: readonly Rule[];
}

export interface LintResult {
  model: BuildModel;
  stages: StageInfo[];
  findings: Finding[];
}

/** Parses a stage's image; an invalid reference gives null here (the caller reports it as a file error). */
function refOf(text: string | null): ImageRef | null {
  if (text === null) return null;
  try {
    return parseReference(text);
  } catch {
    return null;
  }
}

/** Stage facts: the catalog's, else (with `lint --online`) those read from the image's contents. */
export function stageInfos(model: BuildModel, contentFacts?: Map<string, ImageFacts>): StageInfo[] {
  const infos: StageInfo[] = [];
  for (const stage of model.stages) {
    if (stage.fromStage !== null) {
      // A stage built on an earlier one inherits its facts (transitively, since earlier ones already did).
      infos.push({ stage, ref: null, facts: infos[stage.fromStage]?.facts ?? null });
      continue;
    }
    const ref = stage.scratch ? null : refOf(stage.image);
    infos.push({ stage, ref, facts: ref ? lookupImage(ref) ?? contentFacts?.get(formatReference(ref)) ?? null : null });
  }
  return infos;
}


const SUPERSEDED: Record<string, string[]> = {
  // A finding on the left makes the ones on the right repeat it.
  'latest-tag': ['floating-tag'],
  'untagged-image': ['floating-tag'],
};

export function lintDockerfile(file: Dockerfile, options: LintOptions): LintResult {
  const model = options.model ?? buildModel(file, options.modelOptions ?? {});
  const stages = stageInfos(model, options.online?.contentFacts);
  const config = options.config;
  const raw: Finding[] = [];
  let current: Rule | null = null;
  const ctx: RuleContext = {
    file,
    model,
    stages,
    config,
    date: options.date,
    ...(options.online ? { online: options.online } : {}),
    ...(options.project ? { project: options.project } : {}),
    report(f) {
      raw.push({ rule: current!.meta.id, severity: f.severity ?? current!.meta.severity, line: f.line, column: f.column, stage: f.stage, message: f.message, suggestion: f.suggestion });
    },
  };
  if (!options.project && options.projectOf) {
    const read = options.projectOf;
    let project: ProjectContext | undefined;
    Object.defineProperty(ctx, 'project', { enumerable: true, get: () => (project ??= read()) });
  }
  for (const rule of options.rules ?? allRules) {
    const setting = config.rules[rule.meta.id];
    if (setting === 'off') continue;
    if (rule.meta.online && !options.online) continue;
    current = rule;
    rule.check(ctx);
  }
  return { model, stages, findings: finish(raw, file, model, config) };
}

function finish(raw: Finding[], file: Dockerfile, model: BuildModel, config: Config): Finding[] {
  if (raw.length === 0) return raw;
  const unresolved = new Set(raw.filter((f) => f.rule === 'unresolved-image' && f.stage !== null).map((f) => f.stage));
  const byStage = new Map<string, Set<string>>();
  for (const f of raw) {
    const key = `${f.stage}:${f.line}`;
    if (!byStage.has(key)) byStage.set(key, new Set());
    byStage.get(key)!.add(f.rule);
  }
  const ignored = pragmaFilter(file);
  const out: Finding[] = [];
  for (const f of raw) {
    if (f.stage !== null && unresolved.has(f.stage) && f.rule !== 'unresolved-image') continue;
    const siblings = byStage.get(`${f.stage}:${f.line}`)!;
    if (Object.entries(SUPERSEDED).some(([winner, losers]) => losers.includes(f.rule) && siblings.has(winner))) continue;
    if (ignored(f)) continue;
    out.push({ ...f, severity: severityOf(f, config) });
  }
  void model;
  return out.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

function severityOf(f: Finding, config: Config): Severity {
  const setting = config.rules[f.rule];
  if (setting && setting !== 'off') return setting;
  // A project that pins (to versions or digests) wants unpinned images to warn.
  if ((f.rule === 'floating-tag' || f.rule === 'missing-digest') && config.pinning !== 'none') return 'warning';
  return f.severity;
}

/** `# plinth ignore=a,b` silences those rules on the next instruction; `# plinth global ignore=` everywhere. */
function pragmaFilter(file: Dockerfile): (f: Finding) => boolean {
  if (file.pragmas.length === 0) return () => false;
  const global = new Set<string>();
  const ranges: { from: number; to: number; rules: Set<string> }[] = [];
  for (const p of file.pragmas) {
    if (p.global) {
      for (const r of p.rules) global.add(r);
      continue;
    }
    const next = file.instructions.find((i) => i.line > p.line);
    if (next) ranges.push({ from: next.line, to: next.endLine, rules: new Set(p.rules) });
  }
  const matches = (set: Set<string>, rule: string) => set.has(rule) || set.has('all') || set.has('*');
  return (f) => matches(global, f.rule) || ranges.some((r) => f.line >= r.from && f.line <= r.to && matches(r.rules, f.rule));
}
