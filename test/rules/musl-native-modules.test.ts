import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/index.js';
import { buildModel } from '../../src/dockerfile/model.js';
import { lintDockerfile } from '../../src/lint/index.js';
import { readContext } from '../../src/context/read.js';
import { defaultConfig } from '../../src/config/types.js';

// A build context whose Python project needs a native module (mysqlclient, no musllinux wheel).
const dir = join(process.cwd(), 'test', 'fixtures', 'projects', 'python-alpine-mysqlclient');

/** musl-native-modules findings, and how many times the rule read the build context. */
function musl(source: string): { findings: string[]; reads: number } {
  const file = parseDockerfile(source, 'Dockerfile');
  const model = buildModel(file);
  let reads = 0;
  const projectOf = () => {
    reads++;
    return readContext(dir, file, model, undefined, 'Dockerfile');
  };
  const { findings } = lintDockerfile(file, { config: defaultConfig, date: '2026-11-23', model, projectOf });
  return { findings: findings.filter((f) => f.rule === 'musl-native-modules').map((f) => `${f.line}: ${f.message}`), reads };
}

test('an Alpine stage whose family runs Python reports the native module, from the build context', () => {
  const r = musl('FROM python:3.13-alpine\nCOPY . .\nCMD ["python", "-m", "app"]\n');
  assert.equal(r.findings.length, 1);
  assert.match(r.findings[0]!, /^1: .*mysqlclient 2\.2\.4 \(pyproject\.toml:8\)/);
  assert.equal(r.reads, 1);
});

test('a plain Alpine stage that installs Python packages itself is judged the same way', () => {
  const r = musl('FROM alpine:3.21\nRUN apk add --no-cache python3 py3-pip && pip install --break-system-packages .\nCMD ["python3", "-m", "app"]\n');
  assert.equal(r.findings.length, 1);
  assert.match(r.findings[0]!, /mysqlclient/);
});

test('a plain Alpine stage that runs no language code is not judged, whatever the build context holds', () => {
  const r = musl('FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM alpine:3.21\nCOPY --from=build /app /app\nCMD ["/app"]\n');
  assert.deepEqual(r.findings, []);
});

test('packages installed on musl in another stage and copied in are built for musl: nothing to report', () => {
  const musl3 = musl('FROM python:3.13-alpine AS build\nRUN apk add --no-cache build-base mariadb-dev && pip install --prefix=/install .\nFROM python:3.13-alpine\nCOPY --from=build /install /usr/local\nCMD ["python", "-m", "app"]\n');
  assert.deepEqual(musl3.findings, []);
  // The same copy from a glibc builder: built for glibc, named as such.
  const glibc = musl('FROM python:3.13 AS build\nRUN pip install --prefix=/install .\nFROM python:3.13-alpine\nCOPY --from=build /install /usr/local\nCMD ["python", "-m", "app"]\n');
  assert.equal(glibc.findings.length, 1);
  assert.match(glibc.findings[0]!, /^3: .*mysqlclient .* built for glibc in stage build/);
});
