// What the registries say about the images of a run (lint --online, recommend --online): one HEAD
// per distinct tag, compressed sizes, and the contents of images the catalog does not know. Gathered
// once, before any rule runs; a registry that cannot be reached becomes a warning and the offline answer.
import type { ImageFacts, VariantClass } from '../catalog/types.js';
import { lookupImage } from '../catalog/lookup.js';
import { contentsToFacts } from '../image/facts.js';
import { readImageContents } from '../image/read.js';
import type { ImageContents } from '../image/types.js';
import { formatPlatform, type Platform } from '../reference/platform.js';
import { formatReference, tagKey } from '../reference/parse.js';
import type { ImageRef } from '../reference/types.js';
import { RegistryError } from '../registry/errors.js';
import { selectPlatform } from '../registry/platform.js';
import type { Registry } from '../registry/types.js';
import { mapLimit } from '../util/concurrency.js';
import type { OnlineFacts, TagFact } from './types.js';

/** True for "the tag or repository does not exist", as opposed to "could not ask". */
export function isNotFound(err: unknown): boolean {
  return err instanceof RegistryError && (err.reason === 'unknown-tag' || err.reason === 'unknown-repository');
}

const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;

/**
 * Resolves each distinct tag once (by HEAD; an untagged reference means `latest`), with at most
 * `concurrency` requests in flight. The first tag of each registry goes alone, so the client meets
 * the auth challenge once and the burst after it does not pay one 401 per request in flight.
 */
export async function resolveTags(registry: Registry, refs: readonly ImageRef[], concurrency = 8, options: { verify?: boolean } = {}): Promise<Map<string, TagFact>> {
  const unique = new Map<string, ImageRef>();
  for (const r of refs) {
    const key = tagKey(r);
    if (!unique.has(key)) unique.set(key, { ...r, tag: r.tag ?? 'latest', digest: null });
  }
  const one = async ([, ref]: [string, ImageRef]): Promise<TagFact> => {
    try {
      return { state: 'found', digest: (await registry.resolve(ref, options)).digest };
    } catch (err) {
      return { state: isNotFound(err) ? 'missing' : 'error', message: firstLine(err) };
    }
  };
  const entries = [...unique.entries()];
  const firsts = new Map<string, [string, ImageRef]>();
  for (const e of entries) if (!firsts.has(e[1].registry)) firsts.set(e[1].registry, e);
  const first = [...firsts.values()];
  const rest = entries.filter((e) => firsts.get(e[1].registry) !== e);
  const out = new Map<string, TagFact>();
  for (const batch of [first, rest]) {
    const facts = await mapLimit(batch, concurrency, one);
    batch.forEach(([k], i) => out.set(k, facts[i]!));
  }
  return out;
}

/** The tag facts of every tagged reference (digest-only ones have no tag to ask about), and one warning per registry that failed. */
export async function gatherTagFacts(registry: Registry, refs: readonly ImageRef[], concurrency = 8): Promise<OnlineFacts> {
  const tags = await resolveTags(registry, refs.filter((r) => r.tag !== null || r.implicitTag), concurrency);
  const failed = new Map<string, string>();
  for (const [key, f] of tags) {
    const registryName = key.slice(0, key.indexOf('/'));
    if (f.state === 'error' && !failed.has(registryName)) failed.set(registryName, f.message);
  }
  const warnings = [...failed].map(([reg, message]) => `registry ${reg} could not be queried (${message}); its images get the offline answer`);
  return { tags, warnings };
}

/** Compressed bytes (config + layers) of the image for one platform. */
export async function compressedSize(registry: Registry, ref: ImageRef, platform: Platform): Promise<number> {
  let m = await registry.manifest(ref, ref.digest ?? undefined);
  if (m.json.manifests) {
    const pick = selectPlatform(m.json.manifests, platform);
    if (!pick) throw new Error(`${ref.original} has no ${formatPlatform(platform)} image`);
    m = await registry.manifest(ref, pick.digest);
  }
  return (m.json.config?.size ?? 0) + (m.json.layers ?? []).reduce((n, l) => n + l.size, 0);
}

function variantClassOf(c: ImageContents): VariantClass {
  if (c.shell === null && c.packageManager === null) return c.libc === null ? 'static' : 'distroless';
  if (c.packageManager === 'apk' && c.libc === 'musl') return 'alpine';
  return 'minimal';
}

/** Catalog-shaped facts from what is really inside the image (`source: 'contents'`). */
export function factsFromContents(ref: ImageRef, c: ImageContents): ImageFacts {
  const f = contentsToFacts(c);
  return {
    family: ref.repository.split('/').pop() ?? ref.repository,
    repository: `${ref.registry}/${ref.repository}`,
    tag: ref.tag,
    variantClass: variantClassOf(c),
    libc: f.libc,
    shell: f.shell,
    packageManager: f.packageManager,
    distro: f.distro,
    distroVersion: f.distroVersion,
    runtimeVersion: null,
    java: f.java,
    floating: false,
    deprecated: null,
    eol: [],
    compressedBytes: null,
    variants: {},
    hasCompiler: false,
    source: 'contents',
    caCertificates: f.caCertificates,
  };
}

/**
 * Reads each image the catalog does not know once (bounded concurrency). An image that cannot be
 * read keeps the offline answer (no facts) and gives a warning.
 */
export async function gatherContentFacts(
  registry: Registry,
  refs: readonly ImageRef[],
  options: { platform?: string; concurrency?: number; skip?: (ref: ImageRef) => boolean } = {},
): Promise<{ facts: Map<string, ImageFacts>; warnings: string[] }> {
  const unknown = new Map<string, ImageRef>();
  for (const ref of refs) if (!lookupImage(ref) && !options.skip?.(ref)) unknown.set(formatReference(ref), ref);
  const facts = new Map<string, ImageFacts>();
  const warnings: string[] = [];
  await mapLimit([...unknown], options.concurrency ?? 4, async ([key, ref]) => {
    try {
      const contents = await readImageContents(key, { registry, platform: options.platform ?? 'linux/amd64' });
      facts.set(key, factsFromContents(ref, contents));
    } catch (err) {
      warnings.push(`could not read the contents of ${key} (${firstLine(err)}); its stages get the offline answer`);
    }
  });
  return { facts, warnings: warnings.sort() };
}

/** Everything the online rules read: tag facts first, then the contents of unknown images whose tag exists. */
export async function gatherOnlineFacts(registry: Registry, refs: readonly ImageRef[], options: { platform?: string; concurrency?: number } = {}): Promise<OnlineFacts> {
  const online = await gatherTagFacts(registry, refs, options.concurrency);
  // A tag that is missing or whose registry failed is already reported: do not ask again.
  const skip = (r: ImageRef): boolean => {
    const t = online.tags.get(tagKey(r));
    return t !== undefined && t.state !== 'found';
  };
  const contents = await gatherContentFacts(registry, refs, { skip, ...options });
  return { ...online, warnings: [...online.warnings, ...contents.warnings], contentFacts: contents.facts };
}
