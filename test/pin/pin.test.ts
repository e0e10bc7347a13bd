import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAIN, MAIN_TAGS } from './fixtures.js';
import { missing, plinth, startMirror, tempDir, type Mirror } from './harness.js';
import { marked, pinned, source } from './template.js';

const skip = missing;
let mirror: Mirror;
let work: { dir: string; cleanup: () => Promise<void> };

before(async () => {
  if (skip) return;
  mirror = await startMirror();
  for (const t of MAIN_TAGS) await mirror.push(t);
  await mirror.push('python:3.12');
  work = await tempDir();
});

after(async () => {
  if (skip) return;
  await mirror.stop();
  await work.cleanup();
});

const flags = () => ['--registry-mirror', mirror.flag, '--no-cache'];

test('pin rewrites FROM, COPY --from, RUN --mount from= and ARG defaults, keeping everything else', { skip }, async () => {
  const path = join(work.dir, 'main', 'Dockerfile');
  await writeFileP(path, source(MAIN));
  const r = await plinth(['pin', path, ...flags()], work.dir);
  assert.equal(r.code, 0, r.err);
  const d = new Map<string, string>();
  for (const t of MAIN_TAGS) d.set(t, await mirror.digest(t));
  const expected = pinned(MAIN, (image) => d.get(image)!);
  assert.equal(await readFile(path, 'utf8'), expected);
  // The ARG-built tag is reported as left alone, with its line.
  assert.match(r.err, /Dockerfile:10: not pinned: golang:\$\{GO_VERSION\}: the tag is built from ARGs/);
  // Each marked image printed once with its line.
  assert.equal(r.out.trim().split('\n').length, new Set(marked(MAIN).map((m, i) => `${m}${i}`)).size);

  // Twice changes nothing: same bytes, same mtime, nothing to pin.
  const mtime = (await stat(path)).mtimeMs;
  const again = await plinth(['pin', path, ...flags()], work.dir);
  assert.equal(again.code, 0, again.err);
  assert.equal(await readFile(path, 'utf8'), expected);
  assert.equal((await stat(path)).mtimeMs, mtime);
  assert.match(again.err, /^0 pinned, 0 refreshed, 6 already pinned/m);
});

test('--check exits 1 listing unpinned images, 0 once pinned', { skip }, async () => {
  const path = join(work.dir, 'check', 'Dockerfile');
  await writeFileP(path, 'FROM python:3.12 AS a\nFROM «python:3.12»\n'.replace(/[«»]/g, ''));
  const r = await plinth(['pin', '--check', path, ...flags()], work.dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.out.trim().split('\n'), ['check/Dockerfile:1: unpinned: python:3.12', 'check/Dockerfile:2: unpinned: python:3.12']);
  assert.equal(await readFile(path, 'utf8'), 'FROM python:3.12 AS a\nFROM python:3.12\n');
  assert.equal((await plinth(['pin', path, ...flags()], work.dir)).code, 0);
  const ok = await plinth(['pin', '--check', path, ...flags()], work.dir);
  assert.equal(ok.code, 0, ok.out + ok.err);
  assert.equal(ok.out, '');
});

test('--refresh updates a digest after its tag moved; plain pin and --check leave or report it', { skip }, async () => {
  const path = join(work.dir, 'refresh', 'Dockerfile');
  await mirror.push('ruby:3.3');
  const old = await mirror.digest('ruby:3.3');
  await writeFileP(path, `FROM ruby:3.3@${old}\n`);
  await mirror.push('ruby:3.3', 'v2');
  const now = await mirror.digest('ruby:3.3');
  assert.notEqual(now, old);
  const plain = await plinth(['pin', path, ...flags()], work.dir);
  assert.equal(plain.code, 0);
  assert.equal(await readFile(path, 'utf8'), `FROM ruby:3.3@${old}\n`);
  const check = await plinth(['pin', '--check', path, ...flags()], work.dir);
  assert.equal(check.code, 1);
  assert.equal(check.out, `refresh/Dockerfile:1: stale: ruby:3.3@${old} (the tag now points to ${now})\n`);
  const refreshed = await plinth(['pin', '--refresh', path, ...flags()], work.dir);
  assert.equal(refreshed.code, 0, refreshed.err);
  assert.equal(await readFile(path, 'utf8'), `FROM ruby:3.3@${now}\n`);
});

