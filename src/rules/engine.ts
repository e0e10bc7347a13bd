// Runs every rule over one parsed Dockerfile: stage facts, severities from the config, pragmas,
// and the de-duplication that keeps findings from repeating each other.
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel, ModelOptions } from '../dockerfile/stage.js';
import { buildModel } from '../dockerfile/model.js';
import type { Config } from '../config/types.js';
import { stageInfos } from '../facts/stages.js';
import { allRules } from './registry.js';
export { rootStage } from './helpers.js';
import type { Finding, OnlineFacts, Rule, RuleContext, Severity, StageInfo } from './types.js';
import type { ProjectContext } from '../context/types.js';
import type { TextScans } from '../util/text-scans.js';
import { dockerfileContext } from '../context/read.js';
import { FileShellFacts } from './shell-facts.js';

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
  /** The rules to run, already filtered by the config's settings (`enabledRules`), when the session has them. */
  enabled?: readonly Rule[];
  /** Analyses of RUN scripts shared by the files of one run (repeated scripts are analysed once). */
  textScans?: TextScans;
  /** `stageInfos(model)`, when the caller has worked it out already. */
  stages?: StageInfo[];
  /** The advisor's one decision per FROM line, injected by the session (lint/): rules never call the advisor. */
  advise?: AdvisedImage;
}

/** The image the advisor recommends for a stage, or null when it keeps the current one. */
/** `projectOf` gives the build context, or what the Dockerfile alone shows (stdin): read on first call. */
export type AdvisedImage = (file: Dockerfile, model: BuildModel, projectOf: () => ProjectContext, goal: Config['goal'], stage: number, date: string) => string | null;

export interface LintResult {
  model: BuildModel;
  stages: StageInfo[];
  findings: Finding[];
}

/** A finding of `loser` on the same stage and line as one of `winner` repeats it. */
const SUPERSEDED: [winner: string, loser: string][] = [
  ['latest-tag', 'floating-tag'],
  ['untagged-image', 'floating-tag'],
  // A release past its end of life says more than "this tag is not rebuilt".
  ['eol-base-image', 'unmaintained-tag'],
];

/** Whether a finding on the same stage and line wins over this one (loops: this runs for every finding). */
function superseded(f: Finding, raw: Finding[]): boolean {
  for (const [winner, loser] of SUPERSEDED) {
    if (f.rule !== loser) continue;
    for (const w of raw) if (w.rule === winner && w.stage === f.stage && w.line === f.line) return true;
  }
  return false;
}

/**
 * What the rules of one file see. A class, so that every file's context has the same shape: adding
 * the lazy `project` getter per object (Object.defineProperty) made a hidden class per file whose
 * old-space pointers kept each file's objects alive through young-generation GCs. What it works out
 * (the build context, the advisor's decisions, the shell analyses) goes with the file.
 */
class FileContext implements RuleContext {
  readonly findings: Finding[] = [];
  rule: Rule | null = null;
  readonly shell: FileShellFacts;
  #project: ProjectContext | undefined;
  #projectOf: (() => ProjectContext) | undefined;
  #dockerfileOnly: ProjectContext | undefined;
  /** The advisor's image per stage, decided once for all the rules that ask. */
  #advised: Map<number, string | null> | null = null;

  constructor(
    readonly file: Dockerfile,
    readonly model: BuildModel,
    readonly stages: StageInfo[],
    readonly config: Config,
    readonly date: string,
    readonly online: OnlineFacts | undefined,
    project: ProjectContext | undefined,
    projectOf: (() => ProjectContext) | undefined,
    textScans: TextScans | undefined,
    private readonly advise: AdvisedImage | undefined,
  ) {
    this.#project = project;
    this.#projectOf = project ? undefined : projectOf;
    this.shell = new FileShellFacts(textScans);
  }

