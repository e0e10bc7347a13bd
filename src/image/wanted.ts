// The only file bodies plinth keeps while streaming layers: small, known paths (tar paths, no leading /).

const EXACT = new Set([
  'etc/os-release',
  'usr/lib/os-release',
  'etc/apk/repositories',
  'var/lib/dpkg/status',
  'lib/apk/db/installed',
  'usr/lib/apk/db/installed',
  'var/lib/rpm/rpmdb.sqlite',
  'usr/lib/sysimage/rpm/rpmdb.sqlite',
  'opt/java/openjdk/release',
  'usr/local/include/node/node_version.h',
  'usr/include/node/node_version.h',
]);

/** A body filter for one image: `JAVA_HOME` from its config adds that JDK's `release` file. */
export function wantedBodies(env: Map<string, string>): (path: string) => boolean {
  const exact = new Set(EXACT);
  const javaHome = env.get('JAVA_HOME');
  if (javaHome) exact.add(`${javaHome.replace(/^\/+|\/+$/g, '')}/release`);
  return (path) =>
    exact.has(path) ||
    (path.startsWith('var/lib/dpkg/status.d/') && !path.endsWith('.md5sums') && path.indexOf('/', 23) === -1) ||
    /^usr\/lib\/jvm\/[^/]+\/release$/.test(path);
}

export function configEnv(env: string[] | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const kv of env ?? []) {
    const i = kv.indexOf('=');
    if (i > 0) out.set(kv.slice(0, i), kv.slice(i + 1));
  }
  return out;
}
