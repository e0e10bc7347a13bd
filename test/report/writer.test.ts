// nestedJson: what JSON.stringify(value, null, 2) writes for a value `depth` levels down in a
// pretty-printed document, which every streamed JSON format (json, sarif, gitlab, sonarqube) is built of.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nestedJson } from '../../src/report/writer.js';

const values: unknown[] = [
  {},
  [],
  null,
  0,
  'a\nb "quoted" \u2028',
  { path: 'Dockerfile', error: null, stages: [], findings: [{ rule: 'latest-tag', line: 1, message: 'x\ny', nested: { a: [1, [2, {}]] } }] },
  [{ a: 1 }, [], [[]], { b: { c: null } }],
];

test('nestedJson is the text JSON.stringify gives the value inside a document, at each depth', () => {
  for (const value of values) {
    for (let depth = 0; depth <= 5; depth++) {
      // The value as the only item `depth` arrays down: its text sits between the wrappers' lines.
      let doc: unknown = value;
      for (let i = 0; i < depth; i++) doc = [doc];
      const whole = JSON.stringify(doc, null, 2);
      const open = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}[\n`).join('') + '  '.repeat(depth);
      const close = Array.from({ length: depth }, (_, i) => `\n${'  '.repeat(depth - 1 - i)}]`).join('');
      assert.equal(open + nestedJson(value, depth) + close, whole, `depth ${depth}: ${JSON.stringify(value)}`);
      // Every line after the first is indented by the depth, as the old text replace did it.
      assert.equal(nestedJson(value, depth), JSON.stringify(value, null, 2).split('\n').join(`\n${'  '.repeat(depth)}`));
    }
  }
});
