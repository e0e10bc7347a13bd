// Deciding, for every target, whether it is pinned, unpinned or stale, and what text to write.
import type { Registry } from '../registry/types.js';
import type { TextEdit } from '../fix/edits.js';
import { resolveTags } from '../facts/online.js';
import { tagKey } from '../reference/parse.js';
import type { PinOutcome, PinTarget } from './types.js';

export interface PinOptions {
  /** Update digests that no longer match their tag. */
  refresh?: boolean;
  /** Resolve pinned references too, to report stale ones (for --check). */
  verify?: boolean;
  concurrency?: number;
}

/** Text with its digest replaced (or added; an untagged reference gets an explicit `:latest`). */
export function pinnedText(target: PinTarget, digest: string): string {
  const raw = target.span.text;
  if (target.ref.digest) return `${raw.slice(0, raw.lastIndexOf('@'))}@${digest}`;
  return `${raw}${target.ref.implicitTag ? ':latest' : ''}@${digest}`;
}

/** Resolves what needs resolving (one HEAD per unique tag) and decides each target's outcome. */
export async function decidePins(registry: Registry, targets: readonly PinTarget[], options: PinOptions = {}): Promise<PinOutcome[]> {
  const checkPinned = Boolean(options.refresh || options.verify);
  // A digest without a tag (`node@sha256:...`) has nothing to compare against.
  const needs = (t: PinTarget) => !t.ref.digest || (checkPinned && t.ref.tag !== null && !t.ref.implicitTag);
  // What pin writes is verified: the manifest fetched by the digest the registry named hashes to it.
  const tags = await resolveTags(registry, targets.filter(needs).map((t) => t.ref), options.concurrency, { verify: true });
  return targets.map((target): PinOutcome => {
    if (!needs(target)) return { target, state: 'pinned', digest: target.ref.digest, newText: null, error: null };
    const result = tags.get(tagKey(target.ref))!;
    if (result.state !== 'found') return { target, state: 'error', digest: null, newText: null, error: result.message };
    const digest = result.digest;
    if (!target.ref.digest) return { target, state: 'unpinned', digest, newText: pinnedText(target, digest), error: null };
    if (target.ref.digest === digest) return { target, state: 'pinned', digest, newText: null, error: null };
    return { target, state: options.refresh ? 'refreshed' : 'stale', digest, newText: pinnedText(target, digest), error: null };
  });
}

/** Pinned or not from the text alone: whether each image carries a digest. Nothing is resolved. */
export function offlinePins(targets: readonly PinTarget[]): PinOutcome[] {
  return targets.map((target) => ({ target, state: target.ref.digest ? 'pinned' : 'unpinned', digest: target.ref.digest, newText: null, error: null }));
}

/** The edits that bring a file's targets to their pinned text. */
export function pinEdits(outcomes: readonly PinOutcome[]): TextEdit[] {
  return outcomes
    .filter((o) => o.newText !== null && (o.state === 'unpinned' || o.state === 'refreshed'))
    .map((o) => ({ start: o.target.span.start, end: o.target.span.end, text: o.newText! }));
}
