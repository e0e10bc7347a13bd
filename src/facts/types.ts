// What is known about each stage's base image before any rule runs: the catalog's facts offline,
// and with --online what the registry and the image's contents said.
import type { Stage } from '../dockerfile/stage.js';
import type { ImageRef } from '../reference/types.js';
import type { ImageFacts } from '../catalog/types.js';
import type { VulnFinding } from '../vulndb/match.js';

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

/** What a HEAD of `registry/repository:tag` said. */
export type TagFact =
  | { state: 'found'; digest: string }
  | { state: 'missing'; message: string }
  | { state: 'error'; message: string };

export interface OnlineFacts {
  /** By `tagKey` of the reference (`registry/repository:tag`). */
  tags: Map<string, TagFact>;
  /** One line per registry that could not be reached; its images get the offline answer. */
  warnings: string[];
  /** Facts read from the contents of images the catalog does not know, by `formatReference` of the stage's ref. */
  contentFacts?: Map<string, ImageFacts>;
  /** Known vulnerabilities of each base image (when a config sets `vulnerabilities.threshold`), by `formatReference`. */
  vulns?: Map<string, BaseVulnFact>;
}

/** What the OSV data says about one base image. */
export interface BaseVulnFact {
  findings: VulnFinding[];
  /** A pinned digest whose tag moved: what the tag's current image still has. */
  refresh: { digest: string; findings: VulnFinding[] } | null;
  /** An official image's newest listed patch of the same line and variant (`22.12.0-bookworm` -> `22.23.2-bookworm`): what it still has. */
  newer: { tag: string; findings: VulnFinding[] } | null;
}
