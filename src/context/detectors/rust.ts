// Rust: Cargo.toml and .cargo/config.toml tell whether the binary is static (musl target) and
// whether it links system libraries or needs the system trust store.

import { readToml } from '../toml-lines.js';
import type { ContextDir } from '../files.js';
import type { Evidence, NativeRequirement, RustFacts } from '../types.js';

const SYSTEM_LIBS: Record<string, string> = {
  'openssl-sys': 'links the system OpenSSL (libssl) dynamically unless the vendored feature is on',
  'native-tls': 'uses the system OpenSSL on Linux',
  'libsqlite3-sys': 'links SQLite (bundled feature makes it static)',
  'pq-sys': 'links libpq',
  'mysqlclient-sys': 'links libmysqlclient',
  'rdkafka-sys': 'builds and links librdkafka',
};

export function detectRust(dir: ContextDir): RustFacts | null {
  const text = dir.readText('Cargo.toml');
  if (text === null) return null;
  const evidence: Evidence[] = [];
  const systemLibs: NativeRequirement[] = [];
  let usesTLS: Evidence | null = null;
  let bundledRoots: Evidence | null = null;
  let version: string | null = null;
  for (const e of readToml(text)) {
    if (e.table === 'package' && e.key === 'name') evidence.push({ file: 'Cargo.toml', line: e.line, fact: `Rust crate ${e.value}` });
    if (e.table === 'package' && e.key === 'rust-version') version = e.value;
    if (!/dependencies$/.test(e.table) || /dev-dependencies$/.test(e.table)) continue;
    const name = e.key;
    if (SYSTEM_LIBS[name] || (name === 'openssl' && !/vendored/.test(e.value))) {
      const reason = SYSTEM_LIBS[name] ?? SYSTEM_LIBS['openssl-sys'];
      const ev = { file: 'Cargo.toml', line: e.line, fact: `${name}: ${reason}` };
      evidence.push(ev);
      systemLibs.push({ ecosystem: 'rust', package: name, version: null, reason, evidence: ev });
    }
    if (!usesTLS && /^(reqwest|hyper-tls|hyper-rustls|rustls|native-tls|ureq|tokio-rustls|aws-sdk-|rusoto)/.test(name)) {
      usesTLS = { file: 'Cargo.toml', line: e.line, fact: `${name} makes TLS connections: the binary needs CA certificates` };
    }
    if (!bundledRoots && (name === 'webpki-roots' || /rustls-tls-webpki-roots/.test(e.value))) {
      bundledRoots = { file: 'Cargo.toml', line: e.line, fact: 'webpki-roots bundles the Mozilla CA list into the binary' };
    }
  }
  let muslTarget: Evidence | null = null;
  for (const file of ['.cargo/config.toml', '.cargo/config']) {
    const cfg = dir.readText(file);
    const m = cfg === null ? null : /^\s*target\s*=\s*["']([^"']*musl[^"']*)["']/m.exec(cfg);
    if (m) {
      const line = cfg!.slice(0, m.index).split('\n').length + (cfg![m.index] === '\n' ? 1 : 0);
      muslTarget = { file, line, fact: `builds for ${m[1]}: a static binary` };
      evidence.push(muslTarget);
    }
  }
  for (const e of [usesTLS, bundledRoots]) if (e) evidence.push(e);
  return { ecosystem: 'rust', evidence, native: systemLibs, version, muslTarget, systemLibs, usesTLS, bundledRoots };
}
