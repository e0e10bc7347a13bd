// `lint --online`: the registry facts the online rules read (gathered once for every image of the
// run before any rule runs), and real compressed sizes added to findings that suggest another image.
import type { BuildModel } from '../dockerfile/stage.js';
import { gatherOnlineFacts, compressedSize } from '../facts/online.js';
import type { BaseVulnFact, OnlineFacts, StageInfo } from '../facts/types.js';
import type { VulnFinding } from '../vulndb/match.js';
import { DEFAULT_PLATFORM, parsePlatform, type Platform } from '../reference/platform.js';
import { familiarReference, formatReference, tagKey, tryParseReference } from '../reference/parse.js';
import type { ImageRef } from '../reference/types.js';
import type { Registry } from '../registry/types.js';
import type { Finding } from '../types.js';
import { formatBytes } from '../util/bytes.js';
import { mapLimit } from '../util/concurrency.js';
import { newestListedPatch } from '../catalog/tags.js';
import { familyOf, officialImageName } from '../catalog/lookup.js';

/** What lintPaths needs to lint online. */
export interface OnlineLint {
  registry: Registry;
  /** Platform whose contents and compressed sizes are read (default linux/amd64). */
  platform?: string;
  concurrency?: number;
  /** Where the OSV index is (`--db-dir`), for `vulnerable-base-image`. */
  vulnDbDir?: string;
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

/**
 * The findings of each distinct base image, and for a pinned digest whose tag moved, of the tag's
 * current image (the refresh `vulnerable-base-image` suggests first). No data, or an image that cannot
 * be read, is a warning: the rule then says nothing about that image.
 */
export async function gatherVulnFacts(online: OnlineLint, refs: readonly ImageRef[], facts: OnlineFacts, dbDir: string): Promise<{ vulns: Map<string, BaseVulnFact>; warnings: string[] }> {
  const vulns = new Map<string, BaseVulnFact>();
  const warnings: string[] = [];
  const { openDb } = await import('../vulndb/store.js');
  const db = await openDb(dbDir).catch((err: Error) => {
    warnings.push(err.message);
    return null;
  });
  if (!db) {
    if (warnings.length === 0) warnings.push(`vulnerable-base-image: no vulnerability data in ${dbDir}; run 'plinth db update'`);
    return { vulns, warnings };
  }
  const { matchContents } = await import('../vulndb/images.js');
  const { readImageContents } = await import('../image/read.js');
  const platform = online.platform ?? 'linux/amd64';
  const findingsOf = async (reference: string): Promise<VulnFinding[]> => {
    const contents = await readImageContents(reference, { registry: online.registry, platform });
    const [m] = await matchContents(db, [{ reference, digest: null, contents }]);
    return m!.findings;
  };
  const unique = new Map<string, ImageRef>();
  for (const r of refs) unique.set(formatReference(r), r);
  await mapLimit([...unique], online.concurrency ?? 2, async ([key, ref]) => {
    try {
      const findings = await findingsOf(key);
      let refresh: BaseVulnFact['refresh'] = null;
      const tag = ref.digest && ref.tag ? facts.tags.get(tagKey(ref)) : undefined;
      if (tag?.state === 'found' && tag.digest !== ref.digest) {
        refresh = { digest: tag.digest, findings: await findingsOf(formatReference({ ...ref, digest: tag.digest })) };
      }
      // A full-version official tag has a newer patch of its line listed: the second answer.
      let newer: BaseVulnFact['newer'] = null;
      const official = officialImageName(ref);
      const next = official && ref.tag && !refresh ? newestListedPatch(official, ref.tag, familyOf(ref)?.versionDepth ?? 1) : null;
      if (next && next !== ref.tag && findings.some((f) => f.fixedVersion !== null)) {
        newer = { tag: next, findings: await findingsOf(formatReference({ ...ref, tag: next, digest: null })) };
      }
      vulns.set(key, { findings, refresh, newer });
    } catch (err) {
      warnings.push(`vulnerable-base-image: ${key}: vulnerabilities not counted (${(err as Error).message.split('\n')[0]})`);
    }
  });
  return { vulns, warnings: warnings.sort() };
}
