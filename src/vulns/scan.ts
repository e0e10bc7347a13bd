// The vulns session: read each image's packages (inspect --contents), find its distribution release,
// and match the packages against that release's OSV index. The index loads once per release.
import { openImageSource, readImageContents, type OpenOptions } from '../image/index.js';
import type { ImageContents } from '../image/types.js';
import { dataInfo, matchContents, requireDb, type DataInfo, type ImageVulns } from '../vulndb/images.js';

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
}

/** Reads and matches each image in turn. */
export async function scanImages(references: string[], options: ScanOptions): Promise<ScanResult> {
  const db = await requireDb(options.dbDir);
  const images: { reference: string; digest: string | null; contents: ImageContents }[] = [];
  for (const reference of references) {
    const known = options.contents?.get(reference);
    if (known) {
      images.push({ reference, digest: null, contents: known });
      continue;
    }
    const source = await openImageSource(reference, options);
    try {
      images.push({ reference, digest: source.digest, contents: await readImageContents(source, options) });
    } finally {
      await source.close();
    }
  }
  return { data: dataInfo(db, options.now ?? new Date()), images: await matchContents(db, images) };
}
