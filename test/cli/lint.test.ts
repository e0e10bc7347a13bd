import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'plinth-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

async function lint(args: string[], cwd: string, extra: Parameters<typeof captureIO>[0] = {}) {
  const io = captureIO({ cwd, ...extra });
  const code = await main(['lint', ...args], io);
  return { code, out: io.out, err: io.err };
}

const CLEAN = 'FROM golang:1.22.5-alpine3.20@sha256:' + 'a'.repeat(64) + ' AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /app /app\n';

test('usage errors exit 2 with one line', async () => {
  const root = tree({ Dockerfile: 'FROM scratch\n' });
  for (const args of [['--format', 'xml'], ['--fail-on', 'fatal'], ['--date', '2024-02-30'], ['--date', 'yesterday'], ['--bogus'], ['--date'], ['-', '-']]) {
    const r = await lint(args, root);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /^plinth: /);
  }
  assert.equal((await lint(['--help'], root)).code, 0);
});

test('a file that cannot be read or parsed is one stderr line; the others are still reported; exit 2', async () => {
  const root = tree({
    'ok/Dockerfile': CLEAN,
    'bad/Dockerfile': 'FROM scratch\nFORM oops\n',
    'ref/Dockerfile': 'FROM Node:20\n',
    'noperm/Dockerfile': 'FROM scratch\n',
  });
  chmodSync(join(root, 'noperm/Dockerfile'), 0o000);
  const r = await lint(['--format', 'json', 'ok', 'bad/Dockerfile', 'missing/Dockerfile', 'ref/Dockerfile'], root);
  assert.equal(r.code, 2);
  const lines = r.err.trim().split('\n');
  assert.deepEqual(lines.map((l) => l.split(':')[0]), ['bad/Dockerfile', 'missing/Dockerfile', 'ref/Dockerfile']);
  assert.match(lines[0]!, /^bad\/Dockerfile:2: .*FORM/);
  assert.equal(lines[1], 'missing/Dockerfile: no such file');
  assert.match(lines[2]!, /^ref\/Dockerfile:1: .*Node:20/);
  const json = JSON.parse(r.out);
  assert.deepEqual(json.files.map((f: { path: string }) => f.path), ['ok/Dockerfile', 'bad/Dockerfile', 'missing/Dockerfile', 'ref/Dockerfile']);
  assert.equal(json.files[0].error, null);
  assert.deepEqual(json.files[0].stages.map((s: { image: string }) => s.image), ['docker.io/library/golang:1.22.5-alpine3.20@sha256:' + 'a'.repeat(64), 'scratch']);
  assert.deepEqual(json.files[1].error, { line: 2, message: json.files[1].error.message });
  if (process.getuid?.() !== 0) {
    const unreadable = await lint(['noperm/Dockerfile'], root);
    assert.equal(unreadable.code, 2);
    assert.match(unreadable.err, /^noperm\/Dockerfile: cannot read/);
  }
});

test('stdin is read for -, shown as <stdin>', async () => {
  const root = tree({});
  const r = await lint(['--format', 'json', '-'], root, { readStdin: async () => 'ARG TAG=3.20\nFROM alpine:${TAG} AS base\nFROM base\n' });
  const json = JSON.parse(r.out);
  assert.equal(json.files[0].path, '<stdin>');
  assert.deepEqual(json.files[0].stages.map((s: { image: string | null; fromStage: number | null; name: string | null }) => [s.name, s.image, s.fromStage]), [
    ['base', 'docker.io/library/alpine:3.20', null],
    [null, null, 0],
  ]);
  const bad = await lint(['-'], root, { readStdin: async () => 'FROM scratch\nFORM x\n' });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^<stdin>:2: /);
});

test('--build-arg and --target shape the stages', async () => {
  const root = tree({ Dockerfile: 'ARG BASE=node\nARG V\nFROM ${BASE}:${V:-20} AS build\nFROM scratch AS run\nFROM build AS debug\n' });
  const r = await lint(['--format', 'json', '--build-arg', 'V=22.1.0', '--target', 'run'], root);
  const stages = JSON.parse(r.out).files[0].stages as { image: string; final: boolean }[];
  assert.equal(stages[0]!.image, 'docker.io/library/node:22.1.0');
  assert.deepEqual(stages.map((s) => s.final), [false, true, false]);
});

