import { InputError } from '../util/input-error.js';

/** A parsed, normalized image reference (Docker's distribution reference grammar). */
export interface ImageRef {
  /** The text as written (after ARG expansion). */
  original: string;
  /** Registry host with optional port, normalized: `docker.io`, `ghcr.io`, `localhost:5000`, `[::1]:5000`. */
  registry: string;
  /** Repository path, `library/` added for official Docker Hub images: `library/node`. */
  repository: string;
  /** Tag as written; `latest` when none and no digest was given (see `implicitTag`). */
  tag: string | null;
  /** True when no tag was written and none was given; the tag `latest` is then implied, not written. */
  implicitTag: boolean;
  /** `sha256:<64 hex>` when pinned. */
  digest: string | null;
}

export class ReferenceError extends InputError {
  constructor(message: string, readonly reference: string) {
    super(message);
  }
}
