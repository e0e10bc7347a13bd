// A refactor changes nothing it does not mean to: the corpus's lint and recommend output equal the
// stored copy. After an intended change, `npm run golden` rewrites it and the commit says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusGolden, hasCorpus, storedGolden } from './corpus.js';

test('the corpus lints and recommends exactly as the golden copy says', { skip: !hasCorpus() && 'no ../shared corpus' }, async () => {
  const stored = storedGolden();
  assert.ok(stored, 'test/golden/corpus.golden.gz is missing: run npm run golden');
  const now = (await corpusGolden()).split('\n');
  const was = stored.split('\n');
  const first = now.findIndex((line, i) => line !== was[i]);
  if (first >= 0 || now.length !== was.length) {
    const at = first >= 0 ? first : Math.min(now.length, was.length);
    assert.fail(`golden output differs at line ${at + 1} (${now.length} lines now, ${was.length} stored):\n- ${was[at]}\n+ ${now[at]}\nIf the change is meant, run npm run golden and say why in the commit.`);
  }
});
