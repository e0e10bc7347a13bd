// `recommend --online` against a real local registry used as the docker.io mirror.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';
import { pushImage, registryMissing, startRegistry, type PushedImage, type TestRegistry } from '../helpers/registry.js';

interface Rec { stages: { recommended: string; decision: string; risks: string[]; sizes: { currentBytes: number | null; recommendedBytes: number | null } }[]; warnings?: string[] }

describe('recommend --online', { skip: registryMissing }, () => {
  let reg: TestRegistry;
  let dir: string;
  let full: PushedImage;
  const recommend = async (...flags: string[]) => {
    const io = captureIO({ cwd: dir, env: { XDG_CACHE_HOME: join(dir, '.cache') } });
    const code = await main(['recommend', '--online', '--format', 'json', ...flags, 'Dockerfile'], io);
    return { code, json: JSON.parse(io.out) as Rec, err: io.err };
  };

  before(async () => {
    reg = await startRegistry();
    dir = await mkdtemp(join(tmpdir(), 'plinth-rec-online-'));
    await writeFile(join(dir, 'Dockerfile'), 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { express: '^4.19.0' } }));
    full = await pushImage(reg, 'library/node:22', { platforms: ['linux/amd64', 'linux/arm64/v8'], fillerBytes: 300_000 });
  });
  after(async () => {
    await reg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('a recommended tag the registry does not have is not recommended: keep, with a warning and a risk', async () => {
    const r = await recommend('--registry-mirror', `docker.io=${reg.url}`);
    assert.equal(r.code, 0);
    const stage = r.json.stages[0]!;
    assert.equal(stage.decision, 'keep');
    assert.equal(stage.recommended, 'docker.io/library/node:22');
    assert.ok(stage.risks.some((x) => /no node:22-alpine/.test(x)));
    assert.match(r.err, /node:22-alpine is not in the registry's tag list/);
  });

  test('with the tag pushed, it is recommended and both sizes come from the registry', async () => {
    const alpine = await pushImage(reg, 'library/node:22-alpine', { platforms: ['linux/amd64', 'linux/arm64/v8'], fillerBytes: 50_000 });
    const r = await recommend('--registry-mirror', `docker.io=${reg.url}`);
    assert.equal(r.code, 0, r.err);
    const stage = r.json.stages[0]!;
    assert.equal(stage.decision, 'interpreted');
    assert.equal(stage.recommended, 'node:22-alpine');
    // The stand-ins' real linux/amd64 sizes, not the catalog's snapshot figures.
    assert.equal(stage.sizes.currentBytes, full.platforms[0]!.compressedBytes);
    assert.equal(stage.sizes.recommendedBytes, alpine.platforms[0]!.compressedBytes);
  });

  test('an unreachable registry gives the offline answer with warnings, exit 0', async () => {
    const r = await recommend('--no-cache', '--registry-mirror', 'docker.io=http://127.0.0.1:1');
    assert.equal(r.code, 0);
    const stage = r.json.stages[0]!;
    assert.equal(stage.recommended, 'node:22-alpine');
    assert.equal(stage.sizes.currentBytes, 408499334, 'the catalog snapshot size of node:22');
    assert.match(r.err, /warning: could not list the tags of node .*trusting the catalog/);
  });
});
