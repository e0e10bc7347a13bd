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
    [['recommend', '--frobnicate'], /recommend: unknown flag --frobnicate; see plinth recommend --help/],
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
    // Goal security leads to distroless on gcr.io, which this config does not trust: an untrusted-registry error.
    writeFileSync(join(dir, '.plinthrc.yaml'), 'goal: security\ntrustedRegistries: [docker.io]\n');
    const text = 'FROM node:22\nCOPY . .\nCMD ["node", "index.js"]\n';
    writeFileSync(join(dir, 'Dockerfile'), text);
    const io = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--fix', '--date', '2026-09-01'], io), 1);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
    assert.match(io.err, /^plinth: not fixed: the rewrite would add error untrusted-registry: .*gcr\.io/m);
    assert.match(io.err, /^plinth: Dockerfile left unchanged$/m);
    assert.doesNotMatch(io.out, /^fixed:/m);
    // With gcr.io trusted, the same rewrite adds no error and is written.
    writeFileSync(join(dir, '.plinthrc.yaml'), 'goal: security\ntrustedRegistries: [docker.io, gcr.io]\n');
    const ok = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--fix', '--date', '2026-09-01'], ok), 0, ok.err);
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /^FROM gcr\.io\/distroless\/nodejs22-debian\d+:nonroot\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a stage that runs apt-get or a shell keeps them: -slim, not -alpine or distroless; a JDK becomes the JRE of its own tag', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-rec-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{"name":"x","dependencies":{"express":"4.19.2"}}\n');
    const cases: [string, string, string][] = [
      ['FROM node:22\nRUN apt-get update && apt-get install -y curl\nCOPY . .\nCMD ["node", "index.js"]\n', 'node:22-slim', 'glibc-native'],
      ['FROM node:22\nCOPY . .\nCMD node index.js\n', 'node:22-alpine', 'interpreted'],
      ['FROM eclipse-temurin:21-jdk-jammy\nRUN apt-get update && apt-get install -y fontconfig\nCOPY app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n', 'eclipse-temurin:21-jre-jammy', 'jvm-fat-jar'],
    ];
    for (const [text, image, decision] of cases) {
      writeFileSync(join(dir, 'Dockerfile'), text);
      const io = captureIO({ cwd: dir });
      assert.equal(await main(['recommend', '--format', 'json', '--date', '2026-09-01'], io), 0, io.err);
      const final = (JSON.parse(io.out) as { stages: { recommended: string; decision: string; final: boolean }[] }).stages.find((s) => s.final)!;
      assert.deepEqual([final.recommended, final.decision], [image, decision], text);
    }
    // Goal security with a RUN in the final stage: distroless has no shell, so the image stays.
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22-slim\nRUN mkdir /data\nCOPY . .\nCMD ["node", "index.js"]\n');
    const io = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--format', 'json', '--goal', 'security', '--date', '2026-09-01'], io), 0, io.err);
    const final = (JSON.parse(io.out) as { stages: { recommended: string; risks: string[] }[] }).stages[0]!;
    assert.equal(final.recommended, 'docker.io/library/node:22-slim');
    assert.ok(final.risks.some((r) => /has no shell/.test(r)), final.risks.join(' | '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--check exits 1 when a FROM line would change and 0 when none would, writing nothing', async () => {
  const { FIXTURE_DATE } = await import('../helpers/dates.js');
  const dir = copyFixture('python-psycopg2');
  try {
    const before = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    const due = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--check', '--date', FIXTURE_DATE], due), 1, due.err);
    assert.match(due.out, /-> python:3\.12-slim/);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), before);
    const kept = captureIO({ cwd: join(fixtures, 'node-keep-slim') });
    assert.equal(await main(['recommend', '--check', '--format', 'json', '--date', FIXTURE_DATE], kept), 0, kept.err);
    const both = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--check', '--fix'], both), 2);
    assert.match(both.err, /--check and --fix cannot be combined/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a prebuilt binary copied from the build context: its ELF header decides scratch or a libc', async () => {
  const { FIXTURE_DATE } = await import('../helpers/dates.js');
  const { copyFileSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'plinth-prebuilt-'));
  try {
    copyFileSync('/bin/true', join(dir, 'app'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY ./app /app\nENTRYPOINT ["/app"]\n');
    const rec = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--format', 'json', '--date', FIXTURE_DATE], rec), 0, rec.err);
    const stage = JSON.parse(rec.out).stages[0];
    assert.equal(stage.decision, 'glibc-native');
    assert.match(stage.recommended, /^debian:[a-z]+-slim$/);
    assert.ok(stage.evidence.some((e: { line: number; fact: string }) => e.line === 2 && /copies app, a prebuilt ELF binary linked dynamically against glibc/.test(e.fact)));
    const lint = captureIO({ cwd: dir });
    assert.equal(await main(['lint', '--format', 'json', '--date', FIXTURE_DATE, 'Dockerfile'], lint), 1);
    const f = JSON.parse(lint.out).files[0].findings.find((x: { rule: string }) => x.rule === 'scratch-dynamic-binary');
    assert.equal(f.line, 2);
    assert.equal(f.suggestion, stage.recommended, 'lint and recommend agree');
    // A shell script of the same name is no binary: nothing is decided from it.
    writeFileSync(join(dir, 'app'), '#!/bin/sh\nexit 0\n');
    const script = captureIO({ cwd: dir });
    await main(['recommend', '--format', 'json', '--date', FIXTURE_DATE], script);
    assert.equal(JSON.parse(script.out).stages[0].decision, 'keep');
    // A symlink out of the build context is not followed: nothing outside it is read.
    rmSync(join(dir, 'app'));
    (await import('node:fs')).symlinkSync('/bin/true', join(dir, 'app'));
    const outside = captureIO({ cwd: dir });
    await main(['recommend', '--format', 'json', '--date', FIXTURE_DATE], outside);
    assert.equal(JSON.parse(outside.out).stages[0].decision, 'keep');
    // A FIFO in its place: opened without blocking, not a regular file, so nothing waits on it.
    rmSync(join(dir, 'app'));
    (await import('node:child_process')).spawnSync('mkfifo', [join(dir, 'app')]);
    const fifo = captureIO({ cwd: dir });
    await main(['recommend', '--format', 'json', '--date', FIXTURE_DATE], fifo);
    assert.equal(JSON.parse(fifo.out).stages[0].decision, 'keep');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a web server image serves what is copied in: the build stage\'s native modules do not bind it to glibc', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-rec-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22 AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm install && npm run build\n\nFROM nginx:1.30\nCOPY --from=build /app/dist /usr/share/nginx/html\n');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: { sharp: '0.33.0', vite: '5.0.0' } }));
    const io = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', 'Dockerfile', '--format', 'json', '--date', '2026-09-01'], io), 0, io.err);
    const final = (JSON.parse(io.out) as { stages: { final: boolean; recommended: string; decision: string; evidence: { fact: string }[]; risks: string[] }[] }).stages.find((s) => s.final)!;
    // (Before: sharp in the build stage's manifest kept nginx on Debian, as a Node.js app with native code.)
    assert.equal(final.recommended, 'nginx:1.30-alpine');
    assert.ok(final.evidence.some((e) => /nginx serves what the stages copy in/.test(e.fact)));
    assert.ok(!final.evidence.some((e) => /sharp/.test(e.fact)) && !final.risks.some((r) => /musl/.test(r)), JSON.stringify(final));
    // A stage on nginx that starts an interpreter of its own is not a plain server.
    writeFileSync(join(dir, 'Dockerfile'), 'FROM nginx:1.30\nCOPY app.js /app.js\nCMD ["node", "/app.js"]\n');
    const own = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', 'Dockerfile', '--format', 'json', '--date', '2026-09-01'], own), 0, own.err);
    assert.ok(!own.out.includes('nginx serves'), own.out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('text output: the root of a final FROM <stage> chain shows the reasons of its decision', async () => {
  const io = captureIO({ cwd: join(fixtures, 'voting-app-vote') });
  assert.equal(await main(['recommend', 'Dockerfile', '--date', '2026-09-01'], io), 0, io.err);
  const root = io.out.split('\n\n').find((b) => b.startsWith('stage 0 "base"'))!;
  // Kept: before, only the final stage's evidence was shown, and it defers to "base".
  assert.match(root, /^stage 0 "base": keep python:3\.11-slim/);
  assert.match(root, /\n {2}- Dockerfile:\d+: runs apt-get: the image must have apt/);
  assert.match(root, /\n {2}! python:3\.11-alpine would break the build/);
  // A stage that only feeds the chain keeps its one line.
  const dev = io.out.split('\n\n').find((b) => b.startsWith('stage 1 "dev"'))!;
  assert.equal(dev.split('\n').length, 1, dev);
});

test('an image past its end of life with no published successor is kept with a risk, not called right', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-rec-'));
  try {
    // .NET 10 publishes no Windows Server 2019 image (dotnet-docker's manifest, shipped as data).
    writeFileSync(join(dir, 'Dockerfile'), 'FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-1809\nCOPY out/ /app\nENTRYPOINT ["dotnet", "app.dll"]\n');
    const io = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--date', '2026-12-06'], io), 0, io.err);
    assert.match(io.out, /keep mcr\.microsoft\.com\/dotnet\/aspnet:8\.0-nanoserver-1809/);
    assert.match(io.out, /! \.NET 8\.0 reached end of life on 2026-11-10, and no supported release of mcr\.microsoft\.com\/dotnet\/aspnet with this variant is published: choose one by hand \(a Windows image must also match its host's Windows release\)\./);
    assert.match(io.out, /No FROM line to change; read the risks above\.\n$/);
    assert.doesNotMatch(io.out, /already the right one/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a Dockerfile that does not parse is named with its line; the others are still advised (exit 2)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-rec-'));
  try {
    for (const [sub, text] of [['a', 'FROM node:20\nFORM x\n'], ['b', 'FROM python:3.12\nCOPY . .\n']]) {
      cpSync(join(fixtures, 'python-psycopg2'), join(dir, sub), { recursive: true });
      writeFileSync(join(dir, sub, 'Dockerfile'), text);
    }
    const io = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '.'], io), 2);
    assert.equal(io.err, 'plinth: a/Dockerfile:2: unknown instruction: FORM\n');
    assert.match(io.out, /^b\/Dockerfile \(goal: size\)\n/);
    const json = captureIO({ cwd: dir });
    assert.equal(await main(['recommend', '--format', 'json', '.'], json), 2);
    assert.deepEqual((JSON.parse(json.out) as { file: string }[]).map((r) => r.file), ['b/Dockerfile']);
    // --check keeps exit 2 when a file could not be read, whatever the others would change.
    assert.equal(await main(['recommend', '--check', '.'], captureIO({ cwd: dir })), 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