test('--dry-run prints a unified diff that patch(1) applies, and writes nothing', { skip }, async () => {
  const path = join(work.dir, 'dry', 'Dockerfile');
  const text = 'FROM node:22 AS build\nRUN echo hi\nFROM alpine:3.20\n';
  await writeFileP(path, text);
  const r = await plinth(['pin', '--dry-run', path, ...flags()], work.dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(await readFile(path, 'utf8'), text);
  assert.match(r.out, /^--- a\/dry\/Dockerfile\n\+\+\+ b\/dry\/Dockerfile\n@@ -1,3 \+1,3 @@\n/);
  const copy = join(work.dir, 'dry', 'copy');
  await writeFile(copy, text);
  execFileSync('patch', ['-s', copy], { input: r.out });
  assert.equal(await readFile(copy, 'utf8'), `FROM node:22@${await mirror.digest('node:22')} AS build\nRUN echo hi\nFROM alpine:3.20@${await mirror.digest('alpine:3.20')}\n`);
});

test('an image that cannot be resolved: one line naming file:line, the others pinned, exit 2', { skip }, async () => {
  const path = join(work.dir, 'errors', 'Dockerfile');
  await writeFileP(path, 'FROM node:22\nFROM nosuchimage:1\nFROM 127.0.0.1:9/unreachable:1\nFROM alpine:3.20\n');
  const r = await plinth(['pin', path, ...flags()], work.dir);
  assert.equal(r.code, 2);
  const lines = r.err.trim().split('\n').filter((l) => l.startsWith('plinth: '));
  assert.equal(lines.length, 2, r.err);
  assert.match(lines[0]!, /^plinth: errors\/Dockerfile:2: nosuchimage:1: /);
  assert.match(lines[1]!, /^plinth: errors\/Dockerfile:3: 127\.0\.0\.1:9\/unreachable:1: /);
  assert.equal(await readFile(path, 'utf8'), `FROM node:22@${await mirror.digest('node:22')}\nFROM nosuchimage:1\nFROM 127.0.0.1:9/unreachable:1\nFROM alpine:3.20@${await mirror.digest('alpine:3.20')}\n`);
});

test('nothing reachable: the file stays byte for byte as it was', { skip }, async () => {
  const path = join(work.dir, 'down', 'Dockerfile');
  const text = 'FROM node:22\r\nFROM alpine:3.20\r\n';
  await writeFileP(path, text);
  const r = await plinth(['pin', path, '--registry-mirror', 'docker.io=http://127.0.0.1:9', '--no-cache'], work.dir);
  assert.equal(r.code, 2);
  assert.equal(await readFile(path, 'utf8'), text);
});

test('ARGs only in the name are resolved and pinned on the FROM line; a directory is searched', { skip }, async () => {
  const root = join(work.dir, 'tree');
  await writeFileP(join(root, 'Dockerfile'), 'ARG REG=docker.io\nFROM ${REG}/library/node:22\n');
  await writeFileP(join(root, 'svc', 'api.Dockerfile'), 'FROM node:22 AS base\nFROM base\n');
  await writeFileP(join(root, 'node_modules', 'x', 'Dockerfile'), 'FROM node:22\n');
  const r = await plinth(['pin', 'tree', '--build-arg', 'REG=docker.io', ...flags()], work.dir);
  assert.equal(r.code, 0, r.err);
  const node = await mirror.digest('node:22');
  assert.equal(await readFile(join(root, 'Dockerfile'), 'utf8'), `ARG REG=docker.io\nFROM \${REG}/library/node:22@${node}\n`);
  assert.equal(await readFile(join(root, 'svc', 'api.Dockerfile'), 'utf8'), `FROM node:22@${node} AS base\nFROM base\n`);
  assert.equal(await readFile(join(root, 'node_modules', 'x', 'Dockerfile'), 'utf8'), 'FROM node:22\n');
  assert.match(r.err, /^2 pinned, 0 refreshed, 0 already pinned, 0 skipped in 2 file\(s\)$/m);
});

async function writeFileP(path: string, text: string): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}
