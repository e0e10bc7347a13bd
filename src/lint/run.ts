// The lint run the CLI calls: expand paths, read, parse, lint each file with its config.
import { MAX_DOCKERFILE_BYTES, NotReadable, readRegularFile } from '../util/read-regular.js';
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { buildModel, parseDockerfile } from '../dockerfile/index.js';
import { allRules, ruleIds } from '../rules/registry.js';
import { stageInfos } from '../facts/stages.js';
import { runRules } from '../rules/engine.js';
import { suggestedImage } from '../advisor/suggest.js';
import type { BuildModel, ModelOptions } from '../dockerfile/stage.js';
import type { Config } from '../config/types.js';
import { ConfigResolver } from '../config/load.js';
import { referenceProblem, tryParseReference } from '../reference/parse.js';
import { FixError, replaceStageImage } from '../fix/edits.js';
import type { StageInfo } from '../facts/types.js';
import { discoverDockerfiles } from './discover.js';
import { readContext } from '../context/read.js';
import { LintSession } from './session.js';
import type { FileError, FileReport, LintOptions, LintReport, StageSummary, Summary } from './types.js';
import { DockerfileError, type Dockerfile } from '../dockerfile/types.js';
import { ReferenceError } from '../reference/types.js';
import type { OnlineFacts } from '../facts/types.js';
import type { Finding, Severity } from '../types.js';
import type { RuleMeta } from '../rules/types.js';
import { InputError } from '../util/input-error.js';
import { didYouMean } from '../util/did-you-mean.js';

export const STDIN_PATH = '<stdin>';

/** A path the user named that does not exist: reported like a file error, but found before linting. */
interface Target {
  display: string;
  abs: string | null;
}

