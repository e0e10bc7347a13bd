import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, DockerfileError, parseDockerfile } from '../../src/dockerfile/index.js';
import type { ModelOptions } from '../../src/dockerfile/index.js';

const model = (src: string, opts?: ModelOptions) => buildModel(parseDockerfile(src, 'Dockerfile'), opts);

test('global ARGs: quoted, empty, several per line, expanded in FROM', () => {
  const m = model('ARG A="node" B= C=\'22\'\nARG D=${A}:${C}-slim\nFROM $D\nFROM ${A}${B}:${C}\n');
  assert.deepEqual(m.globalArgs.map((a) => [a.name, a.defaultValue]), [['A', 'node'], ['B', ''], ['C', '22'], ['D', 'node:22-slim']]);
  assert.equal(m.stages[0]!.image, 'node:22-slim');
  assert.equal(m.stages[1]!.image, 'node:22');
  assert.equal(m.stages[0]!.rawImage, '$D');
});

test('an ARG inside a stage does not change later FROM lines', () => {
  const m = model('ARG V=3.19\nFROM alpine:$V AS a\nARG V=3.20\nFROM alpine:$V\n');
  assert.equal(m.stages[0]!.image, 'alpine:3.19');
  assert.equal(m.stages[1]!.image, 'alpine:3.19');
});

test('build args override declared global ARGs only', () => {
  const src = 'ARG TAG=22\nFROM node:${TAG}\nFROM python:$PY\n';
  const m = model(src, { buildArgs: { TAG: '20-alpine', PY: '3.12' } });
  assert.equal(m.stages[0]!.image, 'node:20-alpine');
  assert.equal(m.stages[1]!.image, null);
  assert.deepEqual(m.stages[1]!.unresolvedArgs, ['PY']);
});

test('ARG with no value makes the image unresolved; defaults in ${V:-d} resolve', () => {
  const m = model('ARG BASE\nARG TAG\nFROM $BASE\nFROM node:${TAG:-22}\nFROM ${BASE:+x}\n');
  assert.equal(m.stages[0]!.image, null);
  assert.deepEqual(m.stages[0]!.unresolvedArgs, ['BASE']);
  assert.equal(m.stages[1]!.image, 'node:22');
  assert.equal(m.stages[2]!.image, null, 'expands to nothing');
});

test('predefined platform ARGs are usable in FROM and --platform', () => {
  const m = model('FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM --platform=linux/arm64 app-$TARGETARCH:${TARGETOS}\n', { platform: 'linux/arm64/v8' });
  assert.equal(m.stages[0]!.platformRaw, '$BUILDPLATFORM');
  assert.equal(m.stages[0]!.platform, 'linux/arm64/v8');
  assert.equal(m.stages[1]!.image, 'app-arm64:linux');
  const d = model('FROM img:$TARGETPLATFORM-$TARGETVARIANT\n');
  assert.equal(d.stages[0]!.image, 'img:linux/amd64-');
  assert.equal(d.stages[0]!.platform, null);
});

test('stage aliases are case-insensitive; FROM <stage> links to it; scratch', () => {
  const m = model('FROM golang:1.22 AS Build\nFROM build AS test\nFROM BUILD\nFROM scratch\n');
  assert.equal(m.stages[0]!.name, 'build');
  assert.equal(m.stages[1]!.fromStage, 0);
  assert.equal(m.stages[2]!.fromStage, 0);
  assert.equal(m.stages[2]!.name, null);
  assert.equal(m.stages[3]!.scratch, true);
  assert.equal(m.stages[0]!.fromStage, null);
  assert.equal(m.finalStage, 3);
  assert.deepEqual(m.stages.map((s) => s.final), [false, false, false, true]);
});

test('COPY --from by name, index and image; RUN --mount from=', () => {
  const src = [
    'FROM golang:1.22 AS build',
    'RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=tools,source=/x,target=/y true',
    'FROM alpine AS tools',
    'ARG REG=ghcr.io',
    'COPY --from=0 /a /a',
    'COPY --from=BUILD /b /b',
    'ADD --from=nginx:1.27 /etc/nginx /n',
    'COPY --from=$REG/o/r:1 /c /c',
    'RUN --mount=type=bind,"from=busybox:1.36",target=/bb ls',
  ].join('\n');
  const m = model(src);
  assert.deepEqual(m.stages[0]!.sources.map((s) => [s.kind, s.text, s.stage, s.image]), [['mount', 'tools', 1, null]]);
  assert.deepEqual(m.stages[1]!.sources.map((s) => [s.kind, s.text, s.stage, s.image]), [
    ['copy', '0', 0, null],
    ['copy', 'BUILD', 0, null],
    ['copy', 'nginx:1.27', null, 'nginx:1.27'],
    ['copy', 'ghcr.io/o/r:1', null, 'ghcr.io/o/r:1'],
    ['mount', 'busybox:1.36', null, 'busybox:1.36'],
  ]);
  assert.equal(m.stages[1]!.instructions.length, 6);
});

test('a COPY --from naming an unset ARG has neither stage nor image', () => {
  const m = model('FROM a AS one\nFROM b\nARG SRC\nARG REG\nCOPY --from=$SRC / /\nCOPY --from=${REG}/x:1 / /\n', { buildArgs: {} });
  assert.deepEqual(m.stages[1]!.sources.map((s) => [s.text, s.stage, s.image]), [['', null, null], ['/x:1', null, null]]);
  const g = model('ARG SRC=one\nFROM a AS one\nFROM b\nARG SRC\nCOPY --from=$SRC / /\n');
  assert.equal(g.stages[1]!.sources[0]!.stage, 0, 'a stage ARG without default takes the global value');
});

test('COPY --from with an index past the stages is an error naming the line', () => {
  assert.throws(() => model('FROM a\nFROM b\nCOPY --from=7 / /\n'), (e: unknown) => e instanceof DockerfileError && e.line === 3 && /invalid stage index 7/.test(e.message));
});

test('--target picks the final stage; unknown target is a clear error', () => {
  const src = 'FROM node:22 AS build\nFROM node:22-slim AS run\n';
  const m = model(src, { target: 'BUILD' });
  assert.equal(m.finalStage, 0);
  assert.deepEqual(m.stages.map((s) => s.final), [true, false]);
  assert.throws(() => model(src, { target: 'nope' }), (e: unknown) => e instanceof DockerfileError && /target stage "nope" could not be found/.test(e.message));
});

test('instruction-level errors: stage name, FROM arity, instruction before FROM', () => {
  const bad = (src: string, re: RegExp, line: number) =>
    assert.throws(() => model(src), (e: unknown) => e instanceof DockerfileError && e.line === line && re.test(e.message));
  bad('FROM a AS 1x\n', /invalid name for build stage/, 1);
  bad('FROM a b\n', /one or three arguments/, 1);
  bad('ARG X=1\nRUN true\nFROM a\n', /no build stage/, 2);
  bad('ARG X=1\n\nFROM a:${X\n', /missing '}'/, 3);
  bad('FROM a AS x\nFROM b AS X\n', /duplicate stage name/, 2);
});

test('a file with only ARGs has no final stage', () => {
  const m = model('ARG A=1\n');
  assert.equal(m.finalStage, -1);
  assert.equal(m.stages.length, 0);
});
