import type { Dockerfile } from '../dockerfile/types.js';
import type { BuildModel, Stage } from '../dockerfile/stage.js';
import type { ImageRef } from '../reference/types.js';
import type { ImageFacts } from '../catalog/types.js';
import type { Config } from '../config/types.js';
import type { ProjectContext } from '../context/types.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  /** Index of the stage the finding is about, or null for file-level findings. */
  stage: number | null;
  message: string;
  /** A concrete replacement (usually an image reference) or null. */
  suggestion: string | null;
}

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

/** What a rule sees about one stage's base image. */
export interface StageInfo {
  stage: Stage;
  /** Parsed reference, null for scratch, stage references and unresolved images. */
  ref: ImageRef | null;
  /** The reference in normalized form (`docker.io/library/node:22`), null when `ref` is. */
  normalized: string | null;
  /** Catalog facts for the image (or for the stage it builds on, followed transitively), null when unknown. */
  facts: ImageFacts | null;
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
  /** Registry facts resolved before the rules run (`lint --online`); absent offline. */
  online?: OnlineFacts;
  /** What the build context shows (context/ `readContext`), when a context directory is known. */
  project?: ProjectContext;
}

/** What a HEAD of `registry/repository:tag` said. */
export type TagFact =
  | { state: 'found'; digest: string }
  | { state: 'missing'; message: string }
  | { state: 'error'; message: string };

export interface OnlineFacts {
  /** By `registry/repository:tag` (see `tagKey` in pin/). */
  tags: Map<string, TagFact>;
  /** One line per registry that could not be reached; its images get the offline answer. */
  warnings: string[];
  /** Facts read from the contents of images the catalog does not know, by `formatReference` of the stage's ref. */
  contentFacts?: Map<string, ImageFacts>;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
