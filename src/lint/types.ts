// What a lint run produces, per file; the reporters (report/) render it.
import type { LintSession } from './session.js';
import type { RuleMeta } from '../rules/types.js';
import type { Finding, Severity } from '../types.js';
import type { OnlineFacts } from '../facts/types.js';
import type { OnlineLint } from './online.js';

export interface StageSummary {
  index: number;
  name: string | null;
  line: number;
  final: boolean;
  /** Normalized reference with tag and/or digest, `scratch`, or null (unresolved or a stage). */
  image: string | null;
  /** Index of the stage a `FROM <stage>` builds on. */
  fromStage: number | null;
}

/** Why a file could not be linted: missing, unreadable, unparsable, a bad reference. */
export interface FileError {
  line: number | null;
  message: string;
}

export interface FileReport {
  /** As the user gave it (relative to the working directory), `<stdin>` for `-`. */
  path: string;
  error: FileError | null;
  stages: StageSummary[];
  findings: Finding[];
  /** Severity at or above which this file fails the run (from --fail-on or its config). */
  failOn: Severity | 'none';
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface LintReport {
  files: FileReport[];
  summary: Summary;
  /** Metadata of every rule that could report, for SARIF. */
  rules: RuleMeta[];
  /** One line each: registries or images that could not be read (`--online`), which got the offline answer. */
  warnings: string[];
}

export interface LintOptions {
  /** Paths are resolved against this and shown relative to it. */
  cwd: string;
  buildArgs?: Record<string, string>;
  target?: string;
  platform?: string;
  /** Evaluation date, yyyy-mm-dd; default today (UTC). */
  date?: string;
  /** `--config FILE`: one config for every file instead of discovery. */
  configPath?: string;
  /** `--ignore RULE`: these rules are off whatever the config says (hadolint's --ignore). */
  ignoreRules?: string[];
  /** `--trusted-registry REG`: added to every config's trustedRegistries (hadolint's flag). */
  trustedRegistries?: string[];
  /** `--fail-on`: overrides every config's failOn. */
  failOn?: Severity | 'none';
  /** Reads standard input, for the path `-`. */
  readStdin?: () => Promise<string>;
  /** `--online`: the registry to ask; its facts are gathered for every file's images before any rule runs. */
  online?: OnlineLint;
  /** Registry facts already gathered (lintSource of one text); lintPaths gathers its own from `online`. */
  onlineFacts?: OnlineFacts;
  /** What the files of one run share (build-context scans, script analyses): lintPaths makes a fresh one per run. */
  session?: LintSession;
}
