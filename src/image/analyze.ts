// What the merged file system says: OS, libc, shell, package manager, packages, certificates, runtime.
import { pushAll } from '../util/push-all.js';
import type { ImageFilesystem } from './filesystem.js';
import { checkPackageCount, MAX_PACKAGES, parseApkInstalled, parseDpkgStatus, sortPackages, tooMany } from './packages.js';
import { readRpmSqlite } from './rpm.js';
import type { ImageContents, PackageEcosystem, PackageItem, Runtime } from './types.js';

type Analysis = Pick<ImageContents, 'os' | 'libc' | 'shell' | 'packageManager' | 'packages' | 'caCertificates' | 'timezoneData' | 'runtime'>;

const SHELLS = ['/bin/sh', '/bin/bash', '/bin/ash', '/busybox/sh'];
const BIN_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const MANAGERS: [NonNullable<ImageContents['packageManager']>, string][] = [
  ['apk', 'apk'],
  ['apt', 'apt-get'],
  ['dnf', 'dnf'],
  ['microdnf', 'microdnf'],
  ['yum', 'yum'],
];
const CA_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

export async function analyze(fs: ImageFilesystem, env: Map<string, string>, warnings: string[]): Promise<Analysis> {
  const packages = await readPackages(fs, warnings);
  return {
    os: readOs(fs),
    libc: detectLibc(fs),
    shell: SHELLS.find((s) => fs.isFile(s)) ?? null,
    packageManager: MANAGERS.find(([, exe]) => findExecutable(fs, exe) !== null)?.[0] ?? null,
    packages,
    caCertificates: CA_BUNDLES.some((p) => {
      const r = fs.resolve(p);
      return r?.node.kind === 'file' && r.node.inode.size > 0;
    }),
    timezoneData: fs.hasFilesUnder('/usr/share/zoneinfo'),
    runtime: detectRuntime(fs, env),
  };
}

