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
}
