import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildModel, parseDockerfile } from '../../src/dockerfile/index.js';
import { applyEdits, replaceArgDefault, replaceSourceImage, replaceStageImage, writeFixed, FixError } from '../../src/fix/edits.js';

const SOURCE = [
  '# escape=\\',
  "ARG BASE='node:22'",
  'ARG OTHER=x BASE2="python:3.12"',
  'from --platform=$BUILDPLATFORM golang:1.22 as Build  ',
  'COPY --from="alpine:3.20" --chown=1:1 /a /b',
  'RUN --mount=type=bind,"from=busybox:1.36",target=/m \\',
  '    true',
  'FROM $BASE',
  '',
].join('\r\n');

test('each replacement touches only the image text (quotes, flags, AS, case, CRLF kept)', () => {
  const file = parseDockerfile(SOURCE, 'Dockerfile');
  const model = buildModel(file);
  const edits = [
    replaceStageImage(file, model.stages[0]!, 'golang:1.23'),
    replaceSourceImage(file, model.stages[0]!.sources.find((s) => s.kind === 'copy')!, 'alpine:3.21'),
    replaceSourceImage(file, model.stages[0]!.sources.find((s) => s.kind === 'mount')!, 'busybox:1.37'),
    replaceArgDefault(file, model.globalArgs.find((a) => a.name === 'BASE')!, 'node:24'),
    replaceArgDefault(file, model.globalArgs.find((a) => a.name === 'BASE2')!, 'python:3.13'),
  ];
  const expected = SOURCE
    .replace('golang:1.22', 'golang:1.23')
    .replace('"alpine:3.20"', '"alpine:3.21"')
    .replace('from=busybox:1.36', 'from=busybox:1.37')
    .replace("'node:22'", "'node:24'")
    .replace('"python:3.12"', '"python:3.13"');
  assert.equal(applyEdits(file.source, edits), expected);
});

test('an image split by a line continuation is refused with file and line, not half-rewritten', () => {
  const text = 'FROM node\\\n:22\n';
  const file = parseDockerfile(text, 'Dockerfile');
  const model = buildModel(file);
  const stage = model.stages[0]!;
  assert.throws(() => replaceStageImage(file, stage, 'node:24'), (e: unknown) => e instanceof FixError && e.line === 1 && e.path === 'Dockerfile');
});

test('writeFixed writes atomically, keeps a byte order mark, and reports no change as null', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'plinth-fix-'));
  try {
    const path = join(dir, 'Dockerfile');
    const raw = '\uFEFFFROM node:22\n';
    await writeFile(path, raw);
    const file = parseDockerfile(raw, path);
    const model = buildModel(file);
    const edit = replaceStageImage(file, model.stages[0]!, 'node:24');
    assert.equal(await writeFixed(path, file.source, [], { bom: file.bom }), null);
    await writeFixed(path, file.source, [edit], { bom: file.bom });
    assert.equal(await readFile(path, 'utf8'), '\uFEFFFROM node:24\n');
    assert.deepEqual(await readdir(dir), ['Dockerfile']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
