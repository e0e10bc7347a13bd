// The disk cache shared by separate plinth processes: whole files only, every entry hashing to its
// name, and no credential or token anywhere in it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRegistry } from '../../src/registry/index.js';
import { parseReference } from '../../src/reference/index.js';
import { PASSWORD, USER, pushImage, registryMissing, startRegistry, type TestRegistry } from '../helpers/registry.js';

const registryModule = fileURLToPath(new URL('../../src/registry/index.js', import.meta.url));
const referenceModule = fileURLToPath(new URL('../../src/reference/index.js', import.meta.url));

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
  return out;
}

describe('disk cache across processes', { skip: registryMissing }, () => {
  let reg: TestRegistry;
  let dir: string;
  before(async () => {
    reg = await startRegistry({ auth: 'token' });
    dir = await mkdtemp(join(tmpdir(), 'plinth-cache-'));
  });
  after(async () => {
    await reg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('eight processes filling one cache at once leave only whole, verified entries', async () => {
    const pushed = await pushImage(reg, 'race/app:1', { platforms: ['linux/amd64', 'linux/arm64'], fillerBytes: 300_000 });
    const cacheDir = join(dir, 'shared');
    const script = join(dir, 'fill.mjs');
    await writeFile(script, `
      const { createRegistry, selectPlatform } = await import(${JSON.stringify(registryModule)});
      const { parseReference } = await import(${JSON.stringify(referenceModule)});
      const client = createRegistry({ cacheDir: process.argv[2], env: {} });
      const ref = parseReference(process.argv[3]);
      const index = await client.manifest(ref);
      for (const d of index.json.manifests) {
        const m = await client.manifest(ref, d.digest);
        await client.blob(ref, m.json.config.digest);
        for (const l of m.json.layers) await client.blob(ref, l.digest);
      }
      await client.resolve(ref);
      process.stdout.write(index.digest);
    `);
    const runs = await Promise.all(Array.from({ length: 8 }, () => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [script, cacheDir, `${reg.host}/race/app:1`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => (out += String(c)));
      child.stderr.on('data', (c) => (err += String(c)));
      child.on('close', (code) => resolve({ code, out, err }));
    })));
    for (const r of runs) assert.equal(r.code, 0, r.err);
    assert.deepEqual(new Set(runs.map((r) => r.out)), new Set([pushed.digest]));
    // No credentials are configured (anonymous tokens): the answers sit in the anonymous partition.
    const partitions = await readdir(cacheDir);
    assert.deepEqual(partitions, ['anonymous']);
    const part = join(cacheDir, partitions[0]!);
    const content = await readdir(join(part, 'content', 'sha256'));
    // index + 2 manifests + 2 configs + 2 layers, nothing half-written left behind
    assert.equal(content.length, 7);
    for (const name of content) {
      const bytes = await readFile(join(part, 'content', 'sha256', name));
      assert.equal(createHash('sha256').update(bytes).digest('hex'), name);
    }
    // A later process is served entirely from the cache.
    const later = createRegistry({ cacheDir, env: {} });
    assert.equal((await later.resolve(parseReference(`${reg.host}/race/app:1`))).digest, pushed.digest);
    assert.equal((await later.manifest(parseReference(`${reg.host}/race/app`), pushed.digest)).digest, pushed.digest);
    assert.equal((await later.manifest(parseReference(`${reg.host}/race/app:1`))).digest, pushed.digest, 'by tag too, within the TTL');
    assert.deepEqual(later.stats(), { token: 0, head: 0, get: 0 });
    // Past the TTL the tag is asked again (one HEAD), the content still comes from disk.
    const stale = createRegistry({ cacheDir, env: {}, tagTtlMs: 0 });
    await new Promise((r) => setTimeout(r, 5));
    assert.equal((await stale.resolve(parseReference(`${reg.host}/race/app:1`))).digest, pushed.digest);
    await stale.manifest(parseReference(`${reg.host}/race/app`), pushed.digest);
    assert.ok(stale.stats().head >= 1, 'the tag was asked again');
    assert.equal(stale.stats().get, 0);
  });

  test('no credential, password or token is ever written to the cache', async () => {
    await pushImage(reg, 'private/secret:1');
    const cfg = join(dir, 'docker');
    await mkdir(cfg, { recursive: true });
    await writeFile(join(cfg, 'config.json'), JSON.stringify({ auths: { [reg.tokenRealmHost!]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }));
    const cacheDir = join(dir, 'creds');
    const client = createRegistry({ cacheDir, env: { DOCKER_CONFIG: cfg } });
    const ref = parseReference(`${reg.host}/private/secret:1`);
    const m = await client.manifest(ref);
    await client.blob(ref, m.json.config!.digest);
    await client.resolve(ref);
    assert.equal(client.stats().token, 1);
    const all = await files(cacheDir);
    assert.ok(all.length >= 3);
    for (const f of all) {
      const text = await readFile(f, 'latin1');
      assert.ok(!text.includes(PASSWORD), `${f} holds the password`);
      assert.ok(!text.includes(Buffer.from(`${USER}:${PASSWORD}`).toString('base64')), `${f} holds the Basic credentials`);
      assert.ok(!/eyJ[\w-]+\.eyJ/.test(text), `${f} holds a JWT`);
    }
  });
});

describe('disk cache and credentials', { skip: registryMissing }, () => {
  let reg: TestRegistry;
  let dir: string;
  before(async () => {
    reg = await startRegistry({ auth: 'basic' });
    dir = await mkdtemp(join(tmpdir(), 'plinth-cache-cred-'));
  });
  after(async () => {
    await reg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('what was fetched with credentials is never served to a run without them; the cache is private', async () => {
    const pushed = await pushImage(reg, 'private/app:1');
    const cacheDir = join(dir, 'cache');
    const dockerConfig = join(dir, 'docker');
    await mkdir(dockerConfig, { recursive: true });
    await writeFile(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }));
    const withCreds = createRegistry({ cacheDir, env: { DOCKER_CONFIG: dockerConfig } });
    const ref = parseReference(`${reg.host}/private/app:1`);
    assert.equal((await withCreds.resolve(ref)).digest, pushed.digest);
    await withCreds.manifest(ref);
    // A later run with no credentials asks the registry (and is refused) instead of reading the cache.
    const without = createRegistry({ cacheDir, env: { DOCKER_CONFIG: join(dir, 'none') } });
    await assert.rejects(without.resolve(ref), /denied|needs credentials/);
    await assert.rejects(without.manifest(ref, pushed.digest), /denied|needs credentials/);
    // Folders 0700, files 0600: no other local user reads a private image's manifest.
    const { stat } = await import('node:fs/promises');
    assert.equal((await stat(cacheDir)).mode & 0o777, 0o700);
    for (const f of await files(cacheDir)) assert.equal((await stat(f)).mode & 0o777, 0o600, f);
    // No credential is written anywhere in it.
    for (const f of await files(cacheDir)) assert.ok(!(await readFile(f, 'utf8')).includes(PASSWORD), f);
  });

  test('a forged tag entry (a digest of the wrong shape) is not trusted', async () => {
    const pushed = await pushImage(reg, 'private/forged:1');
    const cacheDir = join(dir, 'forged');
    const ref = parseReference(`${reg.host}/private/forged:1`);
    const dockerConfig = join(dir, 'docker');
    const client = () => createRegistry({ cacheDir, env: { DOCKER_CONFIG: dockerConfig } });
    await client().resolve(ref);
    const [part] = await readdir(cacheDir);
    for (const f of await files(join(cacheDir, part!, 'tags'))) {
      const entry = JSON.parse(await readFile(f, 'utf8')) as Record<string, unknown>;
      await writeFile(f, JSON.stringify({ ...entry, digest: 'sha256:abc\nplanted text' }));
    }
    assert.equal((await client().resolve(ref)).digest, pushed.digest);
  });
});
