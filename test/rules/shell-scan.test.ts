import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argsAfter, commandWords } from '../../src/rules/shell-scan.js';

const names = (script: string) => commandWords(script).map((w) => `${w.name}:${w.path}`);

test('programs in command position: after separators, wrappers with their flags, assignments', () => {
  assert.deepEqual(names('apt-get update && apt-get install -y gcc'), ['apt-get:none', 'apt-get:none']);
  assert.deepEqual(names('set -e; sudo -E apk add curl | tee log'), ['apk:none']);
  assert.deepEqual(names('DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install x'), ['apt-get:absolute']);
  assert.deepEqual(names('cd app && ./mvnw -B package'), ['mvnw:relative']);
  assert.deepEqual(names('if [ -f x ]; then make; else g++ -o a a.cc; fi'), ['make:none', 'g++:none']);
  assert.deepEqual(names('for d in a b; do CGO_ENABLED=0 go build ./$d; done'), ['go:none']);
  assert.deepEqual(names('x=$(clang --version) && (cargo build)'), ['clang:none', 'cargo:none']);
});

test('the same names elsewhere are arguments, parts of words or comments', () => {
  assert.deepEqual(names('echo apk add curl'), []);
  assert.deepEqual(names('apt-cache policy && aptly publish && makepkg'), []);
  assert.deepEqual(names('pip install make'), []);
  assert.deepEqual(names('cat <<EOF\n# apt-get install gcc\nEOF'), []);
  assert.deepEqual(names('tool/apk add x'), ['apk:relative']);
  assert.deepEqual(names('foo#apk add'), []);
});

test('heredoc bodies: newlines separate commands, backslash-newline continues one', () => {
  assert.deepEqual(names('set -e\napk add \\\n  gcc\nmake -j4'), ['apk:none', 'make:none']);
  assert.deepEqual(names('echo a \\\n  apk add x'), []);
});

test('argsAfter stops at the end of the command', () => {
  const s = 'apk add --no-cache gcc musl-dev && make';
  const w = commandWords(s)[0]!;
  assert.deepEqual(argsAfter(s, w.end).map((a) => a.value), ['add', '--no-cache', 'gcc', 'musl-dev']);
});

test('the scan is linear: a name after a long run of words, on one long line after a newline', () => {
  // Each candidate once scanned back to the script's start (no '/') and to its line's start.
  for (const script of ['x\n' + 'apk add gcc; '.repeat(60_000), 'apk add gcc\n'.repeat(60_000)]) {
    const started = Date.now();
    const words = commandWords(script);
    assert.equal(words.length, 60_000);
    assert.ok(Date.now() - started < 1500, `${Date.now() - started} ms`);
  }
  // Comment lines are still told apart, and a path before a name still counts.
  assert.deepEqual(commandWords('x\n  # apk add gcc\n/sbin/apk add gcc').map((w) => [w.name, w.path]), [['apk', 'absolute']]);
});
