// Authenticated Bearer flows against a real registry whose token service lives on another host
// (another port): credentials reach the realm only when configured for the realm's own host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, RegistryError } from '../../src/registry/index.js';
import { parseReference } from '../../src/reference/index.js';
import { IDENTITY_TOKEN, PASSWORD, USER, pushImage, registryMissing, startRegistry, type TestRegistry } from '../helpers/registry.js';

describe('registry client: authenticated Bearer tokens', { skip: registryMissing }, () => {
  let reg: TestRegistry;
  let dir: string;
  let digest: string;
  const image = () => parseReference(`${reg.host}/private/app:1`);
  const basic = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
  async function dockerConfig(name: string, auths: Record<string, unknown>): Promise<Record<string, string>> {
    const cfg = join(dir, name);
    await mkdir(cfg, { recursive: true });
    await writeFile(join(cfg, 'config.json'), JSON.stringify({ auths }));
    return { DOCKER_CONFIG: cfg };
  }
  before(async () => {
    reg = await startRegistry({ auth: 'token' });
    dir = await mkdtemp(join(tmpdir(), 'plinth-bearer-'));
    digest = (await pushImage(reg, 'private/app:1', { platforms: ['linux/amd64', 'linux/arm64'] })).digest;
  });
  after(async () => {
    await reg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('an anonymous token cannot pull a private repository: denied, one line', async () => {
    const client = createRegistry({ noCache: true, env: await dockerConfig('none', {}) });
    await assert.rejects(client.resolve(image()), (e: unknown) => e instanceof RegistryError && e.reason === 'denied' && !e.message.includes('\n'));
  });

  test('credentials for the registry host are not sent to a token realm on another host', async () => {
    const before = reg.tokenGrants().length;
    const client = createRegistry({ noCache: true, env: await dockerConfig('registry-only', { [reg.host]: { auth: basic } }) });
    await assert.rejects(client.resolve(image()), (e: unknown) => e instanceof RegistryError && e.reason === 'denied');
    const grants = reg.tokenGrants().slice(before);
    assert.ok(grants.length >= 1);
    assert.ok(grants.every((g) => g === 'anonymous'), `grants: ${grants.join(',')}`);
  });

  test('credentials configured for the realm host get a token that pulls; one token request under concurrency', async () => {
    const before = reg.tokenGrants().length;
    const client = createRegistry({ noCache: true, env: await dockerConfig('realm', { [reg.tokenRealmHost!]: { username: USER, password: PASSWORD } }) });
    const results = await Promise.all(Array.from({ length: 6 }, () => client.resolve(image())));
    assert.ok(results.every((r) => r.digest === digest));
    const index = await client.manifest(image());
    await client.manifest(image(), index.json.manifests![1]!.digest);
    assert.deepEqual(reg.tokenGrants().slice(before), ['basic']);
    assert.equal(client.stats().token, 1);
  });

  test('an identitytoken is exchanged with the refresh-token grant (POST), never sent as a password', async () => {
    const before = reg.tokenGrants().length;
    const client = createRegistry({ noCache: true, env: await dockerConfig('identity', { [reg.tokenRealmHost!]: { identitytoken: IDENTITY_TOKEN } }) });
    assert.equal((await client.resolve(image())).digest, digest);
    assert.deepEqual(reg.tokenGrants().slice(before), ['refresh']);
  });

  test('a wrong identitytoken is a denied error naming the host, not a crash', async () => {
    const client = createRegistry({ noCache: true, env: await dockerConfig('bad-identity', { [reg.tokenRealmHost!]: { identitytoken: 'wrong' } }) });
    await assert.rejects(client.resolve(image()), (e: unknown) => e instanceof RegistryError && e.reason === 'denied' && e.message.includes(reg.host) && !e.message.includes('wrong'));
  });
});

describe('registry client: token lifetime', { skip: registryMissing }, () => {
  let reg: TestRegistry;
  before(async () => {
    // expires_in 6 s: plinth renews 5 s early, so a token is reused for about one second.
    reg = await startRegistry({ auth: 'token', tokenExpiresIn: 6, accessTokenOnly: true });
    await pushImage(reg, 'short/app:1');
  });
  after(async () => {
    await reg?.stop();
  });

  test('an access_token is reused until expires_in runs out, then renewed once', async () => {
    const client = createRegistry({ noCache: true, env: {} });
    const image = parseReference(`${reg.host}/short/app:1`);
    const before = reg.tokenRequests();
    await client.resolve(image);
    await client.manifest(image);
    assert.equal(reg.tokenRequests() - before, 1, 'reused within its lifetime');
    await new Promise((r) => setTimeout(r, 1300));
    await Promise.all([client.resolve(image), client.manifest(image), client.resolve(image)]);
    assert.equal(reg.tokenRequests() - before, 2, 'renewed once after expiry, even with concurrent requests');
  });
});