function display(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Files named explicitly are linted whatever their name; directories are searched. */
export async function expandPaths(paths: string[], cwd: string, warnings: string[] = []): Promise<Target[]> {
  const out: Target[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push({ display: STDIN_PATH, abs: null });
      continue;
    }
    const abs = resolve(cwd, p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      // Missing: lintPaths reports it per file.
    }
    if (isDir) for (const f of await discoverDockerfiles(abs, warnings)) out.push({ display: display(cwd, f), abs: f });
    else out.push({ display: p, abs });
  }
  return out;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The image text of a FROM that is not a valid reference (its StageInfo has no ref), if any. */
function invalidReference(stages: StageInfo[]): string | null {
  for (const { stage, ref } of stages) if (ref === null && stage.image !== null && !stage.scratch && stage.fromStage === null) return stage.image;
  return null;
}

/** After rejectInvalidReferences, every stage that names an image has its normalized reference. */
function stageSummaries(stages: StageInfo[]): StageSummary[] {
  return stages.map(({ stage: s, normalized }) => {
    const image = s.scratch ? 'scratch' : s.fromStage === null ? normalized : null;
    return { index: s.index, name: s.name, line: s.from.line, final: s.final, image, fromStage: s.fromStage };
  });
}

/** The line an error is on: a parse error's own, or the instruction that names a bad reference. */
function errorLine(err: unknown, model: BuildModel | null): number | null {
  if (err instanceof DockerfileError) return err.line;
  if (err instanceof ReferenceError && model) {
    const text = err.reference;
    const stage = model.stages.find((s) => s.image === text || s.rawImage === text);
    if (stage) return stage.from.line;
    for (const s of model.stages) for (const src of s.sources) if (src.image === text || src.text === text) return src.instruction.line;
  }
  return null;
}

const NO_MODEL_OPTIONS: ModelOptions = {};

function modelOptionsOf(options: LintOptions): ModelOptions {
  if (!options.buildArgs && !options.target && !options.platform) return NO_MODEL_OPTIONS;
  return {
    ...(options.buildArgs ? { buildArgs: options.buildArgs } : {}),
    ...(options.target ? { target: options.target } : {}),
    ...(options.platform ? { platform: options.platform } : {}),
  };
}

/** The build context directory of a Dockerfile path: its own directory, against cwd when relative. */
function contextDirOf(cwd: string, path: string): string {
  const dir = dirname(path);
  return isAbsolute(dir) ? dir : `${cwd}${sep}${dir}`;
}

/** A file read and parsed, ready for the rules; or the error that stops it. */
interface Parsed {
  report: FileReport;
  config: Config;
  file: Dockerfile | null;
  model: BuildModel | null;
  stages: StageInfo[];
}

/** The file's error line and message: parse errors and bad references are the file's fault; anything else is plinth's, still one line. */
function fileError(err: unknown, model: BuildModel | null): FileError {
  const known = err instanceof InputError;
  const message = String((err as Error)?.message ?? err).split('\n')[0]!;
  return { line: errorLine(err, model), message: known ? message : `internal error: ${message}` };
}

/** Parses and models one text; an invalid FROM reference makes the file an error before any rule runs. */
function parseSource(source: string, path: string, config: Config, options: LintOptions, failOn: Severity | 'none', facts: OnlineFacts | undefined): Parsed {
  const parsed: Parsed = { report: { path, error: null, stages: [], findings: [], failOn }, config, file: null, model: null, stages: [] };
  try {
    parsed.file = parseDockerfile(source, path);
    parsed.model = buildModel(parsed.file, modelOptionsOf(options));
    parsed.stages = stageInfos(parsed.model, facts?.contentFacts);
    const bad = invalidReference(parsed.stages);
    const problem = bad === null ? null : referenceProblem(bad);
    if (problem) throw problem;
  } catch (err) {
    parsed.report.error = fileError(err, parsed.model);
  }
  return parsed;
}

/** Options with one date and one session for the whole run (even across midnight). */
type RunOptions = LintOptions & { date: string; session: LintSession };

function settled(given: LintOptions): RunOptions {
  return { ...given, date: given.date ?? today(), session: given.session ?? new LintSession() };
}

/** Runs the rules over a parsed file and fills its report. */
function lintParsed(p: Parsed, options: RunOptions, facts: OnlineFacts | undefined): FileReport {
  const { report, file, model } = p;
  if (report.error || !file || !model) return report;
  try {
    // The build context (the Dockerfile's directory) feeds musl-native-modules and the advisor's
    // suggestions; it is read only when a rule asks for it.
    // (The directory as written keys the scans first: resolving a path costs more than the lookup.)
    const path = report.path;
    const session = options.session;
    const projectOf = path === STDIN_PATH ? undefined : () => readContext(contextDirOf(options.cwd ?? '.', path), file, model, session.contextScans, basename(path), session.textScans);
    const enabled = session.rulesFor(p.config.rules, Boolean(facts));
    const out = runRules(file, { config: p.config, date: options.date, model, online: facts, projectOf, textScans: session.textScans, stages: p.stages, advise: suggestedImage, enabled });
    report.stages = stageSummaries(out.stages);
    report.findings = withFixes(out.findings, file, model);
  } catch (err) {
    report.error = fileError(err, model);
  }
  return report;
}

const FIXABLE = new Set(allRules.filter((r) => r.meta.fixable).map((r) => r.meta.id));

/** 1-based line and column of an offset. */
function position(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A fixable finding whose suggestion is an image for its stage's FROM line gets the edit that puts it
 * there (what `recommend --fix` writes), when the image is written plainly on that line.
 */
function withFixes(findings: Finding[], file: Dockerfile, model: BuildModel): Finding[] {
  for (const f of findings) {
    if (!f.suggestion || f.stage === null || !FIXABLE.has(f.rule)) continue;
    const stage = model.stages[f.stage];
    if (!stage || stage.from.line !== f.line || !tryParseReference(f.suggestion)) continue;
    let edit;
    try {
      edit = replaceStageImage(file, stage, f.suggestion);
    } catch (err) {
      if (err instanceof FixError) continue;
      throw err;
    }
    const start = position(file.source, edit.start);
    const end = position(file.source, edit.end);
    f.fix = { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, text: edit.text };
  }
  return findings;
}

/** Lints one Dockerfile's text with a config; errors become the report's `error`. */
export function lintSource(source: string, path: string, config: Config, givenOptions: LintOptions, failOn: Severity | 'none'): FileReport {
  const options = settled(givenOptions);
  return lintParsed(parseSource(source, path, config, options, failOn, options.onlineFacts), options, options.onlineFacts);
}

export function summarize(files: FileReport[]): Summary {
  const s: Summary = { files: 0, errors: 0, warnings: 0, infos: 0 };
  for (const f of files) count(s, f);
  return s;
}

function count(s: Summary, f: FileReport): void {
  s.files++;
  for (const x of f.findings) {
    if (x.severity === 'error') s.errors++;
    else if (x.severity === 'warning') s.warnings++;
    else s.infos++;
  }
}

export { MAX_DOCKERFILE_BYTES };

/** A Dockerfile's text (util/read-regular.ts: a regular file, at most MAX_DOCKERFILE_BYTES). */
function readTarget(t: Target): string {
  try {
    return readRegularFile(t.abs!, MAX_DOCKERFILE_BYTES);
  } catch (err) {
    if (err instanceof NotReadable) throw new Error(err.code === 'EFBIG' ? `${err.message}: not read` : err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw err;
    throw new Error(code === 'ENOENT' ? 'no such file' : `cannot read: ${code}`);
  }
}

/** The metadata of every rule a run can report (SARIF lists them). */
export function lintRules(): RuleMeta[] {
  return allRules.map((r) => r.meta);
}

/** The command line's --ignore and --trusted-registry over a file's config. */
function withFlags(config: Config, options: LintOptions): Config {
  if (!options.ignoreRules?.length && !options.trustedRegistries?.length) return config;
  const rules = { ...config.rules };
  for (const id of options.ignoreRules ?? []) rules[id] = 'off';
  return { ...config, rules, trustedRegistries: [...config.trustedRegistries, ...(options.trustedRegistries ?? [])] };
}

/** At most this many pragma warnings per file: a hostile file could name thousands. */
const MAX_PRAGMA_WARNINGS = 20;

/** `# plinth ignore=latest-tg` silences nothing: said as a warning, with the rule meant. */
function pragmaWarnings(p: Parsed, warnings: string[]): void {
  let n = 0;
  for (const pragma of p.file?.pragmas ?? []) {
    for (const id of pragma.rules) {
      if (ruleIds.has(id) || id === 'all' || id === '*' || n >= MAX_PRAGMA_WARNINGS) continue;
      n++;
      const guess = didYouMean(id, [...ruleIds]);
      warnings.push(`${p.report.path}:${pragma.line}: unknown rule '${id}' in a plinth ignore pragma: it silences nothing${guess ? ` (did you mean ${guess}?)` : ''}`);
    }
  }
}

/** What a run adds up to when its files are handed on one by one instead of kept (lintEach). */
export interface LintTotals {
  summary: Summary;
  /** As exitCode gives it for the whole report. */
  exit: number;
  /** Metadata of every rule that could report, for SARIF. */
  rules: RuleMeta[];
  /** As LintReport's. */
  warnings: string[];
}

/**
 * Lints files and directories (`-` for stdin), handing each file's report to `onFile` as soon as it
 * is done and keeping none: memory stays flat with the number of files. Config errors abort the
 * run (a usage error). Offline, each file is read, parsed and linted in turn; with `online`, every
 * file is read and parsed first, the registry facts of all their images are gathered once, and then
 * the rules run.
 */
export async function lintEach(paths: string[], givenOptions: LintOptions, onFile: (f: FileReport) => void | Promise<void>): Promise<LintTotals> {
  const options = settled(givenOptions);
  const discovery: string[] = [];
  const targets = await expandPaths(paths.length ? paths : ['.'], options.cwd, discovery);
  const configs = new ConfigResolver(options.configPath ? resolve(options.cwd, options.configPath) : null, { knownRules: ruleIds });
  // The flags over each discovered config, once per config: the files that share a config share
  // the result (and the session's rules for it).
  const flagged = new WeakMap<Config, Config>();
  const parse = async (t: Target): Promise<Parsed> => {
    const found = await configs.forFile(t.abs ?? resolve(options.cwd, 'Dockerfile'));
    let config = flagged.get(found);
    if (config === undefined) flagged.set(found, (config = withFlags(found, options)));
    const failOn = options.failOn ?? config.failOn;
    let source: string;
    try {
      source = t.abs === null ? await (options.readStdin ?? (async () => ''))() : readTarget(t);
    } catch (err) {
      return { report: { path: t.display, error: { line: null, message: (err as Error).message }, stages: [], findings: [], failOn }, config, file: null, model: null, stages: [] };
    }
    return parseSource(source, t.display, config, options, failOn, undefined);
  };
  const summary: Summary = { files: 0, errors: 0, warnings: 0, infos: 0 };
  let exit = 0;
  const done = async (f: FileReport): Promise<void> => {
    count(summary, f);
    exit = Math.max(exit, fileExit(f));
    await onFile(f);
  };
  const rules = lintRules();
  if (!options.online) {
    for (const t of targets) {
      const p = await parse(t);
      pragmaWarnings(p, discovery);
      await done(lintParsed(p, options, undefined));
    }
    return { summary, exit, rules, warnings: discovery };
  }
  // The registry and image code loads only for --online: an offline lint never pays for it.
  const { gatherForLint, imagesOf, withSuggestionSizes } = await import('./online.js');
  const parsed: Parsed[] = [];
  for (const t of targets) parsed.push(await parse(t));
  const facts = await gatherForLint(options.online, parsed.flatMap((p) => (p.model ? imagesOf(p.model) : [])));
  // Vulnerability counts only when some file's config asks for them: they read every base image.
  const wantsVulns = parsed.filter((p) => p.config.vulnerabilities.threshold !== null && p.config.rules['vulnerable-base-image'] !== 'off' && p.model);
  if (wantsVulns.length > 0 && options.online.vulnDbDir) {
    const { gatherVulnFacts } = await import('./online.js');
    const got = await gatherVulnFacts(options.online, wantsVulns.flatMap((p) => p.model!.stages.flatMap((s) => (s.scratch || s.fromStage !== null || s.image === null ? [] : [tryParseReference(s.image)].filter((r) => r !== null)))), facts, options.online.vulnDbDir);
    facts.vulns = got.vulns;
    facts.warnings.push(...got.warnings);
  }
  const sizes = new Map<string, Promise<number | null>>();
  for (const p of parsed) {
    // Unknown images' facts come from their contents: the stage facts are worked out again with them.
    if (p.model && facts.contentFacts?.size) p.stages = stageInfos(p.model, facts.contentFacts);
    pragmaWarnings(p, discovery);
    const report = lintParsed(p, options, facts);
    if (!report.error) report.findings = await withSuggestionSizes(report.findings, p.stages, options.online, sizes);
    await done(report);
  }
  return { summary, exit, rules, warnings: [...discovery, ...facts.warnings] };
}

/** lintEach, with every file's report kept (the library API, tests, `--fix`). */
export async function lintPaths(paths: string[], options: LintOptions): Promise<LintReport> {
  const files: FileReport[] = [];
  const totals = await lintEach(paths, options, (f) => {
    files.push(f);
  });
  return { files, summary: totals.summary, rules: totals.rules, warnings: totals.warnings };
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** 2 when a file could not be linted, 1 when a finding reaches its file's fail-on level, else 0. */
export function exitCode(report: LintReport): number {
  let exit = 0;
  for (const f of report.files) exit = Math.max(exit, fileExit(f));
  return exit;
}

function fileExit(f: FileReport): number {
  if (f.error) return 2;
  if (f.failOn === 'none') return 0;
  return f.findings.some((x) => RANK[x.severity] >= RANK[f.failOn as Severity]) ? 1 : 0;
}
