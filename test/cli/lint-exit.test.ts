// Exit codes and severities end to end, through the registered rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'plinth-exit-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

async function lint(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const io = captureIO({ cwd, env });
  const code = await main(['lint', ...args], io);
  return { code, out: io.out, err: io.err };
}

// latest-tag (warning) and nothing at error level.
const LATEST = 'FROM alpine:latest\nCMD ["true"]\n';

test('exit 1 when a finding reaches --fail-on (default warning), 0 below it', async () => {
  const root = tree({ Dockerfile: LATEST });
  const r = await lint([], root);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /^Dockerfile:1:\d+ warning latest-tag /m);
  assert.equal((await lint(['--fail-on', 'error'], root)).code, 0);
  assert.equal((await lint(['--fail-on', 'none'], root)).code, 0);
  assert.equal((await lint(['--fail-on', 'info'], root)).code, 1);
});

test('the config sets failOn and severities per directory; --fail-on overrides failOn', async () => {
  const root = tree({
    'lenient/Dockerfile': LATEST,
    'lenient/.plinthrc.yaml': 'failOn: error\n',
    'strict/Dockerfile': LATEST,
    'strict/.plinthrc.json': '{"rules": {"latest-tag": "error"}, "failOn": "error"}',
    'quiet/Dockerfile': LATEST,
    'quiet/.plinthrc.yml': 'rules:\n  latest-tag: off\n',
  });
  assert.equal((await lint(['lenient'], root)).code, 0);
  assert.equal((await lint(['lenient', '--fail-on', 'warning'], root)).code, 1);
  const strict = await lint(['--format', 'json', 'strict'], root);
  assert.equal(strict.code, 1);
  const f = JSON.parse(strict.out).files[0].findings.find((x: { rule: string }) => x.rule === 'latest-tag');
  assert.equal(f.severity, 'error');
  const quiet = await lint(['--format', 'json', 'quiet'], root);
  assert.ok(!JSON.parse(quiet.out).files[0].findings.some((x: { rule: string }) => x.rule === 'latest-tag'));
});

test('text output is coloured only with FORCE_COLOR or a TTY without NO_COLOR', async () => {
  const root = tree({ Dockerfile: LATEST });
  assert.doesNotMatch((await lint([], root)).out, /\u001b\[/);
  assert.match((await lint([], root, { FORCE_COLOR: '1' })).out, /\u001b\[33mwarning/);
  assert.doesNotMatch((await lint(['--no-color'], root, { FORCE_COLOR: '1' })).out, /\u001b\[/);
  const tty = captureIO({ cwd: root, isTTY: true, env: {} });
  await main(['lint'], tty);
  assert.match(tty.out, /\u001b\[/);
  const ttyNo = captureIO({ cwd: root, isTTY: true, env: { NO_COLOR: '1' } });
  await main(['lint'], ttyNo);
  assert.doesNotMatch(ttyNo.out, /\u001b\[/);
});

test('--date moves end-of-life findings', async () => {
  const root = tree({ Dockerfile: 'FROM node:16.20.2-bookworm-slim\nCMD ["node"]\n' });
  const before = JSON.parse((await lint(['--format', 'json', '--date', '2022-01-01'], root)).out);
  const after = JSON.parse((await lint(['--format', 'json', '--date', '2025-01-01'], root)).out);
  const eol = (j: { files: { findings: { rule: string }[] }[] }) => j.files[0]!.findings.filter((x) => x.rule === 'eol-base-image').length;
  assert.equal(eol(before), 0);
  assert.equal(eol(after), 1);
});

test('config pinning and trustedRegistries reach the rules', async () => {
  const FLOATING = 'FROM alpine:3.20\nCMD ["true"]\n';
  const root = tree({
    'loose/Dockerfile': FLOATING,
    'pinned/Dockerfile': FLOATING,
    'pinned/.plinthrc.yaml': 'pinning: version\n',
    'trusted/Dockerfile': 'FROM ghcr.io/acme/base:1.2.3\nFROM docker.io/library/alpine:3.20.3\n',
    'trusted/.plinthrc.json': '{ "trustedRegistries": ["ghcr.io/acme/*"] }',
  });
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  const sev = async (dir: string, rule: string) => {
    const j = JSON.parse((await lint(['--format', 'json', '--date', '2026-01-01', dir], root)).out) as { files: { findings: { rule: string; severity: string; line: number }[] }[] };
    return j.files[0]!.findings.filter((x) => x.rule === rule).map((x) => `${x.line}:${x.severity}`);
  };
  // Pinning is off by default: a floating tag is fine until the config asks for versions.
  assert.deepEqual(await sev('loose', 'floating-tag'), []);
  assert.equal((await lint(['--date', '2026-01-01', 'loose'], root)).code, 0);
  assert.deepEqual(await sev('pinned', 'floating-tag'), ['1:warning']);
  assert.equal((await lint(['--date', '2026-01-01', 'pinned'], root)).code, 1);
  assert.deepEqual(await sev('trusted', 'untrusted-registry'), ['2:error']);
});

test('an invalid image reference makes the file an error (exit 2) naming its FROM line, and the other files are still reported', async () => {
  const root = tree({
    'bad/Dockerfile': 'FROM node:22-alpine AS build\nRUN apt-get install -y gcc\nFROM Cgr.dev/ORG/app:latest\nCMD ["app"]\n',
    'good/Dockerfile': LATEST,
  });
  const r = await lint(['--format', 'json'], root);
  assert.equal(r.code, 2);
  const files = JSON.parse(r.out).files as { path: string; error: { line: number; message: string } | null; findings: unknown[] }[];
  const bad = files.find((f) => f.path.startsWith('bad'))!;
  assert.equal(bad.error!.line, 3);
  assert.match(bad.error!.message, /^invalid reference "Cgr\.dev\/ORG\/app:latest"/);
  assert.deepEqual(bad.findings, []);
  assert.ok(files.find((f) => f.path.startsWith('good'))!.findings.length > 0);
  assert.match(r.err, /bad\/Dockerfile:3: invalid reference/);
});