export function parseOsRelease(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!.trim();
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1).replace(/\\(["$`\\])/g, '$1');
    out.set(m[1]!, v);
  }
  return out;
}

/**
 * The Alpine branch the package manager installs from (`v3.20`, `edge`): the first repository line
 * of /etc/apk/repositories. It outranks os-release for matching, since `apk upgrade` against newer
 * repositories moves the packages.
 */
export function alpineBranch(body: string): string | null {
  for (const raw of body.split('\n').slice(0, 64)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /\/alpine\/(v\d{1,2}\.\d{1,3}|edge)\//.exec(line);
    return m ? m[1]! : null;
  }
  return null;
}

function readOs(fs: ImageFilesystem): ImageContents['os'] {
  const body = fs.read('/etc/os-release') ?? fs.read('/usr/lib/os-release');
  const repositories = fs.read('/etc/apk/repositories');
  // (A real file is a few lines: only its first 64 KiB are split.)
  const branch = repositories ? alpineBranch(repositories.subarray(0, 64 * 1024).toString('utf8')) : null;
  if (!body) return branch ? { id: 'alpine', versionId: null, prettyName: null, alpineBranch: branch } : null;
  const kv = parseOsRelease(body.toString('utf8'));
  return { id: kv.get('ID') ?? null, versionId: kv.get('VERSION_ID') ?? null, prettyName: kv.get('PRETTY_NAME') ?? null, ...(branch ? { alpineBranch: branch } : {}) };
}

function detectLibc(fs: ImageFilesystem): ImageContents['libc'] {
  if (fs.list('/lib').some((n) => /^ld-musl-.+\.so\.1$/.test(n) && fs.isFile(`/lib/${n}`))) return 'musl';
  const libDirs = [
    ...fs.list('/').filter((n) => /^lib/.test(n)).map((n) => `/${n}`),
    ...fs.list('/usr').filter((n) => /^lib/.test(n)).map((n) => `/usr/${n}`),
  ];
  const dirs = [...libDirs, ...libDirs.flatMap((d) => fs.list(d).filter((n) => /-linux-gnu/.test(n)).map((n) => `${d}/${n}`))];
  for (const d of dirs) {
    if (fs.list(d).some((n) => (/^ld-linux.*\.so\.\d+$/.test(n) || n === 'libc.so.6') && fs.isFile(`${d}/${n}`))) return 'glibc';
  }
  return null;
}

function findExecutable(fs: ImageFilesystem, name: string): string | null {
  for (const d of BIN_DIRS) if (fs.isFile(`${d}/${name}`)) return `${d}/${name}`;
  return null;
}

async function readPackages(fs: ImageFilesystem, warnings: string[]): Promise<ImageContents['packages']> {
  const found: { ecosystem: PackageEcosystem; items: PackageItem[] }[] = [];
  const dpkg: PackageItem[] = [];
  let hasDpkg = false;
  const status = fs.read('/var/lib/dpkg/status');
  if (status) {
    hasDpkg = true;
    checkPackageCount(status);
    pushAll(dpkg, parseDpkgStatus(status.toString('utf8')));
  }
  for (const n of fs.list('/var/lib/dpkg/status.d')) {
    const body = fs.read(`/var/lib/dpkg/status.d/${n}`);
    if (!body || n.endsWith('.md5sums')) continue;
    hasDpkg = true;
    pushAll(dpkg, parseDpkgStatus(body.toString('utf8')));
    // (Each status.d file is bounded; so is their sum.)
    if (dpkg.length > MAX_PACKAGES) throw tooMany();
  }
  if (hasDpkg) found.push({ ecosystem: 'deb', items: dedupe(dpkg) });
  const apk = fs.read('/lib/apk/db/installed') ?? fs.read('/usr/lib/apk/db/installed');
  if (apk) {
    checkPackageCount(apk);
    found.push({ ecosystem: 'apk', items: parseApkInstalled(apk.toString('utf8')) });
  }
  const rpmdb = fs.read('/var/lib/rpm/rpmdb.sqlite') ?? fs.read('/usr/lib/sysimage/rpm/rpmdb.sqlite');
  if (rpmdb) {
    try {
      found.push({ ecosystem: 'rpm', items: await readRpmSqlite(rpmdb) });
    } catch (err) {
      warnings.push(`rpm database unreadable: ${(err as Error).message}`);
    }
  } else if (fs.isFile('/var/lib/rpm/Packages') || fs.isFile('/var/lib/rpm/Packages.db')) {
    warnings.push('rpm database in the Berkeley DB or ndb format is not read (only rpmdb.sqlite)');
  }
  if (found.length === 0) return { ecosystem: null, count: 0, items: [] };
  // Several databases (rare): the one with the most packages describes the image.
  const best = found.reduce((a, b) => (b.items.length > a.items.length ? b : a));
  return { ecosystem: best.ecosystem, count: best.items.length, items: sortPackages(best.items) };
}

function dedupe(items: PackageItem[]): PackageItem[] {
  const seen = new Map<string, PackageItem>();
  for (const i of items) seen.set(`${i.name}\0${i.architecture ?? ''}`, i);
  return [...seen.values()];
}

function detectRuntime(fs: ImageFilesystem, env: Map<string, string>): Runtime | null {
  const node = ['/usr/local/bin/node', '/usr/bin/node', '/nodejs/bin/node'].find((p) => fs.isFile(p));
  if (node) return { name: 'node', version: env.get('NODE_VERSION') ?? nodeHeaderVersion(fs), kind: null };
  const java = javaRuntime(fs, env);
  if (java) return java;
  const python = ['/usr/local/bin/python3', '/usr/bin/python3', '/usr/local/bin/python', '/usr/bin/python'].map((p) => fs.resolve(p)).find((r) => r?.node.kind === 'file');
  if (python) {
    const fromName = /python(\d+\.\d+)$/.exec(python.path)?.[1] ?? null;
    return { name: 'python', version: env.get('PYTHON_VERSION') ?? fromName, kind: null };
  }
  return null;
}

function nodeHeaderVersion(fs: ImageFilesystem): string | null {
  const h = (fs.read('/usr/local/include/node/node_version.h') ?? fs.read('/usr/include/node/node_version.h'))?.toString('utf8');
  if (!h) return null;
  const part = (k: string): string | undefined => new RegExp(`#define NODE_${k}_VERSION (\\d+)`).exec(h)?.[1];
  const [a, b, c] = [part('MAJOR'), part('MINOR'), part('PATCH')];
  return a && b && c ? `${a}.${b}.${c}` : null;
}

function javaRuntime(fs: ImageFilesystem, env: Map<string, string>): Runtime | null {
  const candidates = [env.get('JAVA_HOME') ? `${env.get('JAVA_HOME')}/bin/java` : null, '/opt/java/openjdk/bin/java', '/usr/bin/java', '/usr/local/bin/java', ...fs.list('/usr/lib/jvm').map((d) => `/usr/lib/jvm/${d}/bin/java`)];
  for (const c of candidates) {
    if (!c) continue;
    const r = fs.resolve(c);
    if (r?.node.kind !== 'file') continue;
    const home = r.path.replace(/\/bin\/java$/, '');
    const release = parseOsRelease(fs.read(`${home}/release`)?.toString('utf8') ?? '');
    const envVersion = env.get('JAVA_VERSION')?.replace(/^jdk-?/, '').replace(/\+.*$/, '') ?? null;
    return { name: 'java', version: release.get('JAVA_VERSION') ?? envVersion, kind: fs.isFile(`${home}/bin/javac`) ? 'jdk' : 'jre' };
  }
  return null;
}
