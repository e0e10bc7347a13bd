// Rewrites test/golden/corpus.golden.gz from the built code (npm run golden); review its diff with
// `zcat` before committing.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const { corpusGolden, GOLDEN, hasCorpus } = await import('../dist/test/golden/corpus.js');
if (!hasCorpus()) {
  console.error('golden: ../shared/corpus is not beside the repository');
  process.exit(2);
}
const text = await corpusGolden();
writeFileSync(GOLDEN, gzipSync(text, { level: 9 }));
console.log(`golden: ${GOLDEN} (${text.split('\n').length} lines)`);
