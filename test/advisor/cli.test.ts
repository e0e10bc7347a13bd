import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'projects');

function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-rec-'));
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

test('usage errors are one line and exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['recommend', 'Dockerfile', '--goal', 'speed'], /--goal must be size, security or compatibility/],
    [['recommend', 'Dockerfile', '--format', 'sarif'], /--format must be text or json/],
    [['recommend', 'nope/Dockerfile'], /nope\/Dockerfile: no such file/],
    [['recommend', 'Dockerfile', '--context', 'missing-dir'], /--context missing-dir: no such directory/],
    [['recommend', '--frobnicate'], /recommend: Unknown option '--frobnicate'/],
  ];
  for (const [argv, re] of cases) {
    const io = captureIO({ cwd: join(fixtures, 'python-psycopg2') });
    assert.equal(await main(argv, io), 2, argv.join(' '));
    assert.match(io.err, re);
    assert.equal(io.err.trim().split('\n').length, 1);
  }
});

test('--help describes the options', async () => {
  const io = captureIO();
  assert.equal(await main(['recommend', '--help'], io), 0);
  for (const flag of ['--context', '--goal', '--online', '--format', '--fix', '--build-arg', '--target']) assert.ok(io.out.includes(flag), flag);
});

test('text output: the change, the saving, the evidence with file:line, the risk', async () => {
  const io = captureIO({ cwd: join(fixtures, 'python-psycopg2') });
  assert.equal(await main(['recommend'], io), 0, io.err);
  assert.match(io.out, /stage 0 \(final\): python:3\.12 -> python:3\.12-slim {2}\[glibc-native\]/);
  assert.match(io.out, /Saves \d+(\.\d)? MB per pull \(\d+(\.\d)? MB -> \d+(\.\d)? MB compressed\)\./);
  assert.match(io.out, /requirements\.txt:3: psycopg2 2\.9\.9 is a C extension: source-only: compiles against libpq/);
  assert.match(io.out, /1 FROM line to change/);
});

test('--context reads another directory than the Dockerfile\'s', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-rec-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.12\nCMD ["python", "app.py"]\n');
    const io = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--format', 'json', '--context', join(fixtures, 'python-psycopg2-binary')], io), 0, io.err);
    const final = JSON.parse(io.out).stages[0];
    assert.equal(final.recommended, 'python:3.12-alpine');
    assert.ok(final.evidence.some((e: { file: string }) => e.file === 'requirements.txt'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix rewrites only the image word of the final FROM and keeps the rest byte for byte', async () => {
  const dir = copyFixture('java-spring-openjdk');
  try {
    const path = join(dir, 'Dockerfile');
    const before = readFileSync(path, 'utf8');
    const io = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--fix'], io), 0, io.err);
    const after = readFileSync(path, 'utf8');
    assert.equal(after, before.replace('FROM openjdk:17-jdk', 'FROM eclipse-temurin:17-jre-alpine'));
    assert.match(io.out, /fixed: .*Dockerfile:8: openjdk:17-jdk -> eclipse-temurin:17-jre-alpine/);
    // A second run has nothing left to change.
    const again = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--fix'], again), 0);
    assert.match(again.out, /Every base image is already the right one/);
    assert.equal(readFileSync(path, 'utf8'), after);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix keeps AS, --platform, comments and an ARG tag', async () => {
  const dir = copyFixture('python-psycopg2');
  try {
    const path = join(dir, 'Dockerfile');
    writeFileSync(path, 'ARG PY=3.12\n# runtime\nFROM --platform=$TARGETPLATFORM python:${PY} AS app\nCOPY . .\nCMD ["gunicorn", "app:app"]\n');
    const io = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--fix'], io), 0, io.err);
    assert.equal(readFileSync(path, 'utf8'), 'ARG PY=3.12\n# runtime\nFROM --platform=$TARGETPLATFORM python:${PY}-slim AS app\nCOPY . .\nCMD ["gunicorn", "app:app"]\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix lints the rewrite in memory and writes nothing when it would add an error (exit 1, saying which)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-rec-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{"name":"x","dependencies":{"express":"4.19.2"}}\n');
    // apt-get binds the stage to Debian: moving it to Alpine would break the build.
    const text = 'FROM node:22\nRUN apt-get update && apt-get install -y curl\nCOPY . .\nCMD ["node", "index.js"]\n';
    writeFileSync(join(dir, 'Dockerfile'), text);
    const io = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--fix', '--date', '2026-09-01'], io), 1);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
    assert.match(io.err, /^plinth: not fixed: the rewrite would add error package-manager-mismatch: `apt-get` will fail: .*node:22-alpine/m);
    assert.match(io.err, /^plinth: Dockerfile left unchanged$/m);
    assert.doesNotMatch(io.out, /^fixed:/m);
    // Without the apt-get, the same rewrite adds no error and is written.
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22\nCOPY . .\nCMD ["node", "index.js"]\n');
    const ok = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--fix', '--date', '2026-09-01'], ok), 0, ok.err);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM node:22-alpine\nCOPY . .\nCMD ["node", "index.js"]\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
