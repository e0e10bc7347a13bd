// The vulns session: read each image's packages (inspect --contents), find its distribution release,
// and match the packages against that release's OSV index. The index loads once per release.
import { openImageSource, readImageContents, type OpenOptions } from '../image/index.js';
import type { ImageContents } from '../image/types.js';
import { dataInfo, matchContents, requireDb, type DataInfo, type ImageVulns } from '../vulndb/images.js';
import { mapLimit } from '../util/concurrency.js';

export { dataInfo, matchContents, requireDb, type DataInfo, type ImageVulns };

export interface ScanResult {
  data: DataInfo;
  images: ImageVulns[];
}

export interface ScanOptions extends OpenOptions {
  dbDir: string;
  now?: Date;
  /** Contents already read (compare and recommend read them for sizes too). */
  contents?: Map<string, ImageContents>;
  /** Called as each image has been read (the CLI's progress line). */
  onImage?: () => void;
}

/** Reads each image (two at a time) and matches them, in the order given. */
export async function scanImages(references: string[], options: ScanOptions): Promise<ScanResult> {
  const db = await requireDb(options.dbDir);
  // Two images in flight: each is mostly waiting on its layers (network or disk, and inflating).
  const images = await mapLimit(references, 2, async (reference) => {
    const known = options.contents?.get(reference);
    if (known) return { reference, digest: null, contents: known };
    const source = await openImageSource(reference, options);
    try {
      return { reference, digest: source.digest, contents: await readImageContents(source, options) };
    } finally {
      await source.close();
      options.onImage?.();
    }
  });
  return { data: dataInfo(db, options.now ?? new Date()), images: await matchContents(db, images) };
}
