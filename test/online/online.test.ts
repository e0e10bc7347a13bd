import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/index.js';
import { defaultConfig } from '../../src/config/types.js';
import { createRegistry } from '../../src/registry/index.js';
import { lintDockerfile } from '../../src/lint/index.js';
import { tagNotFound } from '../../src/rules/tag-not-found.js';
import { staleDigest } from '../../src/rules/stale-digest.js';
import { gatherForLint, imagesOf, withSuggestionSizes } from '../../src/lint/online.js';
import { buildModel } from '../../src/dockerfile/index.js';
import { formatBytes } from '../../src/util/bytes.js';
import type { Finding } from '../../src/rules/types.js';
import { pushImage, registryMissing, skopeoRawDigest, startRegistry, type TestRegistry } from '../helpers/registry.js';

const skip = registryMissing;
let reg: TestRegistry;
let dir: string;
let oldDigest: string;
let sizes: { full: number; slim: number };

before(async () => {
  if (skip) return;
  reg = await startRegistry();
  dir = await mkdtemp(join(tmpdir(), 'plinth-online-'));
  const first = await pushImage(reg, 'library/node:22', { seed: 'v1', platforms: ['linux/amd64', 'linux/arm64'], fillerBytes: 400_000 });
  oldDigest = first.digest;
  const full = await pushImage(reg, 'library/node:22', { seed: 'v2', platforms: ['linux/amd64', 'linux/arm64'], fillerBytes: 400_000 });
  const slim = await pushImage(reg, 'library/node:22-slim', { seed: 'slim', platforms: ['linux/amd64', 'linux/arm64'], fillerBytes: 100_000 });
  const amd = (p: typeof full) => p.platforms.find((x) => x.platform === 'linux/amd64')!.compressedBytes;
  sizes = { full: amd(full), slim: amd(slim) };
});

after(async () => {
  if (skip) return;
  await reg.stop();
  await rm(dir, { recursive: true, force: true });
});

async function lintOnline(text: string, mirror: string) {
  const path = join(dir, 'Dockerfile');
  await writeFile(path, text);
  const registry = createRegistry({ mirrors: { 'docker.io': [mirror] }, noCache: true, env: {} });
  const file = parseDockerfile(text, path);
  const online = await gatherForLint({ registry }, imagesOf(buildModel(file, {})));
  const out = lintDockerfile(file, { config: defaultConfig, date: '2026-01-01', online, rules: [tagNotFound, staleDigest] });
  return { online, findings: out.findings, stages: out.stages, registry };
}

test('tag-not-found for a tag the registry does not have; none for tags it has', { skip }, async () => {
  const { findings } = await lintOnline(`FROM ${reg.host}/library/node:99 AS a\nFROM ${reg.host}/library/node:22\nFROM node:22-slim\n`, reg.url);
  assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.line]), [['tag-not-found', 'error', 1]]);
  assert.match(findings[0]!.message, /node:99/);
});

test('stale-digest when the tag moved since pinning, with the refreshed reference as suggestion', { skip }, async () => {
  const now = await skopeoRawDigest(reg, 'library/node:22');
  assert.notEqual(now, oldDigest);
  const { findings } = await lintOnline(`FROM node:22@${oldDigest}\nFROM node:22@${now}\n`, reg.url);
  assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.line]), [['stale-digest', 'info', 1]]);
  assert.equal(findings[0]!.suggestion, `node:22@${now}`);
});

test('an unreachable registry: a warning and the offline answer (no online findings)', { skip }, async () => {
  const { online, findings } = await lintOnline('FROM node:22@sha256:' + 'a'.repeat(64) + '\nFROM node:404\n', 'http://127.0.0.1:9');
  assert.equal(findings.length, 0);
  assert.equal(online.warnings.length, 1);
  assert.match(online.warnings[0]!, /^registry docker\.io could not be queried/);
});

test('a suggested smaller image gets the real compressed saving for linux/amd64', { skip }, async () => {
  const { stages, registry } = await lintOnline('FROM node:22\n', reg.url);
  const finding: Finding = { rule: 'x', severity: 'info', line: 1, column: 1, stage: 0, message: 'use a slim variant', suggestion: 'node:22-slim' };
  const [annotated] = await withSuggestionSizes([finding], stages, { registry, platform: 'linux/amd64' });
  assert.ok(sizes.full > sizes.slim);
  assert.equal(annotated!.message, `use a slim variant (node:22 -> node:22-slim saves ${formatBytes(sizes.full - sizes.slim)} compressed)`);
});
