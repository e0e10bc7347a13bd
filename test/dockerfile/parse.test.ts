import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileError, dumpInstruction, expandWordInfo, parseDockerfile } from '../../src/dockerfile/index.js';

const slice = (src: string, r: { start: number; end: number }) => src.slice(r.start, r.end);

test('FROM image word has exact offsets (flags, AS, tabs)', () => {
  const src = '# syntax=docker/dockerfile:1\nFROM\t--platform=$BUILDPLATFORM   node:22-alpine AS build\n  from   "python:3.12"\n';
  const df = parseDockerfile(src, 'Dockerfile');
  const [a, b] = df.instructions;
  assert.deepEqual(a!.words.map((w) => slice(src, w)), ['node:22-alpine', 'AS', 'build']);
  assert.equal(a!.words[0]!.value, 'node:22-alpine');
  assert.equal(slice(src, a!.flags[0]!), '--platform=$BUILDPLATFORM');
  assert.deepEqual([a!.flags[0]!.name, a!.flags[0]!.value], ['platform', '$BUILDPLATFORM']);
  assert.deepEqual([a!.line, a!.column, a!.endLine], [2, 1, 2]);
  assert.equal(slice(src, a!), 'FROM\t--platform=$BUILDPLATFORM   node:22-alpine AS build');
  assert.equal(slice(src, b!.words[0]!), '"python:3.12"');
  assert.deepEqual([b!.keyword, b!.line, b!.column], ['FROM', 3, 3]);
  assert.deepEqual(df.directives, { syntax: 'docker/dockerfile:1' });
});

test('restStart is where the arguments after the flags begin, also on a continuation line', () => {
  const src = 'FROM --platform=$BUILDPLATFORM \\\n  golang:1.23 AS build\nWORKDIR\nRUN ["go", "build"]\n';
  const [from, workdir, run] = parseDockerfile(src, 'Dockerfile').instructions;
  assert.equal(src.slice(from!.restStart).split(' ')[0], 'golang:1.23');
  assert.equal(from!.restStart, from!.words[0]!.start);
  assert.equal(workdir!.restStart, workdir!.end);
  assert.equal(src.slice(run!.restStart, run!.end), '["go", "build"]');
});

test('CRLF and a BOM: offsets index the original text', () => {
  const src = '\uFEFFFROM alpine:3.20 AS base\r\nRUN echo a \\\r\n  && echo b\r\nFROM base\r\n';
  const df = parseDockerfile(src, 'Dockerfile');
  assert.equal(df.bom, true);
  assert.equal(df.lineEnding, '\r\n');
  const [from, run, last] = df.instructions;
  assert.equal(slice(src, from!.words[0]!), 'alpine:3.20');
  assert.equal(from!.column, 1);
  assert.deepEqual(run!.args, ['echo a   && echo b']);
  assert.deepEqual([run!.line, run!.endLine], [2, 3]);
  assert.equal(slice(src, run!), 'RUN echo a \\\r\n  && echo b');
  assert.equal(slice(src, last!.words[0]!), 'base');
  assert.equal(last!.line, 4);
});

test('a word split over a continuation maps both ends into the source', () => {
  const src = 'FROM node:\\\n22\n';
  const w = parseDockerfile(src, 'D').instructions[0]!.words[0]!;
  assert.equal(w.value, 'node:22');
  assert.equal(src.slice(w.start, w.end), 'node:\\\n22');
});

test('offsets on every line of a continued instruction: flags, words, comment and blank lines between', () => {
  // Words and flags on the first, middle and last pieces; an empty piece; a comment, a blank line,
  // a CRLF line and blanks after an escape.
  const src = 'FROM a\nCOPY \\\n  --chown=1 \\\n# a comment\n\n  --from=build  \\  \r\n\\\n  /src/a \\\n  /dst/\nRUN x\n';
  const df = parseDockerfile(src, 'D');
  const copy = df.instructions[1]!;
  assert.deepEqual(copy.flags.map((f) => slice(src, f)), ['--chown=1', '--from=build']);
  assert.deepEqual(copy.words.map((w) => [w.value, slice(src, w)]), [['/src/a', '/src/a'], ['/dst/', '/dst/']]);
  assert.equal(slice(src, copy), src.slice(src.indexOf('COPY'), src.indexOf('/dst/') + 5));
  assert.equal(src.slice(copy.restStart, copy.restStart + 6), '/src/a');
  assert.deepEqual([copy.line, copy.endLine], [2, 9]);
  // The instruction after it is read from where the continued one ended.
  assert.deepEqual([df.instructions[2]!.keyword, df.instructions[2]!.line, slice(src, df.instructions[2]!)], ['RUN', 10, 'RUN x']);
  // A file that ends inside a continued line: its one piece maps to the source.
  const eof = 'FROM a\nRUN echo \\';
  const run = parseDockerfile(eof, 'D').instructions[1]!;
  assert.deepEqual([run.rest, slice(eof, run), run.words.map((w) => slice(eof, w))], ['echo', 'RUN echo \\', ['echo']]);
});

