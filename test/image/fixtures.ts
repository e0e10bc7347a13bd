// The images the image/ tests build, with what each must be found to contain.
import assert from 'node:assert/strict';
import type { ImageContents } from '../../src/image/index.js';
import { LayoutBuilder, rpmdbSqlite, type Compression, type Entry, type ImageConfigSpec } from '../helpers/image-builder.js';

export interface Fixture {
  tag: string;
  layers: { entries: Entry[]; compression: Compression }[];
  config: ImageConfigSpec;
  expect: Partial<ImageContents>;
  /** Package names expected (sorted). */
  packageNames: string[];
}

const f = (path: string, content: string | Buffer = 'x'): Entry => ({ path, content });
const osRelease = (id: string, version: string, pretty: string): string => `NAME="${pretty}"\nID=${id}\nVERSION_ID="${version}"\nPRETTY_NAME="${pretty}"\n`;

const apkDb = [
  'C:Q1abc=\nP:musl\nV:1.2.5-r8\nA:x86_64\no:musl\n',
  'C:Q1def=\nP:busybox\nV:1.37.0-r8\nA:x86_64\no:busybox\n',
  'P:busybox-binsh\nV:1.37.0-r8\nA:x86_64\no:busybox\n',
  'P:apk-tools\nV:2.14.6-r2\nA:x86_64\no:apk-tools\n',
].join('\n');

const alpineBase: Entry[] = [
  { path: 'bin/', dir: true },
  f('bin/busybox', Buffer.alloc(800, 1)),
  { path: 'bin/sh', symlink: '/bin/busybox' },
  f('etc/os-release', osRelease('alpine', '3.21.2', 'Alpine Linux v3.21')),
  f('etc/ssl/certs/ca-certificates.crt', '-----BEGIN CERTIFICATE-----\n'),
  { path: 'etc/ssl/cert.pem', symlink: 'certs/ca-certificates.crt' },
  f('lib/ld-musl-x86_64.so.1', Buffer.alloc(600, 2)),
  { path: 'lib/libc.musl-x86_64.so.1', symlink: 'ld-musl-x86_64.so.1' },
  f('lib/apk/db/installed', apkDb),
  f('sbin/apk', Buffer.alloc(300, 3)),
];

const dpkgStatus = [
  'Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u9\nArchitecture: amd64\nDescription: base\n multi-line description\n .\n more',
  'Package: libc6\nStatus: install ok installed\nSource: glibc (2.36-9+deb12u9)\nVersion: 2.36-9+deb12u9\nArchitecture: amd64',
  'Package: dash\nStatus: install ok installed\nVersion: 0.5.12-2\nArchitecture: amd64',
  'Package: apt\nStatus: install ok installed\nVersion: 2.6.1\nArchitecture: amd64',
  'Package: tzdata\nStatus: install ok installed\nVersion: 2024b-0+deb12u1\nArchitecture: all',
  'Package: old-thing\nStatus: deinstall ok config-files\nVersion: 1.0\nArchitecture: amd64',
].join('\n\n') + '\n';

const debianBase: Entry[] = [
  { path: 'bin', symlink: 'usr/bin' },
  { path: 'lib', symlink: 'usr/lib' },
  { path: 'lib64', symlink: 'usr/lib64' },
  { path: 'usr/bin/', dir: true },
  f('usr/bin/dash', Buffer.alloc(1000, 4)),
  { path: 'usr/bin/sh', symlink: 'dash' },
  f('usr/bin/apt-get', Buffer.alloc(500, 5)),
  f('usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', Buffer.alloc(700, 6)),
  f('usr/lib/x86_64-linux-gnu/libc.so.6', Buffer.alloc(900, 7)),
  { path: 'usr/lib64/ld-linux-x86-64.so.2', symlink: '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' },
  f('usr/lib/os-release', osRelease('debian', '12', 'Debian GNU/Linux 12 (bookworm)')),
  { path: 'etc/os-release', symlink: '../usr/lib/os-release' },
  f('etc/ssl/certs/ca-certificates.crt', 'certs'),
  f('usr/share/zoneinfo/UTC', 'TZif2'),
  f('var/lib/dpkg/status', dpkgStatus),
];

