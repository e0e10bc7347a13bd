// `lint --online` for images the catalog does not know (a company base image): read their real
// contents once per image and turn them into the facts the rules decide on.
import type { ImageFacts, VariantClass } from '../catalog/types.js';
import { lookupImage } from '../catalog/lookup.js';
import { contentsToFacts } from '../image/facts.js';
import { readImageContents } from '../image/read.js';
import type { ImageContents } from '../image/types.js';
import { formatReference } from '../reference/parse.js';
import type { ImageRef } from '../reference/types.js';
import type { Registry } from '../registry/types.js';

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
 * Reads each unknown image once (bounded concurrency). An image that cannot be read keeps the offline
 * answer (no facts) and gives a warning.
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
  const queue = [...unknown];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, ref] = next;
      try {
        const contents = await readImageContents(key, { registry, platform: options.platform ?? 'linux/amd64' });
        facts.set(key, factsFromContents(ref, contents));
      } catch (err) {
        const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0];
        warnings.push(`could not read the contents of ${key} (${msg}); its stages get the offline answer`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, queue.length)) }, worker));
  return { facts, warnings: warnings.sort() };
}
