// `plinth recommend` as a library call: read the Dockerfile and its context, advise, optionally
// rewrite the FROM lines and lint the result. The CLI only parses flags and prints.
import { readDockerfile } from '../util/read-regular.js';
import { dirname, resolve } from 'node:path';
import { buildModel, parseDockerfile } from '../dockerfile/index.js';
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel, ModelOptions } from '../dockerfile/stage.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { readContext, type ContextScan } from '../context/read.js';
import { applyEdits, writeFixed } from '../fix/edits.js';
import { advise } from '../advisor/advise.js';
import { fromEdits } from '../advisor/fix.js';
import type { AdviseOptions, Goal, Recommendation } from '../advisor/types.js';
import { emptyCounts, type VulnCounts } from '../vulndb/match.js';
import { deltaText, vulnDelta } from '../vulndb/delta.js';
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
  /** `--online --vulns`: an image's vulnerability counts (null when it cannot be read). */
  vulns?: (image: string) => Promise<VulnCounts | null>;
}

export interface RecommendResult {
  recommendation: Recommendation;
  goal: Goal;
  /**
   * With `fix`: what was rewritten, what could not be, the findings the rewrite would introduce, and
   * whether it was written (never when it would add an error: `refused` says which).
   */
  fix: { changed: string[]; skipped: string[]; newFindings: string[]; written: boolean; refused: string[] } | null;
}

export function modelOf(source: string, path: string, options: ModelOptions): { file: Dockerfile; model: BuildModel } {
  const file = parseDockerfile(source, path);
  const model = buildModel(file, { buildArgs: options.buildArgs, target: options.target, platform: options.platform });
  return { file, model };
}

/** `severity rule: message` per finding of a file, to compare before and after a rewrite (every line stays in place). */
function lintLines(file: Dockerfile, model: BuildModel, config: Config, contextDir: string, date: string, scans: Map<string, ContextScan>): string[] {
  const project = readContext(contextDir, file, model, scans);
  return lintDockerfile(file, { model, config, project, date }).findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`);
}

/** Each changed stage's counts before and after, and the change as evidence (images counted once). */
async function countVulns(rec: Recommendation, count: (image: string) => Promise<VulnCounts | null>): Promise<void> {
  const seen = new Map<string, Promise<VulnCounts | null>>();
  const of = (image: string): Promise<VulnCounts | null> => {
    let p = seen.get(image);
    if (!p) seen.set(image, (p = image === 'scratch' ? Promise.resolve(emptyCounts()) : count(image)));
    return p;
  };
  for (const s of rec.stages) {
    if (!s.current || !s.recommended || s.current === s.recommended || s.current === s.name) continue;
    const [current, recommended] = await Promise.all([of(s.current), of(s.recommended)]);
    const delta = current && recommended ? vulnDelta(current, recommended) : null;
    s.vulnerabilities = { current, recommended, delta };
    if (delta) s.evidence.push({ file: 'OSV data', line: null, fact: `${s.recommended} ${deltaText(delta)} than ${s.current.replace(/^docker\.io\/(library\/)?/, '')} (${current!.total} -> ${recommended!.total})` });
  }
}

export async function recommend(path: string, source: string, options: RecommendOptions = {}): Promise<RecommendResult> {
  const { file, model } = modelOf(source, path, options);
  const config = await loadConfig(path, options.configPath, { knownRules: ruleIds });
  const goal: Goal = options.goal ?? config.goal;
  const contextDir = resolve(options.context ?? dirname(resolve(path)));
  // The context directory is scanned once for the advice and both lints around --fix.
  const scans = new Map<string, ContextScan>();
  const ctx = readContext(contextDir, file, model, scans);
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const recommendation = await advise(file, model, ctx, { goal, date, ...options.online });
  if (options.vulns) await countVulns(recommendation, options.vulns);
  if (!options.fix) return { recommendation, goal, fix: null };

  const edits = fromEdits(file, model, recommendation);
  let newFindings: string[] = [];
  let refused: string[] = [];
  let written = false;
  const next = edits.edits.length ? applyEdits(source, edits.edits) : source;
  if (next !== source) {
    // The rewrite is linted in memory first: a change that adds an error (apt-get on the new
    // Alpine base, a shell command on distroless) is not written.
    const before = lintLines(file, model, config, contextDir, date, scans);
    const fixed = modelOf(next, path, options);
    newFindings = lintLines(fixed.file, fixed.model, config, contextDir, date, scans).filter((f) => !before.includes(f));
    refused = newFindings.filter((f) => f.startsWith('error '));
    if (refused.length === 0) written = (await writeFixed(path, source, edits.edits, { bom: file.bom })) !== null;
  }
  return { recommendation, goal, fix: { changed: edits.changed, skipped: edits.skipped, newFindings, written, refused } };
}

export async function recommendFile(path: string, options: RecommendOptions = {}): Promise<RecommendResult> {
  return recommend(path, readDockerfile(path), options);
}
