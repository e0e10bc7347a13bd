// What a rule is and what it sees: the file, its model, each stage's facts, the config.
import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel } from '../dockerfile/stage.js';
import type { Finding, Severity } from '../types.js';
import type { OnlineFacts, StageInfo } from '../facts/types.js';
import type { Config } from '../config/types.js';
import type { ProjectContext } from '../context/types.js';
import type { ShellFacts } from './shell-facts.js';

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
  /** What the file's RUN instructions run: scripts, commands, package managers and build tools. */
  readonly shell: ShellFacts;
  /** The advisor's image for a stage (its one decision for that FROM line), or null to keep the current one. */
  advisedImage(stage: number): string | null;
  /** Registry facts resolved before the rules run (`lint --online`); absent offline. */
  online?: OnlineFacts;
  /** What the build context shows (context/ `readContext`), when a context directory is known. */
  project?: ProjectContext;
  /** The build context's facts when a context directory is known, else what the Dockerfile alone shows. */
  readonly projectOrDockerfile: ProjectContext;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export type { Finding, Severity } from '../types.js';
export type { OnlineFacts, StageInfo, TagFact } from '../facts/types.js';
export type { ShellFacts } from './shell-facts.js';
