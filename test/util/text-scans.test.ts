import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextScans } from '../../src/util/text-scans.js';

test('TextScans works a text out once per kind, tells texts of one length apart, and starts over on clear', () => {
  const scans = new TextScans();
  const calls: string[] = [];
  const upper = (t: string) => (calls.push(t), t.toUpperCase());
  assert.equal(scans.get('upper', 'abc', upper), 'ABC');
  assert.equal(scans.get('upper', 'abc'.slice(0), upper), 'ABC');
  assert.equal(scans.get('upper', 'abd', upper), 'ABD');
  assert.equal(scans.get('length', 'abc', (t) => t.length), 3);
  assert.deepEqual(calls, ['abc', 'abd']);
  scans.clear();
  assert.equal(scans.get('upper', 'abc', upper), 'ABC');
  assert.deepEqual(calls, ['abc', 'abd', 'abc']);
});
