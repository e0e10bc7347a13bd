import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { formatBytes } from '../../src/util/bytes.js';
import { captureIO } from '../helpers/io.js';
import { pushImage, registryMissing, startRegistry, type PushedImage, type TestRegistry } from '../helpers/registry.js';

const skip = registryMissing;
let reg: TestRegistry;
let dir: string;
let old: PushedImage;
let full: PushedImage;
let slim: PushedImage;

before(async () => {
  if (skip) return;
  reg = await startRegistry();
  dir = await mkdtemp(join(tmpdir(), 'plinth-lint-online-'));
  const platforms = ['linux/amd64', 'linux/arm64'];
  old = await pushImage(reg, 'library/node:22', { seed: 'old', platforms, fillerBytes: 300_000 });
  full = await pushImage(reg, 'library/node:22', { seed: 'new', platforms, fillerBytes: 300_000 });
  slim = await pushImage(reg, 'library/node:22-slim', { seed: 'slim', platforms, fillerBytes: 50_000 });
  await writeFile(join(dir, 'Dockerfile'), `FROM ${reg.host}/library/node:99 AS missing\nFROM node:22@${old.digest} AS pinned\nFROM node:22\nCMD ["node", "app.js"]\n`);
});

after(async () => {
  if (skip) return;
  await reg.stop();
  await rm(dir, { recursive: true, force: true });
});

const amd64 = (p: PushedImage) => p.platforms.find((x) => x.platform === 'linux/amd64')!.compressedBytes;

test('lint --online: tag-not-found, stale-digest and real sizes in the suggestion', { skip }, async () => {
  const io = captureIO({ cwd: dir });
  const code = await main(['lint', '--online', '--no-cache', '--registry-mirror', `docker.io=${reg.url}`, '.'], io);
  assert.equal(code, 1, io.err);
  assert.match(io.out, /^Dockerfile:1:\d+ error tag-not-found .*node:99/m);
  assert.match(io.out, new RegExp(`^Dockerfile:2:\\d+ info stale-digest node:22 now points to ${full.digest}`, 'm'));
  assert.ok(io.out.includes(`(node:22 -> node:22-slim saves ${formatBytes(amd64(full) - amd64(slim))} compressed)`), io.out);
});

test('lint without --online asks no registry and reports no online rule', { skip }, async () => {
  const io = captureIO({ cwd: dir });
  await main(['lint', '--registry-mirror', `docker.io=${reg.url}`, '.'], io).catch(() => 2);
  assert.doesNotMatch(io.out, /tag-not-found|stale-digest|-> node:22-slim saves/);
});
