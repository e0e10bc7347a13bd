import type { Dockerfile } from '../dockerfile/types.js';
import type { ImageRef } from '../reference/types.js';
import type { Span } from '../fix/spans.js';

/** One image text in a Dockerfile that pin may rewrite. */
export interface PinTarget {
  file: Dockerfile;
  /** Line of the text that is rewritten (the ARG line when the image comes from an ARG default). */
  line: number;
  kind: 'from' | 'copy' | 'mount' | 'arg';
  /** The bytes to replace, quotes excluded. */
  span: Span;
  /** The reference the text stands for (after ARG expansion). */
  ref: ImageRef;
  /** ARG whose default is rewritten, for kind 'arg'. */
  arg?: string;
  /** Lines of the FROM/COPY/RUN instructions that use this text. */
  usedOn: number[];
}

/** An image pin leaves alone, with the reason (ARG-built tag, unparsable reference, ...). */
export interface PinSkip {
  path: string;
  line: number;
  text: string;
  reason: string;
}

export interface PinPlan {
  targets: PinTarget[];
  skipped: PinSkip[];
}

export type PinState = 'unpinned' | 'pinned' | 'stale' | 'refreshed' | 'error';

/** What pin decided for one target. */
export interface PinOutcome {
  target: PinTarget;
  state: PinState;
  /** The digest the tag points to now (when resolved). */
  digest: string | null;
  /** The text written (or to write) in place of target.span. */
  newText: string | null;
  error: string | null;
}
