// `lint --online`: real compressed sizes for findings that suggest another image.
import type { Finding, StageInfo } from '../rules/types.js';
import { familiarReference, parseReference } from '../reference/index.js';
import type { ImageRef } from '../reference/types.js';
import type { Platform, Registry } from '../registry/types.js';
import { compressedSize, formatBytes } from './online.js';
import { mapLimit } from './resolve.js';

const refKey = (r: ImageRef) => `${r.registry}/${r.repository}:${r.tag ?? ''}@${r.digest ?? ''}`;

function tryParse(text: string): ImageRef | null {
  try {
    return parseReference(text);
  } catch {
    return null;
  }
}

/**
 * Appends `node:22 -> node:22-slim saves 310 MB compressed` to each finding whose suggestion is an
 * image other than its stage's. Sizes that cannot be fetched leave the finding as it was.
 */
export async function addSuggestionSizes(findings: Finding[], stages: readonly StageInfo[], registry: Registry, platform: Platform, concurrency = 8): Promise<Finding[]> {
  const pairs: { finding: Finding; from: ImageRef; to: ImageRef }[] = [];
  for (const f of findings) {
    if (f.stage === null || !f.suggestion) continue;
    const from = stages[f.stage]?.ref;
    const to = tryParse(f.suggestion.trim());
    // Only another image (repository or tag); a refreshed digest of the same tag is not a size question.
    if (!from || !to || (from.registry === to.registry && from.repository === to.repository && from.tag === to.tag)) continue;
    pairs.push({ finding: f, from, to });
  }
  const wanted = new Map<string, ImageRef>();
  for (const p of pairs) for (const r of [p.from, p.to]) wanted.set(refKey(r), r);
  const keys = [...wanted.keys()];
  const sizes = await mapLimit(keys, concurrency, async (k) => compressedSize(registry, wanted.get(k)!, platform).catch(() => null));
  const size = new Map(keys.map((k, i) => [k, sizes[i]!]));
  return findings.map((f) => {
    const p = pairs.find((x) => x.finding === f);
    if (!p) return f;
    const a = size.get(refKey(p.from));
    const b = size.get(refKey(p.to));
    if (a == null || b == null) return f;
    const delta = a - b;
    const what = delta >= 0 ? `saves ${formatBytes(delta)} compressed` : `adds ${formatBytes(-delta)} compressed`;
    return { ...f, message: `${f.message} (${familiarReference(p.from)} -> ${familiarReference(p.to)} ${what})` };
  });
}
