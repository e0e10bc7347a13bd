// The whole corpus's `lint --format json` output and each file's recommendation per stage, as one
// text: the golden test compares it with the stored copy, `npm run golden` rewrites that copy.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { lintPaths } from '../../src/lint/index.js';
import { formatReport } from '../../src/report/index.js';
import { buildModel, parseDockerfile } from '../../src/dockerfile/index.js';
import { readContext } from '../../src/context/read.js';
import { adviseOffline } from '../../src/advisor/advise.js';

export const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/dockerfiles/', import.meta.url));
export const GOLDEN = fileURLToPath(new URL('../../../test/golden/corpus.golden.gz', import.meta.url));
/** A fixed evaluation date: end-of-life answers must not move with the calendar. */
export const DATE = '2026-01-01';

export function hasCorpus(): boolean {
  return existsSync(CORPUS);
}

/** Every corpus file, named one by one (many names are not ones discovery picks up), sorted. */
function corpusFiles(): string[] {
  return readdirSync(CORPUS).sort().flatMap((dir) => readdirSync(join(CORPUS, dir)).sort().map((name) => `${dir}/${name}`));
}

export async function lintGolden(): Promise<string> {
  const report = await lintPaths(corpusFiles(), { cwd: CORPUS, date: DATE });
  return formatReport(report, 'json', { color: false });
}

/** `path stage: current -> recommended (decision)` for every stage of every file that parses. */
export function recommendGolden(): string {
  const lines: string[] = [];
  for (const rel of corpusFiles()) {
    const [dir, name] = rel.split('/') as [string, string];
    {
      const path = join(CORPUS, rel);
      try {
        const file = parseDockerfile(readFileSync(path, 'utf8'), path);
        const model = buildModel(file, {});
        const rec = adviseOffline(file, model, readContext(join(CORPUS, dir), file, model, undefined, name), { goal: 'size', date: DATE });
        for (const s of rec.stages) lines.push(`${dir}/${name} ${s.index}: ${s.current} -> ${s.recommended} (${s.decision})`);
      } catch (err) {
        lines.push(`${dir}/${name}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

export async function corpusGolden(): Promise<string> {
  return `${await lintGolden()}\n--- recommend ---\n${recommendGolden()}`;
}

export function storedGolden(): string | null {
  return existsSync(GOLDEN) ? gunzipSync(readFileSync(GOLDEN)).toString('utf8') : null;
}
