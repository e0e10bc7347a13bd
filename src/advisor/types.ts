// The advisor's answer: per stage, the image to use and why.

import type { Evidence } from '../context/types.js';
import type { VulnCounts } from '../vulndb/match.js';
import type { VulnDelta } from '../vulndb/delta.js';

/** `supported-release`: the family and variant are right, the release is not (deprecated, `latest`, or past its end of life). */
export type Decision = 'static-binary' | 'jvm-fat-jar' | 'glibc-native' | 'musl-native' | 'interpreted' | 'max-security' | 'supported-release' | 'keep';
export type Goal = 'size' | 'security' | 'compatibility';

export interface StageAdvice {
  index: number;
  name: string | null;
  final: boolean;
  /** Line of the FROM. */
  line: number;
  /** Normalized current image (`docker.io/library/node:22`), `scratch`, the stage name for `FROM <stage>`, or null when unresolved. */
  current: string | null;
  /** The image to use (familiar form: `node:22-slim`); equals `current` for `keep`. */
  recommended: string | null;
  decision: Decision;
  evidence: Evidence[];
  risks: string[];
  sizes: { currentBytes: number | null; recommendedBytes: number | null };
  /** `recommend --online --vulns`: both images' counts and the change (recommended - current). */
  vulnerabilities?: { current: VulnCounts | null; recommended: VulnCounts | null; delta: VulnDelta | null };
  /** What the stage runs, in a few words, for the text report (not part of the JSON contract). */
  summary: string;
  /** Decided as what the final stage runs (the final stage, or the root of its FROM chain); text report only. */
  runtime: boolean;
}

export interface Recommendation {
  version: 1;
  file: string;
  stages: StageAdvice[];
  /** Context files that could not be read, offline fallbacks: one line each. */
  warnings: string[];
}

export interface AdviseOptions {
  goal?: Goal;
  /** The evaluation date for end of life, yyyy-mm-dd (default today). */
  date?: string;
  /** Tags of a repository from the registry (`--online`); null/undefined means the catalog decides. */
  tags?: (repository: string) => Promise<string[] | null>;
  /** Compressed size of an image from the registry (`--online`). */
  size?: (image: string) => Promise<number | null>;
}
