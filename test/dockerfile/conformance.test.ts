// BuildKit's own parser and shell test data, one test per case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileError, dumpDockerfile, expandWord, expandWords, parseDockerfile } from '../../src/dockerfile/index.js';

// dist/test/dockerfile/ -> repo root -> ../shared
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const data = join(repo, '..', 'shared', 'conformance', 'buildkit');

test('conformance data is present', () => {
  assert.ok(existsSync(data), `missing ${data}`);
});

const parserDir = join(data, 'parser', 'testfiles');
for (const name of readdirSync(parserDir).sort()) {
  test(`parser testfiles/${name}`, () => {
    const src = readFileSync(join(parserDir, name, 'Dockerfile'), 'utf8');
    const expected = readFileSync(join(parserDir, name, 'result'), 'utf8');
    assert.equal(dumpDockerfile(parseDockerfile(src, name)), expected);
  });
}

const negDir = join(data, 'parser', 'testfiles-negative');
for (const name of readdirSync(negDir).sort()) {
  test(`parser testfiles-negative/${name} is rejected`, () => {
    const src = readFileSync(join(negDir, name, 'Dockerfile'), 'utf8');
    assert.throws(
      () => parseDockerfile(src, `neg/${name}`),
      (err: unknown) => err instanceof DockerfileError && err.path === `neg/${name}` && err.line >= 1 && err.message.length > 0,
    );
  });
}

test('parser testfile-line: instruction line ranges', () => {
  const src = readFileSync(join(data, 'parser', 'testfile-line', 'Dockerfile'), 'utf8');
  const df = parseDockerfile(src, 'testfile-line');
  // BuildKit's TestParseIncludesLineNumbers: FROM 5-5, ENV 11-12, RUN 17-31.
  assert.deepEqual(df.instructions.map((i) => [i.keyword, i.line, i.endLine]), [['FROM', 5, 5], ['ENV', 11, 12], ['RUN', 17, 31]]);
});

// envVarTest: `A|input | expected` (A = all platforms, U = unix; W lines are Windows-only).
const env = new Map([['PWD', '/home'], ['SHELL', 'bash'], ['KOREAN', '한국어'], ['NULL', '']]);
const envLines = readFileSync(join(data, 'shell', 'envVarTest'), 'utf8').split('\n');
envLines.forEach((raw, i) => {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return;
  const parts = line.split('|');
  const [platform, input, expected] = parts.map((p) => p.trim()) as [string, string, string];
  if (platform !== 'A' && platform !== 'U') return;
  test(`envVarTest:${i + 1} ${platform}|${input}`, () => {
    assert.equal(parts.length, 3);
    let got: string;
    try {
      got = expandWord(input, (k) => env.get(k));
    } catch {
      got = 'error';
    }
    assert.equal(got, expected);
  });
});

// wordsTest: `input | word,word`, with `ENV name=value` lines setting variables for later lines.
const wordsEnv = new Map<string, string>();
const wordLines = readFileSync(join(data, 'shell', 'wordsTest'), 'utf8').split('\n');
wordLines.forEach((raw, i) => {
  if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
  if (raw.startsWith('ENV ')) {
    const kv = raw.slice(4).replace(/^ +/, '');
    const eq = kv.indexOf('=');
    wordsEnv.set(kv.slice(0, eq), kv.slice(eq + 1));
    return;
  }
  const snapshot = new Map(wordsEnv);
  const parts = raw.split('|');
  const input = parts[0]!.trim();
  const expected = (parts[1] ?? '').replace(/^ +/, '').split(',');
  test(`wordsTest:${i + 1} ${input}`, () => {
    assert.equal(parts.length, 2);
    let got: string[];
    try {
      got = expandWords(input, (k) => snapshot.get(k));
    } catch {
      got = ['error'];
    }
    assert.deepEqual(got, expected);
  });
});
