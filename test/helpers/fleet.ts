// A fleet made from the corpus: one folder (with .git) per source repository and copy, each file at
// its original path, as an organisation's clones sit side by side.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SHARED } from './shared.js';

/** Copies the corpus files of `repos` under `root` (`copies` times); returns how many files. */
export function corpusFleet(root: string, repos: readonly string[], copies = 1): number {
  const rows = readFileSync(join(SHARED, 'corpus', 'PROVENANCE.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  let n = 0;
  for (let c = 0; c < copies; c++) {
    for (const [file, repo, , original] of rows) {
      if (!repos.includes(repo!)) continue;
      const folder = join(root, `${repo!.replace('/', '__')}${copies > 1 ? `-${c}` : ''}`);
      mkdirSync(join(folder, '.git'), { recursive: true });
      const dest = join(folder, original!);
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(join(SHARED, 'corpus', file!), dest);
      n++;
    }
  }
  return n;
}

