// `lint --online`: the registry facts the online rules read (gathered once for every image of the
// run before any rule runs), and real compressed sizes added to findings that suggest another image.
import type { BuildModel } from '../dockerfile/stage.js';
import { gatherOnlineFacts, compressedSize } from '../facts/online.js';
import type { OnlineFacts, StageInfo } from '../facts/types.js';
import { DEFAULT_PLATFORM, parsePlatform, type Platform } from '../reference/platform.js';
import { familiarReference, tryParseReference } from '../reference/parse.js';
import type { ImageRef } from '../reference/types.js';
import type { Registry } from '../registry/types.js';
import type { Finding } from '../types.js';
import { formatBytes } from '../util/bytes.js';
import { mapLimit } from '../util/concurrency.js';

/** What lintPaths needs to lint online. */
export interface OnlineLint {
  registry: Registry;
  /** Platform whose contents and compressed sizes are read (default linux/amd64). */
  platform?: string;
  concurrency?: number;
}

/** The images of every stage (and COPY --from / RUN --mount from= image) of a model. */
export function imagesOf(model: BuildModel): ImageRef[] {
  const refs: ImageRef[] = [];
  const add = (text: string | null) => {
    const ref = text === null ? null : tryParseReference(text);
    if (ref) refs.push(ref); // lint reports bad references itself
  };
  for (const s of model.stages) {
    if (!s.scratch && s.fromStage === null) add(s.image);
    for (const x of s.sources) if (x.stage === null) add(x.image);
  }
  return refs;
}

export function gatherForLint(online: OnlineLint, refs: readonly ImageRef[]): Promise<OnlineFacts> {
  return gatherOnlineFacts(online.registry, refs, { ...(online.platform ? { platform: online.platform } : {}), ...(online.concurrency ? { concurrency: online.concurrency } : {}) });
}

const sizeKey = (r: ImageRef) => `${r.registry}/${r.repository}:${r.tag ?? ''}@${r.digest ?? ''}`;

/**
 * Appends `(node:22 -> node:22-slim saves 310 MB compressed)` to each finding whose suggestion is an
 * image other than its stage's. Sizes that cannot be fetched leave the finding as it was.
 */
export async function withSuggestionSizes(findings: Finding[], stages: readonly StageInfo[], online: OnlineLint, sizes: Map<string, Promise<number | null>> = new Map()): Promise<Finding[]> {
  const platform: Platform = online.platform ? parsePlatform(online.platform) : DEFAULT_PLATFORM;
  const size = (r: ImageRef): Promise<number | null> => {
    let p = sizes.get(sizeKey(r));
    if (!p) sizes.set(sizeKey(r), (p = compressedSize(online.registry, r, platform).catch(() => null)));
    return p;
  };
  return mapLimit(findings, online.concurrency ?? 8, async (f) => {
    const from = f.stage === null ? null : stages[f.stage]?.ref;
    const to = f.suggestion ? tryParseReference(f.suggestion.trim()) : null;
    // Only another image (repository or tag); a refreshed digest of the same tag is not a size question.
    if (!from || !to || (from.registry === to.registry && from.repository === to.repository && from.tag === to.tag)) return f;
    const [a, b] = await Promise.all([size(from), size(to)]);
    if (a === null || b === null) return f;
    const delta = a - b;
    const what = delta >= 0 ? `saves ${formatBytes(delta)} compressed` : `adds ${formatBytes(-delta)} compressed`;
    return { ...f, message: `${f.message} (${familiarReference(from)} -> ${familiarReference(to)} ${what})` };
  });
}
