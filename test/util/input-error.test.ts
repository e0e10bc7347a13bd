import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/util/input-error.js';
import { DockerfileError } from '../../src/dockerfile/types.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';

test('input errors carry their message but no stack frames, and leave the stack limit as it was', () => {
  const before = Error.stackTraceLimit;
  const e = new DockerfileError('unknown instruction: FOO', 'Dockerfile', 2);
  assert.ok(e instanceof InputError && e instanceof Error);
  assert.equal(e.message, 'unknown instruction: FOO');
  assert.equal(e.name, 'DockerfileError');
  assert.doesNotMatch(e.stack ?? '', /\n\s+at /);
  assert.equal(Error.stackTraceLimit, before);
  // Other errors still get their stack (plinth's own bugs need one).
  assert.match(new Error('bug').stack ?? '', /\n\s+at /);
});

test('a parse error reaches the caller as a DockerfileError with its line, without a stack', () => {
  assert.throws(() => parseDockerfile('FROM x\nFOO bar\n', 'Dockerfile'), (err: unknown) => {
    const e = err as DockerfileError;
    return e instanceof DockerfileError && e.line === 2 && /unknown instruction: FOO/.test(e.message) && !/\n\s+at /.test(e.stack ?? '');
  });
});
