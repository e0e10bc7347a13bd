// A few thousand seeded, mutated hostile inputs through the parser and every rule, the lockfile
// readers and the layer reader: each ends in a result or a PlinthError, none takes longer than its
// limit, and the process stays under 300 MiB. `npm run fuzz` runs 100,000.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuzz, targets } from '../helpers/fuzz.js';

const COUNTS: Record<string, number> = { 'Dockerfile (parse, expand, every rule)': 4000, 'package-lock.json (JSON with lines)': 3000, 'poetry.lock / Cargo.lock (TOML)': 3000, 'image layer (gzip tar)': 1500 };

describe('fuzz', async () => {
  for (const t of await targets()) {
    it(`${t.name}: ${COUNTS[t.name]} inputs, no crash, no hang`, async () => {
      const f = await fuzz(t, COUNTS[t.name]!, 20261204, 2000);
      assert.deepEqual(f.failures, []);
      assert.equal(f.inputs, COUNTS[t.name]);
    });
  }
  it('stays under 300 MiB', () => {
    assert.ok(process.resourceUsage().maxRSS / 1024 < 300, `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  });
});
