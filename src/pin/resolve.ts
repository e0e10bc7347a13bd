// One HEAD per unique tag across every file and stage, with a bound on requests in flight.
import type { ImageRef } from '../reference/types.js';
import type { Registry } from '../registry/types.js';

/** `registry/repository:tag`: the identity of what a HEAD resolves. */
export function tagKey(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}:${ref.tag ?? 'latest'}`;
}

export type TagResult = { digest: string; error?: undefined } | { digest?: undefined; error: string };

/** Runs fn over items with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Resolves each distinct tag once (by HEAD); failures are kept per tag as one-line messages. */
export async function resolveTags(registry: Registry, refs: readonly ImageRef[], concurrency = 8): Promise<Map<string, TagResult>> {
  const unique = new Map<string, ImageRef>();
  for (const r of refs) {
    const key = tagKey(r);
    if (!unique.has(key)) unique.set(key, { ...r, tag: r.tag ?? 'latest', digest: null });
  }
  const entries = [...unique.entries()];
  const results = await mapLimit(entries, concurrency, async ([, ref]): Promise<TagResult> => {
    try {
      return { digest: (await registry.resolve(ref)).digest };
    } catch (err) {
      return { error: (err instanceof Error ? err.message : String(err)).split('\n')[0]! };
    }
  });
  return new Map(entries.map(([key], i) => [key, results[i]!]));
}
