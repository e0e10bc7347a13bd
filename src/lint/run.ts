// The lint run the CLI calls: expand paths, read, parse, lint each file with its config.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { buildModel, parseDockerfile } from '../dockerfile/index.js';
import { allRules, lintDockerfile, stageInfos } from '../rules/index.js';
import type { BuildModel, ModelOptions } from '../dockerfile/stage.js';
import type { Config } from '../config/types.js';
import { ConfigResolver } from '../config/load.js';
import { parseReference } from '../reference/index.js';
import type { Severity, StageInfo } from '../rules/types.js';
import { discoverDockerfiles } from './discover.js';
import { readContext } from '../context/read.js';
import { TextScans } from '../util/text-scans.js';
import type { FileReport, LintOptions, LintReport, StageSummary, Summary } from './types.js';

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
export function expandPaths(paths: string[], cwd: string): Target[] {
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
    if (isDir) for (const f of discoverDockerfiles(abs)) out.push({ display: display(cwd, f), abs: f });
    else out.push({ display: p, abs });
  }
  return out;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Throws the ReferenceError of a FROM whose image is not a valid reference (its StageInfo has no ref). */
function rejectInvalidReferences(stages: StageInfo[]): void {
  for (const { stage, ref } of stages) if (ref === null && stage.image !== null && !stage.scratch && stage.fromStage === null) parseReference(stage.image);
}

/** After rejectInvalidReferences, every stage that names an image has its normalized reference. */
function stageSummaries(stages: StageInfo[]): StageSummary[] {
  return stages.map(({ stage: s, normalized }) => {
    const image = s.scratch ? 'scratch' : s.fromStage === null ? normalized : null;
    return { index: s.index, name: s.name, line: s.from.line, final: s.final, image, fromStage: s.fromStage };
  });
}

function errorLine(err: unknown, model: BuildModel | null): number | null {
  const e = err as { line?: unknown; reference?: unknown };
  if (typeof e.line === 'number') return e.line;
  if (typeof e.reference === 'string' && model) {
    const stage = model.stages.find((s) => s.image === e.reference || s.rawImage === e.reference);
    if (stage) return stage.from.line;
    for (const s of model.stages) for (const src of s.sources) if (src.image === e.reference || src.text === e.reference) return src.instruction.line;
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

/** Lints one Dockerfile's text with a config; errors become the report's `error`. */
export function lintSource(source: string, path: string, config: Config, options: LintOptions, failOn: Severity | 'none'): FileReport {
  const report: FileReport = { path, error: null, stages: [], findings: [], failOn };
  const modelOptions = modelOptionsOf(options);
  let model: BuildModel | null = null;
  try {
    const file = parseDockerfile(source, path);
    model = buildModel(file, modelOptions);
    const built = model;
    // The build context (the Dockerfile's directory) feeds musl-native-modules and the advisor's
    // suggestions; it is read only when a rule asks for it.
    // (The directory as written keys the scans first: resolving a path costs more than the lookup.)
    const projectOf = path === STDIN_PATH ? undefined : () => readContext(contextDirOf(options.cwd ?? '.', path), file, built, options.contextScans, basename(path), options.textScans);
    // A FROM whose image is not a valid reference makes the file an error: found before the rules run.
    const stages = stageInfos(built, options.online?.contentFacts);
    rejectInvalidReferences(stages);
    const out = lintDockerfile(file, { config, date: options.date ?? today(), modelOptions, model, online: options.online, projectOf, textScans: options.textScans, stages });
    report.stages = stageSummaries(out.stages);
    report.findings = out.findings;
  } catch (err) {
    const e = err as Error & { reference?: unknown };
    // Parse errors and bad references are the file's fault; anything else is plinth's, still one line.
    const known = e?.name === 'DockerfileError' || typeof e?.reference === 'string';
    const message = String(e?.message ?? err).split('\n')[0]!;
    report.error = { line: errorLine(err, model), message: known ? message : `internal error: ${message}` };
  }
  return report;
}

export function summarize(files: FileReport[]): Summary {
  const s: Summary = { files: files.length, errors: 0, warnings: 0, infos: 0 };
  for (const f of files) {
    for (const x of f.findings) {
      if (x.severity === 'error') s.errors++;
      else if (x.severity === 'warning') s.warnings++;
      else s.infos++;
    }
  }
  return s;
}

function readTarget(t: Target): string {
  try {
    return readFileSync(t.abs!, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw Object.assign(new Error('no such file'), { plinthFile: true });
    if (code === 'EISDIR') throw Object.assign(new Error('is a directory'), { plinthFile: true });
    throw Object.assign(new Error(`cannot read: ${code ?? (err as Error).message}`), { plinthFile: true });
  }
}

/** Lints files and directories (`-` for stdin). Config errors abort the run (a usage error). */
export async function lintPaths(paths: string[], givenOptions: LintOptions): Promise<LintReport> {
  const options: LintOptions = { ...givenOptions, contextScans: givenOptions.contextScans ?? new Map(), textScans: givenOptions.textScans ?? new TextScans() };
  const targets = expandPaths(paths.length ? paths : ['.'], options.cwd);
  const configs = new ConfigResolver(options.configPath ? resolve(options.cwd, options.configPath) : null);
  const files: FileReport[] = [];
  for (const t of targets) {
    const config = await configs.forFile(t.abs ?? resolve(options.cwd, 'Dockerfile'));
    const failOn = options.failOn ?? config.failOn;
    let source: string;
    try {
      source = t.abs === null ? await (options.readStdin ?? (async () => ''))() : readTarget(t);
    } catch (err) {
      files.push({ path: t.display, error: { line: null, message: (err as Error).message }, stages: [], findings: [], failOn });
      continue;
    }
    files.push(lintSource(source, t.display, config, options, failOn));
  }
  return { files, summary: summarize(files), rules: allRules.map((r) => r.meta) };
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** 2 when a file could not be linted, 1 when a finding reaches its file's fail-on level, else 0. */
export function exitCode(report: LintReport): number {
  if (report.files.some((f) => f.error)) return 2;
  for (const f of report.files) {
    if (f.failOn === 'none') continue;
    if (f.findings.some((x) => RANK[x.severity] >= RANK[f.failOn as Severity])) return 1;
  }
  return 0;
}

