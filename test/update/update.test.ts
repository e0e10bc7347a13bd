// plinth update against a real registry (docker-registry) behind a proxy that pages tag lists as Docker
// Hub does: patch/minor/major/distro/digest proposals, precision kept, prereleases skipped, pinned lines
// re-pinned, idempotence, every other byte kept, and a registry failing half-way writing nothing.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRegistry } from '../../src/registry/index.js';
import { updateFiles, type UpdateRunOptions } from '../../src/update/run.js';
import { pushImage, registryMissing, startFaultProxy, startRegistry, type FaultProxy, type TestRegistry } from '../helpers/registry.js';
import { spawnPlinth } from '../helpers/spawn-cli.js';
import { fixtureDump, startDumpServer } from '../helpers/osv.js';
import { updateDb } from '../../src/vulndb/update.js';
import { formatBytes } from '../../src/util/bytes.js';
import type { PushedImage } from '../helpers/image-push.js';

const TAGS = ['1.2.3-alpine3.19', '1.2.4-alpine3.19', '1.3.0-alpine3.19', '1.3.1-alpine3.21', '1.4.0rc1-alpine3.21', '2.0.0-alpine3.21', '1.2-alpine3.19', '1.3-alpine3.19', '1', '2', 'stable'];

const plinth = (args: string[], cwd: string) => spawnPlinth(args, { cwd, env: { HOME: cwd } });

