// The line-keeping JSON reader: the same values as JSON.parse, the right line for every key,
// JSON.parse's verdict on invalid text, and its speed against JSON.parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonSyntaxError, parseJsonWithLines } from '../../src/context/json-lines.js';

/** A seeded generator of JSON values with escapes, unicode, numbers of every shape, nesting. */
function generator(seed: number) {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const strings = ['', 'a', 'node_modules/@scope/pkg', 'quote " and \\ backslash', 'tab\tnew\\nline', 'ünïcödé ✓ 𝄞', '\u0000\u001f', '__proto__', 'constructor'];
  const numbers = [0, -0, 1, -1, 3.25, 1e21, 1.5e-7, -123456789, 2 ** 53];
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 4 || r < 0.3) return [null, true, false, numbers[Math.floor(rnd() * numbers.length)], strings[Math.floor(rnd() * strings.length)]][Math.floor(rnd() * 5)];
    if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 5); i > 0; i--) Object.defineProperty(o, `${strings[Math.floor(rnd() * strings.length)]}${Math.floor(rnd() * 3)}`, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
    return o;
  };
  return value;
}

test('the same value as JSON.parse over 3,000 generated documents, in every layout', () => {
  const gen = generator(7);
  for (let i = 0; i < 3000; i++) {
    const text = JSON.stringify(gen(0), null, [0, 2, '\t'][i % 3]);
    assert.deepEqual(parseJsonWithLines(text).value, JSON.parse(text), text);
  }
});

test('lineOf gives each key its own line, nested and escaped keys too, and null for strangers', () => {
  const text = '{\n  "name": "app",\n  "packages": {\n    "": {"version": "1"},\n    "node_modules/a\\"b": {\n      "version": "2"\n    },\n    "node_modules/c": {}\n  },\n  "x": [ {"deep": 1} ]\n}\n';
  const doc = parseJsonWithLines(text);
  const v = doc.value as any;
  assert.equal(doc.lineOf(v, 'name'), 2);
  assert.equal(doc.lineOf(v, 'packages'), 3);
  assert.equal(doc.lineOf(v, 'x'), 10);
  assert.equal(doc.lineOf(v.packages, ''), 4);
  assert.equal(doc.lineOf(v.packages, 'node_modules/a"b'), 5);
  assert.equal(doc.lineOf(v.packages, 'node_modules/c'), 8);
  assert.equal(doc.lineOf(v.packages['node_modules/a"b'], 'version'), 6);
  assert.equal(doc.lineOf(v.x[0], 'deep'), 10);
  // Asked out of order: lines are still right.
  assert.equal(doc.lineOf(v.packages[''], 'version'), 4);
  assert.equal(doc.lineOf(v, 'missing'), null);
  assert.equal(doc.lineOf({}, 'name'), null);
});

test('every key line of a generated lockfile, against a search of its text', () => {
  const packages: Record<string, unknown> = {};
  for (let i = 0; i < 500; i++) packages[`node_modules/pkg-${i}`] = { version: `1.0.${i}`, dependencies: { [`pkg-${i + 1}`]: '^1' } };
  const text = JSON.stringify({ lockfileVersion: 3, packages }, null, 2);
  const doc = parseJsonWithLines(text);
  const v = doc.value as { packages: Record<string, unknown> };
  for (const key of Object.keys(packages)) {
    const expected = text.slice(0, text.indexOf(`"${key}":`)).split('\n').length;
    assert.equal(doc.lineOf(v.packages, key), expected, key);
  }
});

test('invalid JSON is a JsonSyntaxError on the right line wherever JSON.parse refuses it', () => {
  const cases: [string, number][] = [['{', 1], ['[1,]', 1], ['{\n"a" 1}', 2], ['"a\nb"', 1], ['01', 1], ['tru', 1], ['{"a":1}\nx', 2], ['[1 2]', 1], ['{"a":1,}', 1], ['', 1], ['\n\n  -', 3], ['"\\x"', 1]];
  for (const [text, line] of cases) {
    assert.throws(() => JSON.parse(text), SyntaxError, `JSON.parse accepts ${JSON.stringify(text)}`);
    assert.throws(() => parseJsonWithLines(text), (e: unknown) => e instanceof JsonSyntaxError && e.line === line, JSON.stringify(text));
  }
});

test('__proto__ is a plain key: a hostile lockfile cannot give an object a prototype', () => {
  const v = parseJsonWithLines('{"__proto__": {"polluted": true}, "a": 1}').value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v), ['__proto__', 'a']);
  assert.equal((v as { polluted?: boolean }).polluted, undefined);
});

test('a 5,000-package lockfile reads within 2x of JSON.parse (medians of alternating runs)', () => {
  const packages: Record<string, unknown> = {};
  for (let i = 0; i < 5000; i++) packages[`node_modules/pkg-${i}`] = { version: `1.0.${i}`, resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.${i}.tgz`, integrity: `sha512-${'a'.repeat(86)}==`, license: 'MIT', dependencies: { [`pkg-${i + 1}`]: '^1.0.0' } };
  const text = JSON.stringify({ name: 'app', lockfileVersion: 3, packages }, null, 2);
  const ours: number[] = [];
  const native: number[] = [];
  for (let i = 0; i < 15; i++) {
    let t = process.hrtime.bigint();
    parseJsonWithLines(text);
    ours.push(Number(process.hrtime.bigint() - t));
    t = process.hrtime.bigint();
    JSON.parse(text);
    native.push(Number(process.hrtime.bigint() - t));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[7]!;
  const ratio = median(ours) / median(native);
  // (Warm: the first runs compile the reader; the medians are of the runs after.)
  assert.ok(ratio < 2, `parseJsonWithLines took ${ratio.toFixed(2)}x JSON.parse`);
});

test('nesting deeper than the call stack: lines still found, an invalid text still one JsonSyntaxError', () => {
  const depth = 100_000;
  const text = `{"a":${'{"b":'.repeat(depth)}{"leaf":1}${'}'.repeat(depth)}}`;
  const doc = parseJsonWithLines(text);
  let inner: any = (doc.value as any).a;
  for (let i = 0; i < depth; i++) inner = inner.b;
  assert.equal(doc.lineOf(inner, 'leaf'), 1);
  assert.throws(() => parseJsonWithLines(`{"a":${'['.repeat(depth)}}`), (e: unknown) => e instanceof JsonSyntaxError);
});
