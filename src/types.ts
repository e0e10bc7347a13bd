// The domain's shared words, below every folder: how serious a finding is, the finding itself.

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
  /** For a fixable rule: where the suggestion goes (the FROM image), as SARIF's `fixes` say it. */
  fix?: FindingFix;
}

/** A replacement of one region by text; lines and columns 1-based, the end column exclusive. */
export interface FindingFix {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

/**
 * What went wrong, for the one error base: `input` a file's content (Dockerfile, reference, context
 * file), `usage` a flag, `config` a config file, `registry` a registry's answer or its absence,
 * `image` an image's layout or layers, `fix` a rewrite that cannot be made.
 */
export type ErrorKind = 'input' | 'usage' | 'config' | 'registry' | 'image' | 'fix' | 'vulndb';

/**
 * Every failure plinth expects is a PlinthError: its message is the whole one-line report, and
 * callers tell them apart with instanceof and `kind`, never by name or message.
 */
export class PlinthError extends Error {
  constructor(readonly kind: ErrorKind, message: string) {
    super(message);
    this.name = new.target.name;
  }
}
