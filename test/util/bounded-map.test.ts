import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedMap } from '../../src/util/bounded-map.js';

test('BoundedMap keeps entries up to its limit, then starts over', () => {
  const m = new BoundedMap<string, number>(2);
  m.set('a', 1).set('b', 2).set('c', 3);
  assert.deepEqual([...m.keys()], ['a', 'b', 'c']);
  m.set('d', 4);
  assert.deepEqual([...m.entries()], [['d', 4]]);
});

test('clearRunLongCaches empties every BoundedMap, and the caches fill again as before', async () => {
  const { clearRunLongCaches } = await import('../../src/util/bounded-map.js');
  const { parseReference } = await import('../../src/reference/parse.js');
  const m = new BoundedMap<string, number>(10);
  m.set('a', 1);
  const before = parseReference('node:22');
  clearRunLongCaches();
  assert.equal(m.size, 0);
  const after = parseReference('node:22');
  assert.notEqual(after, before);
  assert.deepEqual(after, before);
});
