// Shell patterns in ${V#p}, ${V%p}, ${V/p/r}: the linear-time matcher agrees with a backtracking
// reference on small random inputs, and stays fast where backtracking explodes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replacePattern, trimPattern } from '../../src/dockerfile/pattern.js';
import { buildModel, parseDockerfile } from '../../src/dockerfile/index.js';

/** The glob as a JavaScript RegExp body (what the matcher replaced): fine for short inputs. */
function reference(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        let body = p.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        out += `[${body}]`;
        i = end;
      }
    } else out += /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
  }
  return out;
}

function refTrim(value: string, pattern: string, prefix: boolean, greedy: boolean): string {
  const re = new RegExp(`^(?:${reference(pattern)})$`);
  const n = value.length;
  for (let k = 0; k <= n; k++) {
    const len = greedy ? n - k : k;
    const part = prefix ? value.slice(0, len) : value.slice(n - len);
    if (re.test(part)) return prefix ? value.slice(len) : value.slice(0, n - len);
  }
  return value;
}

/** A seeded generator (mulberry32), so a failure repeats. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('agrees with a backtracking matcher on 20,000 random patterns and values', () => {
  const rnd = random(23);
  const pick = (s: string) => s[Math.floor(rnd() * s.length)]!;
  const PATTERN = ['a', 'b', 'c', '*', '?', '[ab]', '[!a]', '[a-c]', '.', '-'];
  let checked = 0;
  for (let n = 0; n < 20_000; n++) {
    const value = Array.from({ length: Math.floor(rnd() * 8) }, () => pick('abc.-')).join('');
    const pattern = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => PATTERN[Math.floor(rnd() * PATTERN.length)]!).join('');
    for (const [prefix, greedy] of [[true, false], [true, true], [false, false], [false, true]] as const) {
      assert.equal(trimPattern(value, pattern, prefix, greedy), refTrim(value, pattern, prefix, greedy), `trim ${prefix ? '#' : '%'}${greedy ? 'x2' : ''} '${pattern}' '${value}'`);
    }
    for (const all of [false, true]) {
      const want = value.replace(new RegExp(reference(pattern), all ? 'g' : ''), () => 'X');
      assert.equal(replacePattern(value, pattern, 'X', all), want, `replace${all ? ' all' : ''} '${pattern}' in '${value}'`);
    }
    checked++;
  }
  assert.equal(checked, 20_000);
});

test('a reversed range is no class: the [ is literal, as BuildKit takes it', () => {
  assert.equal(replacePattern('a[z-a]b', '[z-a]', 'x', false), 'axb');
  assert.equal(replacePattern('abc', '[z-a]', 'x', false), 'abc');
});

test('an 82-byte FROM that backtracking takes minutes on expands in linear time', () => {
  const source = `ARG a=${'a'.repeat(40)}\nFROM \${a/*a*a*a*a*a*a*a*a*a*a*b/x}\n`;
  const started = process.hrtime.bigint();
  const model = buildModel(parseDockerfile(source, 'Dockerfile'), {});
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(model.stages[0]!.image, 'a'.repeat(40));
  assert.ok(ms < 200, `took ${ms.toFixed(1)} ms`);
  // And a long value: 200,000 characters against the same pattern.
  const long = 'a'.repeat(200_000);
  const t2 = process.hrtime.bigint();
  assert.equal(replacePattern(long, '*a*a*a*a*a*a*a*a*a*a*b', 'x', true), long);
  assert.ok(Number(process.hrtime.bigint() - t2) / 1e6 < 2000);
});

test('substitutions nested 3,000 deep are one error line, not a stack overflow', () => {
  let text = 'x';
  for (let i = 0; i < 3000; i++) text = `\${a:-${text}}`;
  assert.throws(() => buildModel(parseDockerfile(`FROM ${text}\n`, 'Dockerfile'), {}), (e: unknown) => e instanceof Error && /substitutions nested more than 64 deep/.test(e.message) && e.message.length < 400);
  // 64 deep is still fine.
  let ok = 'alpine:3.21';
  for (let i = 0; i < 60; i++) ok = `\${a:-${ok}}`;
  assert.equal(buildModel(parseDockerfile(`FROM ${ok}\n`, 'Dockerfile'), {}).stages[0]!.image, 'alpine:3.21');
});
