import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNameVal, nameVal, trimEnd, trimStart } from '../../src/dockerfile/words.js';
import { DockerfileError, parseDockerfile } from '../../src/dockerfile/index.js';

/** The error message `f` throws, or null. */
function thrown(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

test('checkNameVal throws exactly when nameVal does, with its message (every short text over quotes, escapes and spaces)', () => {
  // Its native fast path must never accept a text that nameVal's own scan rejects.
  const alphabet = ['a', '=', '"', "'", '\\', '`', ' ', '\t', '\u00a0', '\x85'];
  let texts = [''];
  let checked = 0;
  let rejected = 0;
  for (let len = 1; len <= 5; len++) {
    texts = texts.flatMap((t) => alphabet.map((c) => t + c));
    for (const raw of texts) {
      const text = raw.slice(trimStart(raw, 0, raw.length), trimEnd(raw, 0, raw.length));
      if (text !== raw || text === '') continue;
      for (const esc of [92, 96]) {
        const want = thrown(() => nameVal(text, 0, text.length, esc, 'ENV'));
        assert.equal(thrown(() => checkNameVal(text, esc, 'ENV')), want, JSON.stringify(text));
        checked++;
        if (want !== null) rejected++;
      }
    }
  }
  assert.ok(checked > 50_000 && rejected > 10_000, `${checked} texts, ${rejected} rejected`);
});

test('malformed ENV and LABEL lines are still parse errors on their line; args are split when read', () => {
  const err = (src: string) => {
    try {
      parseDockerfile(src, 'Dockerfile');
    } catch (e) {
      assert.ok(e instanceof DockerfileError);
      return `${e.line}: ${e.message}`;
    }
    return null;
  };
  assert.equal(err('FROM a\nENV foo\n'), '2: ENV must have two arguments');
  assert.equal(err('FROM a\nLABEL a=1 \\\n  "b c"\n'), `2: Syntax error - can't find = in "\\"b c\\"". Must be of the form: name=value`);
  const [, env, label, copy, arg] = parseDockerfile('FROM a\nENV a=1 b="x y"\nLABEL "k"="v w" other=\'1 2\'\nCOPY --from=b  x \\\n  y /z/\nARG A=1 B\n', 'Dockerfile').instructions;
  assert.deepEqual(env!.args, ['a', '1', '=', 'b', '"x y"', '=']);
  assert.deepEqual(label!.args, ['"k"', '"v w"', '=', 'other', "'1 2'", '=']);
  assert.deepEqual(copy!.args, ['x', 'y', '/z/']);
  assert.deepEqual(arg!.args, ['A=1', 'B']);
});
