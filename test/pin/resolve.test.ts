import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRegistry } from '../../src/registry/index.js';
import { parseReference } from '../../src/reference/index.js';
import { resolveTags } from '../../src/facts/online.js';
import { tagKey } from '../../src/reference/parse.js';
import { skopeoDigestAsync } from './harness.js';
import { pushImage, registryMissing, skopeoMissing, startFaultProxy, startRegistry, type FaultProxy, type TestRegistry } from '../helpers/registry.js';

const skip = registryMissing || skopeoMissing;
let reg: TestRegistry;
let proxy: FaultProxy;

before(async () => {
  if (skip) return;
  reg = await startRegistry({ auth: 'token' });
  proxy = await startFaultProxy(reg, { latencyMs: 5 });
  await pushImage(reg, 'library/node:22', { platforms: ['linux/amd64', 'linux/arm64'] });
  await pushImage(reg, 'library/node:22-slim');
  await pushImage(reg, 'library/alpine:3.20');
  await pushImage(reg, 'library/busybox:latest');
});

after(async () => {
  if (skip) return;
  await proxy.stop();
  await reg.stop();
});

test('one HEAD per unique tag, at most one token per repository, digests equal skopeo\'s', { skip }, async () => {
  const texts = ['node:22', 'docker.io/library/node:22', 'node:22-slim', 'alpine:3.20', 'index.docker.io/alpine:3.20', 'busybox', 'busybox:latest', 'node:22'];
  const refs = texts.map((t) => parseReference(t));
  const registry = createRegistry({ mirrors: { 'docker.io': [proxy.url] }, noCache: true, env: {} });
  proxy.resetCounts();
  const results = await resolveTags(registry, refs, 3);
  const counts = proxy.counts();
  assert.equal(results.size, 4);
  // Each tag is asked once; the first request to a repository may also meet its token challenge (401).
  const headPaths = Object.keys(counts.byPath).filter((k) => k.startsWith('HEAD '));
  assert.equal(headPaths.length, 4, headPaths.join(', '));
  assert.ok(counts.head <= 4 + 3, `HEADs: ${counts.head}`);
  assert.equal(counts.get, 0);
  assert.ok(counts.token <= 3, `token requests: ${counts.token}`);
  for (const [image, path] of [['node:22', 'library/node:22'], ['node:22-slim', 'library/node:22-slim'], ['alpine:3.20', 'library/alpine:3.20'], ['busybox', 'library/busybox:latest']] as const) {
    assert.deepEqual(results.get(tagKey(parseReference(image))), { state: 'found', digest: await skopeoDigestAsync(reg, path) }, image);
  }
});

test('a missing tag is a one-line error for that tag only', { skip }, async () => {
  const registry = createRegistry({ mirrors: { 'docker.io': [proxy.url] }, noCache: true, env: {} });
  const results = await resolveTags(registry, [parseReference('node:99'), parseReference('alpine:3.20')]);
  const missing = results.get(tagKey(parseReference('node:99')))!;
  assert.equal(missing.state, 'missing', 'node:99 does not exist');
  assert.ok(missing.state === 'missing' && !missing.message.includes('\n'));
  assert.deepEqual(results.get(tagKey(parseReference('alpine:3.20'))), { state: 'found', digest: await skopeoDigestAsync(reg, 'library/alpine:3.20') });
});
