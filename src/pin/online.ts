// Registry facts for `lint --online`: resolved once before the (synchronous) rules run, then read
// from RuleContext.online. Sizes for suggestions are filled in after the rules, since the rules
// decide which smaller image to suggest.
import type { ImageRef } from '../reference/types.js';
import { MEDIA_TYPES, type Platform, type Registry } from '../registry/types.js';
import type { OnlineFacts, TagFact } from '../rules/types.js';
import { mapLimit, tagKey } from './resolve.js';

export type { OnlineFacts, TagFact } from '../rules/types.js';

/** True for "the tag or repository does not exist", as opposed to "could not ask". */
export function isNotFound(err: unknown): boolean {
  const e = err as { kind?: unknown; code?: unknown; status?: unknown; message?: unknown };
  if (e?.kind === 'unknown-tag' || e?.kind === 'unknown-repository') return true;
  if (e?.kind !== undefined) return false;
  if (e && (e.status === 404 || /^(unknown[-_ ]?(tag|manifest|repository)|not[-_ ]?found|MANIFEST_UNKNOWN|NAME_UNKNOWN|TAG_UNKNOWN)$/i.test(String(e.code ?? '')))) return true;
  return /\b(unknown (tag|repository|manifest)|not found|manifest unknown|name unknown)\b/i.test(String(e?.message ?? ''));
}

/** HEADs every distinct tag among refs (digest-only references are skipped). */
export async function gatherTagFacts(registry: Registry, refs: readonly ImageRef[], concurrency = 8): Promise<OnlineFacts> {
  const unique = new Map<string, ImageRef>();
  for (const r of refs) {
    const tag = r.tag ?? (r.implicitTag ? 'latest' : null);
    if (tag !== null && !unique.has(tagKey(r))) unique.set(tagKey(r), { ...r, tag, digest: null });
  }
  const entries = [...unique.entries()];
  const facts = await mapLimit(entries, concurrency, async ([, ref]): Promise<TagFact> => {
    try {
      return { state: 'found', digest: (await registry.resolve(ref)).digest };
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
      return isNotFound(err) ? { state: 'missing', message } : { state: 'error', message };
    }
  });
  const tags = new Map(entries.map(([k], i) => [k, facts[i]!]));
  const warnings: string[] = [];
  const failedRegistries = new Map<string, string>();
  entries.forEach(([, ref], i) => {
    const f = facts[i]!;
    if (f.state === 'error' && !failedRegistries.has(ref.registry)) failedRegistries.set(ref.registry, f.message);
  });
  for (const [reg, message] of failedRegistries) warnings.push(`registry ${reg} could not be queried (${message}); its images get the offline answer`);
  return { tags, warnings };
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture) throw new Error(`platform '${text}' is not os/arch[/variant]`);
  return { os, architecture, ...(variant ? { variant } : {}) };
}

const INDEXES = new Set<string>([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]);

/** Compressed bytes (config + layers) of the image for one platform. */
export async function compressedSize(registry: Registry, ref: ImageRef, platform: Platform): Promise<number> {
  let m = await registry.manifest(ref, ref.digest ?? undefined);
  if (INDEXES.has(m.mediaType) || m.json.manifests) {
    const list = m.json.manifests ?? [];
    const pick = list.find((d) => d.platform?.os === platform.os && d.platform.architecture === platform.architecture && (!platform.variant || d.platform.variant === platform.variant));
    if (!pick) throw new Error(`${ref.original} has no ${platform.os}/${platform.architecture}${platform.variant ? `/${platform.variant}` : ''} image`);
    m = await registry.manifest(ref, pick.digest);
  }
  return (m.json.config?.size ?? 0) + (m.json.layers ?? []).reduce((n, l) => n + l.size, 0);
}

/** `310 MB`, `4.2 MB`, `812 kB` (decimal units, as registries and Docker Hub show them). */
export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let u = 0;
  let v = n;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}