test('a directory is searched; an explicitly named file is linted whatever its name', async () => {
  const root = tree({
    'a/Dockerfile': CLEAN,
    'a/.gitignore': 'ignored.Dockerfile\n',
    'a/ignored.Dockerfile': 'FORM broken\n',
    'b/build.txt': CLEAN,
  });
  const r = await lint(['--format', 'json', 'a', 'b/build.txt'], root);
  assert.equal(r.err, '');
  assert.deepEqual(JSON.parse(r.out).files.map((f: { path: string }) => f.path), ['a/Dockerfile', 'b/build.txt']);
});

test('a broken config stops the run with file:line and exit 2', async () => {
  const root = tree({ 'Dockerfile': CLEAN, '.plinthrc.yaml': 'failOn: warning\npinning: sometimes\n' });
  const r = await lint([], root);
  assert.equal(r.code, 2);
  assert.match(r.err, /\.plinthrc\.yaml:2: 'pinning' must be none, version, digest/);
  const explicit = await lint(['--config', 'nope.json'], root);
  assert.equal(explicit.code, 2);
  assert.match(explicit.err, /nope\.json: no such config file/);
});

test('a directory with no Dockerfile exits 0 with a warning', async () => {
  const root = tree({ 'src/app.js': '' });
  const r = await lint(['src'], root);
  assert.equal(r.code, 0);
  assert.equal(r.err, 'plinth: warning: no Dockerfile found in src\n');
  assert.match(r.out, /^0 files linted/);
});

test('PLINTH_DOCS_URL links each finding to its rule page; a URL that could break a link is refused', async () => {
  const dir = tree({ Dockerfile: 'FROM node\n' });
  const env = { PLINTH_DOCS_URL: 'https://example.org/plinth/docs' };
  const r = await lint(['--format', 'markdown'], dir, { env });
  assert.match(r.out, /\[untagged-image\]\(https:\/\/example\.org\/plinth\/docs\/rules\/untagged-image\.md\)/);
  // The flag wins over the environment.
  const flag = await lint(['--docs-url', 'https://docs.example.com/'], dir, { env });
  assert.match(flag.out, /\n {2}docs: https:\/\/docs\.example\.com\/rules\/untagged-image\.md\n/);
  // On a colour terminal the rule id is the link (OSC 8) and no docs line follows.
  const tty = await lint([], dir, { env, isTTY: true });
  assert.match(tty.out, /\u001b\]8;;https:\/\/example\.org\/plinth\/docs\/rules\/untagged-image\.md\u001b\\/);
  assert.doesNotMatch(tty.out, /docs:/);
  for (const bad of ['http://example.org/docs', 'https://example.org/a b', 'https://example.org/x)(y', 'https://example.org/\u001b]8;;']) {
    const refused = await lint([], dir, { env: { PLINTH_DOCS_URL: bad } });
    assert.equal(refused.code, 2, bad);
    assert.match(refused.err, /PLINTH_DOCS_URL must be an https:\/\/ URL/);
    assert.doesNotMatch(refused.err, /\u001b/);
  }
});

test('on a terminal, lint wraps long findings to its width; through a pipe a finding stays one line', async () => {
  const dir = tree({ Dockerfile: 'FROM node\n' });
  const tty = await lint(['--no-color'], dir, { isTTY: true, columns: 50 });
  const lines = tty.out.split('\n');
  assert.ok(lines.some((l) => l.startsWith('    ')), tty.out);
  for (const l of lines) if (!/^(by rule|\d+ files? linted)/.test(l)) assert.ok(l.length <= 50 || !l.includes(' ', 4), l);
  const piped = await lint([], dir, { columns: 50 });
  assert.match(piped.out, /^Dockerfile:1:6 warning untagged-image .{60,}$/m);
});