  advisedImage(stage: number): string | null {
    if (!this.advise) return null;
    this.#advised ??= new Map();
    let image = this.#advised.get(stage);
    if (image === undefined) this.#advised.set(stage, (image = this.advise(this.file, this.model, () => this.projectOrDockerfile, this.config.goal ?? 'size', stage, this.date)));
    return image;
  }

  /** The build context, read on first use (most files never need it). */
  get project(): ProjectContext | undefined {
    if (this.#project === undefined && this.#projectOf !== undefined) {
      this.#project = this.#projectOf();
      this.#projectOf = undefined;
    }
    return this.#project;
  }

  get projectOrDockerfile(): ProjectContext {
    return this.project ?? (this.#dockerfileOnly ??= dockerfileContext(this.file, this.model));
  }

  report(f: Omit<Finding, 'rule' | 'severity'> & { severity?: Severity }): void {
    const meta = this.rule!.meta;
    this.findings.push({ rule: meta.id, severity: f.severity ?? meta.severity, line: f.line, column: f.column, stage: f.stage, message: f.message, suggestion: f.suggestion });
  }
}

/**
 * The rules the settings leave on; online-only ones only when registry facts are at hand. A session
 * works this out once per config and passes it as `enabled`.
 */
export function enabledRules(rules: readonly Rule[], settings: Config['rules'], online: boolean): readonly Rule[] {
  return rules.filter((r) => settings[r.meta.id] !== 'off' && (online || !r.meta.online));
}

/** Runs the enabled rules over one file; the lint session (lint/) injects the advisor's decisions. */
export function runRules(file: Dockerfile, options: LintOptions): LintResult {
  const model = options.model ?? buildModel(file, options.modelOptions ?? {});
  const stages = options.stages ?? stageInfos(model, options.online?.contentFacts);
  const config = options.config;
  const ctx = new FileContext(file, model, stages, config, options.date, options.online, options.project, options.projectOf, options.textScans, options.advise);
  const online = Boolean(options.online);
  const rules = options.enabled ?? enabledRules(options.rules ?? allRules, config.rules, online);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    ctx.rule = rule;
    rule.check(ctx);
  }
  return { model, stages, findings: finish(ctx.findings, file, config) };
}

/** Drops what repeats or is silenced, applies the config's severities, sorts by place. */
function finish(raw: Finding[], file: Dockerfile, config: Config): Finding[] {
  if (raw.length === 0) return raw;
  const ignored = file.pragmas.length > 0 ? pragmaFilter(file) : null;
  const unresolved = raw.some((u) => u.rule === 'unresolved-image');
  const out: Finding[] = [];
  for (const f of raw) {
    if (unresolved && f.stage !== null && f.rule !== 'unresolved-image' && raw.some((u) => u.rule === 'unresolved-image' && u.stage === f.stage)) continue;
    if (superseded(f, raw)) continue;
    if (ignored && ignored(f)) continue;
    // The findings are this run's own objects: the severity is set in place.
    f.severity = severityOf(f, config);
    out.push(f);
  }
  return sortByPlace(out);
}

/** Sorts in place by `byPlace`, stably; a file has a few findings, which an insertion sort orders without the copy Array.sort makes. */
function sortByPlace(list: Finding[]): Finding[] {
  if (list.length > 16) return list.sort(byPlace);
  for (let i = 1; i < list.length; i++) {
    const f = list[i]!;
    let j = i - 1;
    while (j >= 0 && byPlace(list[j]!, f) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = f;
  }
  return list;
}

/** Findings in file order: line, column, then rule id. */
export function byPlace(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

function severityOf(f: Finding, config: Config): Severity {
  const setting = config.rules[f.rule];
  if (setting && setting !== 'off') return setting;
  // A project that asks for pinning wants what is not pinned to warn.
  if ((f.rule === 'floating-tag' && config.pinning === 'version') || (f.rule === 'missing-digest' && config.pinning === 'digest')) return 'warning';
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
