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
  const one = async ([, ref]: [string, ImageRef]): Promise<TagResult> => {
    try {
      return { digest: (await registry.resolve(ref)).digest };
    } catch (err) {
      return { error: (err instanceof Error ? err.message : String(err)).split('\n')[0]! };
    }
  };
  // The first tag of each registry goes alone, so the client meets the auth challenge once and
  // the burst after it does not pay one 401 per request in flight.
  const entries = [...unique.entries()];
  const firsts = new Map<string, [string, ImageRef]>();
  for (const e of entries) if (!firsts.has(e[1].registry)) firsts.set(e[1].registry, e);
  const first = [...firsts.values()];
  const rest = entries.filter((e) => firsts.get(e[1].registry) !== e);
  const out = new Map<string, TagResult>();
  const a = await mapLimit(first, concurrency, one);
  first.forEach(([k], i) => out.set(k, a[i]!));
  const b = await mapLimit(rest, concurrency, one);
  rest.forEach(([k], i) => out.set(k, b[i]!));
  return out;
}