test('a first line that holds nothing but the escape: the instruction starts on the next line, after its blanks', () => {
  const src = 'FROM a\n\\\n \t run x\n';
  const run = parseDockerfile(src, 'D').instructions[1]!;
  assert.deepEqual([run.keyword, run.rest, run.line, run.column, run.endLine, slice(src, run)], ['RUN', 'x', 2, 1, 3, 'run x']);
  assert.throws(() => parseDockerfile('FROM a\n\\\n\fONBUILD` x\n', 'D'), (e: unknown) => e instanceof DockerfileError && e.line === 2 && e.message === 'unknown instruction: ONBUILD`');
});

test('backtick escape directive: continuation and literal backslashes', () => {
  const src = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ `\n    && echo done\nCOPY ["C:\\\\src", "C:\\\\dst"]\n';
  const df = parseDockerfile(src, 'D');
  assert.equal(df.escape, '`');
  assert.deepEqual(df.instructions[1]!.args, ['dir C:\\     && echo done']);
  assert.deepEqual(df.instructions[2]!.args, ['C:\\src', 'C:\\dst']);
  assert.equal(df.instructions[2]!.json, true);
});

test('directives only at the top; a second escape directive is an error', () => {
  const late = parseDockerfile('FROM a\n# escape=`\nRUN x \\\n y\n', 'D');
  assert.equal(late.escape, '\\');
  assert.deepEqual(late.instructions[1]!.args, ['x  y']);
  assert.throws(() => parseDockerfile('# escape=`\n# escape=\\\nFROM a\n', 'D'), (e: unknown) => e instanceof DockerfileError && e.line === 2);
  assert.throws(() => parseDockerfile('# escape=x\nFROM a\n', 'D'), (e: unknown) => e instanceof DockerfileError && /invalid escape token/.test(e.message));
  assert.deepEqual(parseDockerfile('# check=skip=all\n#syntax=x\nFROM a\n', 'D').directives, { check: 'skip=all', syntax: 'x' });
});

test('heredocs: several on one line, <<-, quoted delimiters, COPY heredoc', () => {
  const src = [
    'FROM alpine',
    'RUN <<EOF cat >/a && 3<<-"END" cat',
    'echo $HOME',
    'EOF',
    '\tquoted $HOME',
    '\tEND',
    "COPY <<'conf' /etc/app.conf",
    'x=1',
    'conf',
    'RUN ["echo", "<<EOF"]',
    'RUN echo done',
  ].join('\n');
  const df = parseDockerfile(src, 'D');
  const run = df.instructions[1]!;
  assert.deepEqual(run.heredocs, [
    { name: 'EOF', content: 'echo $HOME\n', expand: true, chomp: false },
    { name: 'END', content: '\tquoted $HOME\n', expand: false, chomp: true },
  ]);
  assert.deepEqual([run.line, run.endLine], [2, 6]);
  assert.deepEqual(df.instructions[2]!.heredocs, [{ name: 'conf', content: 'x=1\n', expand: false, chomp: false }]);
  assert.deepEqual(df.instructions[3]!.heredocs, []);
  assert.equal(df.instructions[4]!.line, 11);
  assert.throws(() => parseDockerfile('FROM a\nRUN <<EOF\necho\n', 'D'), (e: unknown) => e instanceof DockerfileError && e.line === 2 && /unterminated heredoc/.test(e.message));
});

test('comments and empty lines inside a continued instruction are skipped', () => {
  const df = parseDockerfile('FROM a\nRUN apt-get update \\\n# a comment\n\n    && apt-get install -y x\nUSER app\n', 'D');
  assert.deepEqual(df.instructions[1]!.args, ['apt-get update     && apt-get install -y x']);
  assert.deepEqual([df.instructions[1]!.line, df.instructions[1]!.endLine, df.instructions[2]!.line], [2, 5, 6]);
});

test('JSON vs shell form; a non-string element is an error', () => {
  const df = parseDockerfile('FROM a\nCMD ["a", "b"]\nCMD [a, b]\nENTRYPOINT [ ]\n', 'D');
  assert.deepEqual([df.instructions[1]!.json, df.instructions[1]!.args], [true, ['a', 'b']]);
  assert.deepEqual([df.instructions[2]!.json, df.instructions[2]!.args], [false, ['[a, b]']]);
  assert.deepEqual([df.instructions[3]!.json, df.instructions[3]!.args], [true, []]);
  assert.throws(() => parseDockerfile('FROM a\nCMD ["a", 1]\n', 'D'), (e: unknown) => e instanceof DockerfileError && e.line === 2);
});

