// lint --online reads the real contents of images the catalog does not know (company base images)
// from a real local registry; the content rules decide from them and say so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';
import { pushImage, registryMissing, startRegistry, type TestRegistry } from '../helpers/registry.js';

const skip = registryMissing ? `skipped: ${registryMissing}` : false;
let reg: TestRegistry;
let dir: string;

const osRelease = (id: string, version: string) => ({ path: 'etc/os-release', content: `ID=${id}\nVERSION_ID=${version}\nPRETTY_NAME="${id} ${version}"\n` });
const CA = { path: 'etc/ssl/certs/ca-certificates.crt', content: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' };

const DOCKERFILES: Record<string, string> = {
  alpine: 'FROM {R}/acme/base:1\nRUN apt-get update && apt-get install -y curl\nCMD ["/app"]\n',
  runtime: 'FROM {R}/acme/runtime:1\nCOPY app /app\nCMD /app --serve\n',
  debian: 'FROM {R}/acme/debian:1\nRUN apk add --no-cache curl\nCMD ["/app"]\n',
  musl: 'FROM {R}/acme/base:1\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "index.js"]\n',
  missing: 'FROM {R}/acme/nothere:1\nRUN apt-get install -y curl\n',
  mirrored: 'FROM acme/base:1\nRUN apt-get install -y curl\n',
  unreadable: `FROM {R}/acme/gone@sha256:${'0'.repeat(64)}\nRUN apt-get install -y curl\n`,
};

before(async () => {
  if (skip) return;
  reg = await startRegistry();
  dir = await mkdtemp(join(tmpdir(), 'plinth-lint-contents-'));
  await pushImage(reg, 'acme/base:1', {
    layers: [
      [
        { path: 'lib/ld-musl-x86_64.so.1', content: 'musl loader' },
        { path: 'bin/busybox', content: 'busybox' },
        { path: 'bin/sh', symlink: 'busybox' },
        { path: 'sbin/apk', content: 'apk' },
        { path: 'lib/apk/db/installed', content: 'P:musl\nV:1.2.5-r0\nA:x86_64\n\nP:busybox\nV:1.36.1-r0\nA:x86_64\n\n' },
        osRelease('alpine', '3.21.0'),
        CA,
      ],
    ],
  });
  await pushImage(reg, 'acme/runtime:1', {
    layers: [
      [
        { path: 'lib64/ld-linux-x86-64.so.2', content: 'glibc loader' },
        { path: 'lib/x86_64-linux-gnu/libc.so.6', content: 'glibc' },
        { path: 'var/lib/dpkg/status.d/base-files', content: 'Package: base-files\nVersion: 12.4\nArchitecture: amd64\n' },
        osRelease('debian', '12'),
      ],
    ],
  });
  await pushImage(reg, 'acme/debian:1', {
    layers: [
      [
        { path: 'lib64/ld-linux-x86-64.so.2', content: 'glibc loader' },
        { path: 'bin/sh', content: 'dash' },
        { path: 'usr/bin/apt-get', content: 'apt-get' },
        { path: 'var/lib/dpkg/status', content: 'Package: apt\nStatus: install ok installed\nVersion: 2.6.1\nArchitecture: amd64\n\n' },
        osRelease('debian', '12'),
        CA,
      ],
    ],
  });
  for (const [name, text] of Object.entries(DOCKERFILES)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'Dockerfile'), text.replace('{R}', reg.host));
  }
  await writeFile(join(dir, 'musl', 'package.json'), JSON.stringify({ name: 'app', dependencies: { bcrypt: '5.1.1' } }));
  await writeFile(join(dir, 'musl', 'package-lock.json'), JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { '': { dependencies: { bcrypt: '5.1.1' } }, 'node_modules/bcrypt': { version: '5.1.1' } } }));
});

after(async () => {
  if (skip) return;
  await reg.stop();
  await rm(dir, { recursive: true, force: true });
});

async function lint(name: string, online: boolean, extra: string[] = []): Promise<{ out: string; err: string }> {
  const io = captureIO({ cwd: join(dir, name) });
  await main(['lint', ...(online ? ['--online', '--no-cache'] : []), ...extra, '.'], io);
  return { out: io.out, err: io.err };
}

const FROM_CONTENTS = "(from the image's contents)";

test('Alpine-like company image: apt-get fails, decided from its apk and musl', { skip }, async () => {
  const { out } = await lint('alpine', true);
  assert.match(out, /^Dockerfile:2:\d+ error package-manager-mismatch `apt-get` will fail: .*acme\/base:1, which uses apk \(from the image's contents\)/m);
});

test('distroless-like company image: shell-form CMD fails, no CA bundle', { skip }, async () => {
  const { out } = await lint('runtime', true);
  assert.match(out, /^Dockerfile:3:\d+ error shell-in-shell-less-stage CMD in shell form runs \/bin\/sh -c, but .*acme\/runtime:1 has no shell \(from the image's contents\)/m);
  assert.match(out, /^Dockerfile:1:\d+ info scratch-missing-certificates .*acme\/runtime:1, which has no CA certificate bundle \(from the image's contents\)/m);
});

test('Debian-like company image: apk fails, apt is what it has; it has a shell and certificates', { skip }, async () => {
  await writeFile(join(dir, 'debian', '.plinthrc.yaml'), 'pinning: version\n');
  const { out } = await lint('debian', true);
  assert.match(out, /^Dockerfile:2:\d+ error package-manager-mismatch `apk` will fail: .*acme\/debian:1, which uses apt \(from the image's contents\)/m);
  assert.doesNotMatch(out, /shell-in-shell-less-stage|scratch-missing-certificates/);
  // Contents cannot say whether a tag moves: floating-tag (pinning: version) keeps its offline answer.
  assert.match(out, /floating-tag .*acme\/debian:1: the tag '1' moves/);
});

test('musl company image with a native npm addon: musl-native-modules from contents', { skip }, async () => {
  const { out } = await lint('musl', true);
  assert.match(out, /musl-native-modules .*acme\/base:1 uses musl libc \(from the image's contents\), but bcrypt/);
});

test('offline lint knows nothing about these images and reports none of the content rules', { skip }, async () => {
  for (const name of ['alpine', 'runtime', 'debian', 'musl']) {
    const { out } = await lint(name, false);
    assert.doesNotMatch(out, /package-manager-mismatch|shell-in-shell-less-stage|scratch-missing-certificates|musl-native-modules/, `${name}: ${out}`);
    assert.ok(!out.includes(FROM_CONTENTS), out);
  }
});

test('a missing tag is reported once (tag-not-found) and its stage keeps the offline answer', { skip }, async () => {
  const { out, err } = await lint('missing', true);
  assert.match(out, /tag-not-found/);
  assert.doesNotMatch(out, /package-manager-mismatch/);
  assert.doesNotMatch(err, /could not read the contents/);
});

test('an image that cannot be read gives a warning and the offline answer', { skip }, async () => {
  const { out, err } = await lint('unreadable', true);
  assert.match(err, /^plinth: warning: could not read the contents of .*acme\/gone@sha256:0{64} .*offline answer$/m);
  assert.doesNotMatch(out, /package-manager-mismatch/);
});

test('a Docker Hub name through --registry-mirror is read from the mirror', { skip }, async () => {
  const { out } = await lint('mirrored', true, ['--registry-mirror', `docker.io=${reg.url}`]);
  assert.match(out, /^Dockerfile:2:\d+ error package-manager-mismatch `apt-get` will fail: .*acme\/base:1, which uses apk \(from the image's contents\)/m);
});
