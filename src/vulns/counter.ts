// An image's vulnerability counts, read from its registry and matched against the OSV index: what
// recommend --vulns and report --vulns put beside each change of base. A failure is a warning and null.
import { readImageContents } from '../image/read.js';
import type { Registry } from '../registry/types.js';
import { dataInfo, matchContents, requireDb, staleWarning } from '../vulndb/images.js';
import type { VulnCounts } from '../vulndb/match.js';

export async function vulnCounter(registry: Registry, platform: string | null, dbDir: string, warn: (line: string) => void): Promise<(image: string) => Promise<VulnCounts | null>> {
  const db = await requireDb(dbDir);
  const stale = staleWarning(dataInfo(db, new Date()));
  if (stale) warn(stale);
  return async (image) => {
    try {
      const contents = await readImageContents(image, { registry, platform });
      const [m] = await matchContents(db, [{ reference: image, digest: null, contents }]);
      for (const w of m!.warnings) warn(`${image}: ${w}`);
      return m!.counts;
    } catch (err) {
      warn(`${image}: vulnerabilities not counted (${(err as Error).message.split('\n')[0]})`);
      return null;
    }
  };
}
