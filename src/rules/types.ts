// What a rule is and what it sees: the file, its model, each stage's facts, the config.
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel } from '../dockerfile/stage.js';
import type { Finding, Severity } from '../types.js';
import type { OnlineFacts, StageInfo } from '../facts/types.js';
import type { Config } from '../config/types.js';
import type { ProjectContext } from '../context/types.js';

export interface RuleMeta {
  /** Public contract: kebab-case id. */
  id: string;
  severity: Severity;
  /** One sentence for rule lists and SARIF shortDescription. */
  description: string;
  /** Path of the docs page inside the package: `docs/rules/<id>.md`. */
  docs: string;
  fixable: boolean;
  /** Needs registry access (`lint --online`). */
  online?: boolean;
}

export interface RuleContext {
  file: Dockerfile;
  model: BuildModel;
  stages: StageInfo[];
  config: Config;
  /** The evaluation date (`--date`), ISO yyyy-mm-dd. */
  date: string;
  report(finding: Omit<Finding, 'rule' | 'severity'> & { severity?: Severity }): void;
  /**
   * A cache for this file only: `compute(key)` runs once per (kind, key) (again if it gave undefined)
   * and the value goes with the file. A module-level `compute` spares a closure per call.
   * (Not a WeakMap: its entries survive every young-generation GC and made linting 20% slower.)
   */
  memo<K extends object, T>(kind: string, key: K, compute: (key: K) => T): T;
  /**
   * `compute(text)` for a pure analysis of text (a RUN script): once per (kind, text) in a lint run
   * that shares its TextScans across files, else once per call.
   */
  perText<T>(kind: string, text: string, compute: (text: string) => T): T;
  /** The advisor's image for a stage (its one decision for that FROM line), or null to keep the current one. */
  advisedImage(stage: number): string | null;
  /** Registry facts resolved before the rules run (`lint --online`); absent offline. */
  online?: OnlineFacts;
  /** What the build context shows (context/ `readContext`), when a context directory is known. */
  project?: ProjectContext;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export type { Finding, Severity } from '../types.js';
export type { OnlineFacts, StageInfo, TagFact } from '../facts/types.js';