export async function fixtures(): Promise<Fixture[]> {
  const rpmdb = await rpmdbSqlite([
    { name: 'bash', version: '5.2.32', release: '1.fc41', arch: 'x86_64', sourcerpm: 'bash-5.2.32-1.fc41.src.rpm' },
    { name: 'glibc-minimal-langpack', version: '2.40', release: '9.fc41', arch: 'x86_64', sourcerpm: 'glibc-2.40-9.fc41.src.rpm' },
    { name: 'shadow-utils', version: '4.15.1', release: '12.fc41', epoch: 2, arch: 'x86_64', sourcerpm: 'shadow-utils-4.15.1-12.fc41.src.rpm' },
    { name: 'gpg-pubkey', version: 'e99d6ad1', release: '64d2612c', arch: '(none)' },
  ]);
  return [
    {
      tag: 'alpine-like',
      layers: [{ entries: alpineBase, compression: 'gzip' }],
      config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/sh'] },
      expect: { os: { id: 'alpine', versionId: '3.21.2', prettyName: 'Alpine Linux v3.21' }, libc: 'musl', shell: '/bin/sh', packageManager: 'apk', caCertificates: true, timezoneData: false, runtime: null, user: null, cmd: ['/bin/sh'] },
      packageNames: ['apk-tools', 'busybox', 'busybox-binsh', 'musl'],
    },
    {
      tag: 'debian-like',
      layers: [
        { entries: debianBase, compression: 'gzip' },
        {
          entries: [
            f('usr/local/bin/node', Buffer.alloc(2000, 8)),
            { path: 'usr/local/bin/nodejs', hardlink: 'usr/local/bin/node' },
            f('usr/local/include/node/node_version.h', '#define NODE_MAJOR_VERSION 22\n#define NODE_MINOR_VERSION 12\n#define NODE_PATCH_VERSION 0\n'),
          ],
          compression: 'zstd',
        },
      ],
      config: { User: 'node', Entrypoint: ['docker-entrypoint.sh'], Cmd: ['node'] },
      expect: { os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' }, libc: 'glibc', shell: '/bin/sh', packageManager: 'apt', caCertificates: true, timezoneData: true, runtime: { name: 'node', version: '22.12.0', kind: null }, user: 'node', entrypoint: ['docker-entrypoint.sh'] },
      packageNames: ['apt', 'base-files', 'dash', 'libc6', 'tzdata'],
    },
    {
      tag: 'distroless-like',
      layers: [
        {
          entries: [
            f('etc/os-release', osRelease('debian', '12', 'Distroless')),
            f('var/lib/dpkg/status.d/base-files', 'Package: base-files\nVersion: 12.4+deb12u9\nArchitecture: amd64\n'),
            f('var/lib/dpkg/status.d/libc6', 'Package: libc6\nStatus: install ok installed\nSource: glibc\nVersion: 2.36-9+deb12u9\nArchitecture: amd64\n'),
            f('var/lib/dpkg/status.d/libc6.md5sums', 'abc  usr/lib/libc.so.6\n'),
            f('var/lib/dpkg/status.d/tzdata', 'Package: tzdata\nVersion: 2024b-0+deb12u1\nArchitecture: all\n'),
            f('lib64/ld-linux-x86-64.so.2', Buffer.alloc(700, 6)),
            f('etc/ssl/certs/ca-certificates.crt', 'certs'),
            f('usr/share/zoneinfo/Europe/Paris', 'TZif2'),
          ],
          compression: 'none',
        },
        {
          entries: [
            f('opt/java/openjdk/bin/java', Buffer.alloc(400, 9)),
            f('opt/java/openjdk/release', 'IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="21.0.5"\nIMAGE_TYPE="JRE"\n'),
          ],
          compression: 'gzip',
        },
      ],
      config: { User: '65532', Env: ['JAVA_HOME=/opt/java/openjdk', 'JAVA_VERSION=jdk-21.0.5+11'], Entrypoint: ['/opt/java/openjdk/bin/java', '-jar'] },
      expect: { os: { id: 'debian', versionId: '12', prettyName: 'Distroless' }, libc: 'glibc', shell: null, packageManager: null, caCertificates: true, timezoneData: true, runtime: { name: 'java', version: '21.0.5', kind: 'jre' }, user: '65532' },
      packageNames: ['base-files', 'libc6', 'tzdata'],
    },
    {
      tag: 'rpm-like',
      layers: [
        {
          entries: [
            { path: 'bin', symlink: 'usr/bin' },
            { path: 'lib64', symlink: 'usr/lib64' },
            f('usr/bin/bash', Buffer.alloc(1200, 10)),
            { path: 'usr/bin/sh', symlink: 'bash' },
            f('usr/bin/microdnf', Buffer.alloc(300, 11)),
            f('usr/lib64/ld-linux-x86-64.so.2', Buffer.alloc(700, 6)),
            f('usr/lib/os-release', osRelease('fedora', '41', 'Fedora Linux 41 (Container Image)')),
            { path: 'etc/os-release', symlink: '../usr/lib/os-release' },
            f('etc/pki/tls/certs/ca-bundle.crt', 'certs'),
            f('usr/lib/sysimage/rpm/rpmdb.sqlite', rpmdb),
            { path: 'var/lib/rpm', symlink: '../../usr/lib/sysimage/rpm' },
            f('usr/bin/python3.13', Buffer.alloc(100, 12)),
            { path: 'usr/bin/python3', symlink: 'python3.13' },
          ],
          compression: 'gzip',
        },
      ],
      config: {},
      expect: { os: { id: 'fedora', versionId: '41', prettyName: 'Fedora Linux 41 (Container Image)' }, libc: 'glibc', shell: '/bin/sh', packageManager: 'microdnf', caCertificates: true, timezoneData: false, runtime: { name: 'python', version: '3.13', kind: null }, user: null },
      packageNames: ['bash', 'glibc-minimal-langpack', 'shadow-utils'],
    },
    {
      tag: 'traps',
      layers: [
        { entries: alpineBase, compression: 'gzip' },
        {
          // Uncompressed: /bin/sh whited out, the apk database hidden by an opaque directory.
          entries: [f('bin/.wh.sh', ''), { path: 'lib/apk/db/', dir: true }, f('lib/apk/db/.wh..wh..opq', ''), f('lib/apk/db/lock', '')],
          compression: 'none',
        },
        {
          // zstd: a shell again through a hard link to a lower layer's busybox; an opaque /etc/ssl keeping
          // what this layer wrote before the marker; os-release as a hard link; a symlink loop; python.
          entries: [
            { path: 'bin/ash', hardlink: 'bin/busybox' },
            { path: 'bin/loop1', symlink: 'loop2' },
            { path: 'bin/loop2', symlink: '/bin/loop1' },
            { path: 'bin/bash', symlink: 'loop1' },
            f('etc/ssl/certs/ca-certificates.crt', 'new certs'),
            f('etc/ssl/.wh..wh..opq', ''),
            f('usr/lib/os-release', osRelease('trap', '1', 'Trap Linux')),
            { path: 'etc/os-release', hardlink: 'usr/lib/os-release' },
            f('usr/local/bin/python3.12', Buffer.alloc(100, 13)),
            { path: 'usr/local/bin/python3', hardlink: 'usr/local/bin/python3.12' },
          ],
          compression: 'zstd',
        },
      ],
      config: { Env: ['PYTHON_VERSION=3.12.8'] },
      expect: { os: { id: 'trap', versionId: '1', prettyName: 'Trap Linux' }, libc: 'musl', shell: '/bin/ash', packageManager: 'apk', caCertificates: true, timezoneData: false, runtime: { name: 'python', version: '3.12.8', kind: null } },
      packageNames: [],
    },
  ];
}

/** Regular-file bytes over all layers, counted from the spec (hard links add nothing). */
export function specFileBytes(fx: Fixture): number {
  let n = 0;
  for (const l of fx.layers) for (const e of l.entries) if ('content' in e) n += Buffer.byteLength(e.content);
  return n;
}

/** Writes every fixture into one OCI layout, tagged by name; returns the layout and each image's descriptor. */
export async function buildLayout(list: Fixture[], dir?: string): Promise<{ layout: LayoutBuilder; images: Map<string, Awaited<ReturnType<LayoutBuilder['image']>>> }> {
  const layout = await LayoutBuilder.create(dir);
  const images = new Map<string, Awaited<ReturnType<LayoutBuilder['image']>>>();
  for (const fx of list) {
    const layers = [];
    for (const l of fx.layers) layers.push(await layout.layer(l.entries, l.compression));
    images.set(fx.tag, await layout.image(layers, { tag: fx.tag, config: fx.config }));
  }
  await layout.finish();
  return { layout, images };
}

/** The contents minus what legitimately differs by source (layer digests: legacy archives hold diff ids). */
export function comparable(c: ImageContents): unknown {
  return { ...c, layers: c.layers.map(({ digest: _d, compression: _c, ...rest }) => rest) };
}

export function assertFixture(c: ImageContents, fx: Fixture): void {
  for (const [k, v] of Object.entries(fx.expect)) assert.deepEqual(c[k as keyof ImageContents], v, `${fx.tag}: ${k}`);
  assert.deepEqual(c.packages.items.map((p) => p.name), fx.packageNames, `${fx.tag}: packages`);
  assert.equal(c.packages.count, fx.packageNames.length);
  assert.equal(c.uncompressedBytes, specFileBytes(fx), `${fx.tag}: uncompressed bytes`);
  assert.equal(c.layers.length, fx.layers.length);
}