test('instruction arguments: ENV legacy and pairs, ARG, HEALTHCHECK, ONBUILD, MAINTAINER', () => {
  const df = parseDockerfile('FROM a\nENV A 1 2\nENV B="x y" C=\\$D\nARG E F=1\nHEALTHCHECK --interval=5s CMD curl -f x\nONBUILD COPY --chown=1 . /\nMAINTAINER Me <me@x>\n', 'D');
  assert.deepEqual(df.instructions.slice(1).map(dumpInstruction), [
    'env "A" "1 2" ""',
    'env "B" "\\"x y\\"" "=" "C" "\\\\$D" "="',
    'arg "E" "F=1"',
    'healthcheck ["--interval=5s"] "CMD" "curl -f x"',
    'onbuild (copy ["--chown=1"] "." "/")',
    'maintainer "Me <me@x>"',
  ]);
});

test('unknown instructions are rejected with their line', () => {
  assert.throws(() => parseDockerfile('FROM a\n\nFORM b\n', 'x/Dockerfile'), (e: unknown) => e instanceof DockerfileError && e.line === 3 && e.path === 'x/Dockerfile' && /unknown instruction: FORM/.test(e.message));
});

test('a keyword is the whole first word, in any case, ended by a separator or the line', () => {
  const df = parseDockerfile('FROM a\nENV A=1\nENTRYPOINT x\nRUN\tx\nrun y\nRuN z\nEXPOSE 1\nRUN\nLABEL a=b\\\n c=d\n', 'D');
  assert.deepEqual(df.instructions.map((i) => `${i.keyword}:${i.rest}`), ['FROM:a', 'ENV:A=1', 'ENTRYPOINT:x', 'RUN:x', 'RUN:y', 'RUN:z', 'EXPOSE:1', 'RUN:', 'LABEL:a=b c=d']);
  // A known keyword's letters followed by more letters, or by a space that is not a separator, is another word.
  for (const [text, word] of [['RUNX y', 'RUNX'], ['ENVA=1', 'ENVA=1'], ['FROM\u00a0a', 'FROM\u00a0a'], ['EN x', 'EN'], ['ADDs x', 'ADDs']]) {
    assert.throws(() => parseDockerfile(`FROM a\n${text}\n`, 'D'), (e: unknown) => e instanceof DockerfileError && e.line === 2 && e.message === `unknown instruction: ${word}`, text);
  }
});

test('plinth pragmas are collected with their line', () => {
  const df = parseDockerfile('# plinth global ignore=latest-tag\nFROM a\n# plinth ignore=untagged-image, floating-tag\nFROM b\n#plinth ignore=\n', 'D');
  assert.deepEqual(df.pragmas, [
    { line: 1, global: true, rules: ['latest-tag'] },
    { line: 3, global: false, rules: ['untagged-image', 'floating-tag'] },
    { line: 5, global: false, rules: [] },
  ]);
});

test('expandWordInfo reports unset and matched variables', () => {
  const env = new Map([['A', 'x']]);
  const r = expandWordInfo('${A}-$B-${C:-c}-${D}', (k) => env.get(k));
  assert.equal(r.value, 'x--c-');
  assert.deepEqual(r.unset, ['B', 'D']);
  assert.deepEqual(r.matched, ['A']);
});

test('expansion: pattern removal and replacement forms, backtick escape', async () => {
  const { expandWord, ExpandError } = await import('../../src/dockerfile/index.js');
  const env = new Map([['V', 'a/b/c.tar.gz']]);
  const x = (t: string) => expandWord(t, (k) => env.get(k));
  assert.equal(x('${V#*/}'), 'b/c.tar.gz');
  assert.equal(x('${V##*/}'), 'c.tar.gz');
  assert.equal(x('${V%.*}'), 'a/b/c.tar');
  assert.equal(x('${V%%.*}'), 'a/b/c');
  assert.equal(x('${V/a/x}'), 'x/b/c.tar.gz');
  assert.equal(x('${V//[ab]/x}'), 'x/x/c.txr.gz');
  assert.throws(() => x('${V:1}'), ExpandError);
  assert.equal(expandWord('a`$V `"b', (k) => env.get(k), '`'), 'a$V "b');
});

test('ONBUILD: trigger parsed as a nested instruction, heredoc body attached, unknown trigger kept', () => {
  const df = parseDockerfile('FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\nONBUILD FOO bar\n', 'D');
  const [, onbuild, unknown] = df.instructions as (import('../../src/dockerfile/index.js').OnbuildInstruction)[];
  assert.equal(onbuild!.trigger!.keyword, 'RUN');
  assert.deepEqual(onbuild!.heredocs.map((h) => h.content), ['echo hi\n']);
  assert.deepEqual([onbuild!.line, onbuild!.endLine], [2, 4]);
  assert.equal(unknown!.trigger!.keyword, 'FOO');
  assert.equal(JSON.parse(JSON.stringify(onbuild)).trigger.keyword, 'RUN');
});