describe('plinth update against a real registry', { skip: registryMissing }, () => {
  let reg: TestRegistry;
  let proxy: FaultProxy;
  let dir: string;
  const digests: Record<string, string> = {};
  const pushed: Record<string, PushedImage> = {};
  let oldStable: string;
  before(async () => {
    reg = await startRegistry();
    // 1.3.0 is a two-platform index and larger, for the size change and --platform.
    for (const t of TAGS) {
      pushed[t] = await pushImage(reg, `acme/app:${t}`, t === '1.3.0-alpine3.19' ? { seed: t, platforms: ['linux/amd64', 'linux/arm64'], fillerBytes: 20000 } : { seed: t });
      digests[t] = pushed[t]!.digest;
    }
    oldStable = digests.stable!;
    digests.stable = (await pushImage(reg, 'acme/app:stable', { seed: 'stable, rebuilt' })).digest;
    proxy = await startFaultProxy(reg, { faults: [{ path: /\/tags\/list/, fault: { kind: 'paginate-tags', pageSize: 3 } }] });
    dir = await mkdtemp(join(tmpdir(), 'plinth-update-'));
  });
  after(async () => {
    await proxy?.stop();
    await reg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const H = () => `${proxy.host}/acme/app`;
  const dockerfile = () =>
    [
      `FROM ${H()}:1.2.3-alpine3.19 AS a`,
      `FROM ${H()}:1.2-alpine3.19 AS b`,
      `FROM ${H()}:1 AS c`,
      `FROM ${H()}:1.2.3-alpine3.19@${digests['1.2.3-alpine3.19']} AS d`,
      `FROM ${H()}:stable@${oldStable} AS e`,
      '',
    ].join('\n');
  const run = async (name: string, options: Partial<UpdateRunOptions>) => {
    const path = join(dir, name);
    await writeFile(path, dockerfile());
    const [f] = await updateFiles([path], { mode: 'dry-run', to: 'minor', distro: false, date: '2026-12-04', registry: createRegistry({ noCache: true, env: {} }), ...options });
    return f!;
  };
  const moves = (f: Awaited<ReturnType<typeof run>>) => f.updates.map((u) => [u.line, u.to.slice(H().length + 1), u.type]);

  it('minor: the newest minor on the same Alpine, precision kept, majors left with a reason, pins re-pinned, a moved tag re-pinned', async () => {
    const f = await run('minor', {});
    assert.deepEqual(moves(f), [
      [1, '1.3.0-alpine3.19', 'minor'],
      [2, '1.3-alpine3.19', 'minor'],
      [4, `1.3.0-alpine3.19@${digests['1.3.0-alpine3.19']}`, 'minor'],
      [5, `stable@${digests.stable}`, 'digest'],
    ]);
    assert.deepEqual(f.skipped.map((s) => [s.line, s.reason]), [[3, 'only major updates exist (--to major allows them)']]);
    assert.ok(proxy.counts().byPath && Object.keys(proxy.counts().byPath).filter((k) => k.includes('/tags/list')).length >= 2, 'the tag list came in pages');
  });

  it('patch, --distro, major: each reaches what it allows and no further; never the rc', async () => {
    assert.deepEqual(moves(await run('patch', { to: 'patch' })).slice(0, 2), [[1, '1.2.4-alpine3.19', 'patch'], [4, `1.2.4-alpine3.19@${digests['1.2.4-alpine3.19']}`, 'patch']]);
    assert.deepEqual(moves(await run('distro', { distro: true }))[0], [1, '1.3.1-alpine3.21', 'minor']);
    const major = moves(await run('major', { to: 'major' }));
    assert.deepEqual(major[0], [1, '1.3.0-alpine3.19', 'minor'], '2.0.0 exists only on Alpine 3.21: not without --distro');
    assert.deepEqual(major[2], [3, '2', 'major']);
    assert.deepEqual(moves(await run('major-distro', { to: 'major', distro: true }))[0], [1, '2.0.0-alpine3.21', 'major']);
  });

  it('writes atomically keeping every other byte (CRLF, BOM, comments, flags); a second run finds nothing', async () => {
    const path = join(dir, 'Dockerfile.crlf');
    const text = `\uFEFF# syntax=docker/dockerfile:1\r\n# base\r\nFROM --platform=$BUILDPLATFORM "${H()}:1.2.3-alpine3.19" AS build\r\nCOPY --from=${H()}:1.2-alpine3.19 /x /x\r\n`;
    await writeFile(path, text);
    const options: UpdateRunOptions = { mode: 'write', to: 'minor', distro: false, date: '2026-12-04', registry: createRegistry({ noCache: true, env: {} }) };
    const [f] = await updateFiles([path], options);
    assert.equal(f!.written, true);
    assert.equal(await readFile(path, 'utf8'), text.replace('1.2.3-alpine3.19', '1.3.0-alpine3.19').replace('1.2-alpine3.19', '1.3-alpine3.19'));
    const [again] = await updateFiles([path], options);
    assert.equal(again!.updates.length, 0);
    assert.equal(again!.written, false);
  });

  it('a registry failing half-way writes no file', async () => {
    const broken = await startFaultProxy(reg, { faults: [{ path: /\/manifests\/1\.3\.0-alpine3\.19$/, fault: { kind: 'status', status: 500 } }] });
    try {
      const first = join(dir, 'first');
      const second = join(dir, 'second');
      await writeFile(first, `FROM ${broken.host}/acme/app:1.2-alpine3.19\n`);
      await writeFile(second, `FROM ${broken.host}/acme/app:1.2.3-alpine3.19@${digests['1.2.3-alpine3.19']}\n`);
      await assert.rejects(updateFiles([first, second], { mode: 'write', to: 'minor', distro: false, date: '2026-12-04', registry: createRegistry({ noCache: true, env: {}, retries: 0 }) }));
      assert.equal(await readFile(first, 'utf8'), `FROM ${broken.host}/acme/app:1.2-alpine3.19\n`, 'the first file, decided fine, is not written either');
    } finally {
      await broken.stop();
    }
  });

  it('CLI: --check exits 1 when an update is due and 0 after; --dry-run is a diff; JSON and markdown', async () => {
    const project = join(dir, 'cli');
    await (await import('node:fs/promises')).mkdir(project, { recursive: true });
    await writeFile(join(project, 'Dockerfile'), `FROM ${reg.host}/acme/app:1.2.3-alpine3.19\n`);
    const check = await plinth(['update', '--online', '--check', '--no-cache'], project);
    assert.equal(check.code, 1, check.err);
    assert.match(check.out, /Dockerfile:1: .*1\.2\.3-alpine3\.19 -> .*1\.3\.0-alpine3\.19 \(minor; size \+/);
    const diff = await plinth(['update', '--online', '--dry-run', '--no-cache'], project);
    assert.match(diff.out, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@ -1 \+1 @@\n-FROM .*1\.2\.3-alpine3\.19\n\+FROM .*1\.3\.0-alpine3\.19\n$/);
    const json = JSON.parse((await plinth(['update', '--online', '--check', '--format', 'json', '--no-cache'], project)).out);
    assert.equal(json.updates, 1);
    assert.equal(json.files[0].updates[0].type, 'minor');
    // Sizes from the registry, for linux/amd64: what the test pushed.
    const amd64 = (t: string) => pushed[t]!.platforms.find((p) => p.platform === 'linux/amd64')!.compressedBytes;
    const [before, after] = [amd64('1.2.3-alpine3.19'), amd64('1.3.0-alpine3.19')];
    assert.ok(after - before > 20000);
    assert.deepEqual(json.files[0].updates[0].size, { before, after });
    const md = (await plinth(['update', '--online', '--check', '--format', 'markdown', '--no-cache'], project)).out;
    const change = `+${formatBytes(after - before)}`;
    assert.ok(md.includes(`| minor | ${change} |`), md);
    assert.match(md, /read from the registries \(--online\)/);
    // The text output says it too; unknown sizes are left out, not shown as zero.
    const plain = (await plinth(['update', '--online', '--check', '--no-cache'], project)).out;
    assert.ok(plain.includes(`(minor; size ${change})`), plain);
    const s390 = (await plinth(['update', '--online', '--check', '--no-cache', '--platform', 'linux/s390x'], project)).out;
    assert.match(s390, /\(minor\)\n/);
    const text = JSON.parse((await plinth(['update', '--online', '--check', '--format', 'json', '--no-cache', '--platform', 'linux/s390x'], project)).out);
    assert.equal(text.files[0].updates[0].size, null, 'no image for that platform: unknown, not zero');
    assert.equal((await plinth(['update', '--online', '--no-cache'], project)).code, 0);
    assert.equal((await plinth(['update', '--online', '--check', '--no-cache'], project)).code, 0, 'nothing due after the write');
  });

  it('--online --vulns: the markdown body counts each update before and after', async () => {
    const status = (glibc: string) => `Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: ${glibc}\nArchitecture: amd64\n`;
    for (const [tag, glibc] of [['1.0.0', '2.36-9+deb12u3'], ['1.1.0', '2.36-9+deb12u4']] as const) {
      await pushImage(reg, `acme/deb:${tag}`, { seed: tag, layers: [[{ path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }, { path: 'var/lib/dpkg/status', content: status(glibc) }]] });
    }
    const dumps = await startDumpServer({ '/Debian/all.zip': { body: fixtureDump('Debian') } });
    try {
      await updateDb({ dir: join(dir, 'vulndb'), source: dumps.url, ecosystems: ['Debian'] });
    } finally {
      await dumps.stop();
    }
    const project = join(dir, 'vulns');
    await (await import('node:fs/promises')).mkdir(project, { recursive: true });
    await writeFile(join(project, 'Dockerfile'), `FROM ${reg.host}/acme/deb:1.0.0\n`);
    const md = await plinth(['update', '--online', '--vulns', '--db-dir', join(dir, 'vulndb'), '--check', '--format', 'markdown', '--no-cache'], project);
    assert.equal(md.code, 1, md.err);
    assert.match(md.out, /\| Vulnerabilities \|/);
    assert.match(md.out, /acme\/deb:1\.1\.0` \| minor \| [+−0][^|]* \| +\| 3 → 0 \(critical 0 → 0, high 1 → 0\) \|/);
  });
});
