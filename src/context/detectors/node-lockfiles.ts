// Reads the npm, yarn (classic and berry) and pnpm lockfiles into one list of packages with the
// line each entry starts on. Only what the advisor needs: names, versions, flags and edges.

import { parseJsonWithLines, isObject, type Json } from '../json-lines.js';

export interface LockPackage {
  name: string;
  version: string | null;
  line: number;
  /** Flags when the lockfile records them (npm, pnpm v5-v8); undefined means "derive from the graph". */
  dev?: boolean;
  optional?: boolean;
  /** `hasInstallScript` (npm v2+) or `requiresBuild` (pnpm); null when the format does not say. */
  installScript: boolean | null;
  dependencies: string[];
  optionalDependencies: string[];
}

export interface Lockfile {
  file: string;
  /** `npm v1`, `npm v3`, `yarn classic`, `yarn berry`, `pnpm 9.0`. */
  format: string;
  packages: LockPackage[];
}

const names = (v: Json | undefined): string[] => (isObject(v) ? Object.keys(v) : []);

export function parsePackageLock(file: string, text: string): Lockfile {
  const doc = parseJsonWithLines(text);
  const root = doc.value;
  if (!isObject(root)) throw new Error('not a package-lock object');
  const version = typeof root.lockfileVersion === 'number' ? root.lockfileVersion : 1;
  const packages: LockPackage[] = [];
  if (isObject(root.packages)) {
    const packagesObject = root.packages;
    for (const [key, entry] of Object.entries(packagesObject)) {
      const at = key.lastIndexOf('node_modules/');
      if (at < 0 || !isObject(entry) || entry.link === true) continue;
      packages.push({
        name: typeof entry.name === 'string' ? entry.name : key.slice(at + 'node_modules/'.length),
        version: typeof entry.version === 'string' ? entry.version : null,
        // (Worked out only for the few packages evidence names: a line costs a scan of the text.)
        get line() {
          return doc.lineOf(packagesObject, key) ?? 1;
        },
        dev: entry.dev === true,
        optional: entry.optional === true || entry.devOptional === true,
        installScript: entry.hasInstallScript === true,
        dependencies: names(entry.dependencies),
        optionalDependencies: names(entry.optionalDependencies),
      });
    }
  } else {
    // v1: nested `dependencies` trees; `requires` lists edges, no install-script flag.
    const walk = (deps: Json | undefined): void => {
      if (!isObject(deps)) return;
      for (const [name, entry] of Object.entries(deps)) {
        if (!isObject(entry)) continue;
        packages.push({
          name,
          version: typeof entry.version === 'string' ? entry.version : null,
          get line() {
            return doc.lineOf(deps, name) ?? 1;
          },
          dev: entry.dev === true,
          optional: entry.optional === true,
          installScript: null,
          dependencies: names(entry.requires),
          optionalDependencies: [],
        });
        walk(entry.dependencies);
      }
    };
    walk(root.dependencies);
  }
  return { file, format: `npm v${version}`, packages };
}

interface Line {
  indent: number;
  text: string;
  line: number;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    out.push({ indent: raw.length - trimmed.length, text: trimmed.trimEnd(), line: i + 1 });
  });
  return out;
}

const unquote = (s: string): string => s.trim().replace(/^(["'])(.*)\1$/, '$2');

/** `key value` (yarn classic) or `key: value` (YAML), with quotes removed. */
function keyValue(text: string): [string, string] {
  const m = /^("[^"]*"|'[^']*'|[^\s:]+):?\s*(.*)$/.exec(text);
  return m ? [unquote(m[1]), unquote(m[2])] : [text, ''];
}

/** Package name of a yarn spec: `@scope/pkg@npm:^1.0` -> `@scope/pkg`. */
function specName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at < 0 ? spec : spec.slice(0, at);
}

export function parseYarnLock(file: string, text: string): Lockfile {
  const berry = /^__metadata:/m.test(text);
  const packages: LockPackage[] = [];
  let current: LockPackage | null = null;
  let block: 'dependencies' | 'optionalDependencies' | 'dependenciesMeta' | null = null;
  let metaName: string | null = null;
  for (const l of lines(text)) {
    if (l.indent === 0) {
      block = null;
      const specs = l.text.replace(/:$/, '').split(/,\s*/).map(unquote);
      if (specs[0] === '__metadata' || specs[0].endsWith('@workspace:.')) {
        current = null;
        continue;
      }
      current = { name: specName(specs[0]), version: null, line: l.line, installScript: null, dependencies: [], optionalDependencies: [] };
      packages.push(current);
      continue;
    }
    if (!current) continue;
    if (l.indent === 2) {
      const [key, value] = keyValue(l.text);
      block = key === 'dependencies' || key === 'optionalDependencies' || key === 'dependenciesMeta' ? key : null;
      if (key === 'version') current.version = value;
    } else if (block === 'dependenciesMeta') {
      const [key, value] = keyValue(l.text);
      if (l.indent === 4) metaName = key;
      else if (key === 'optional' && value === 'true' && metaName) {
        current.dependencies = current.dependencies.filter((d) => d !== metaName);
        current.optionalDependencies.push(metaName);
      }
    } else if (block && l.indent === 4) {
      current[block].push(keyValue(l.text)[0]);
    }
  }
  return { file, format: berry ? 'yarn berry' : 'yarn classic', packages };
}

/** pnpm keys: `/name/1.0.0` (v5), `/name@1.0.0(peer@1)` (v6), `name@1.0.0` (v9). */
function pnpmKey(key: string): { name: string; version: string | null } {
  const k = unquote(key).replace(/^\//, '').replace(/\(.*$/, '');
  const at = k.lastIndexOf('@');
  if (at > 0) return { name: k.slice(0, at), version: k.slice(at + 1) };
  const slash = k.lastIndexOf('/');
  return slash > 0 ? { name: k.slice(0, slash), version: k.slice(slash + 1).replace(/_.*$/, '') } : { name: k, version: null };
}

export function parsePnpmLock(file: string, text: string): Lockfile {
  const version = /^lockfileVersion:\s*['"]?([\d.]+)/m.exec(text)?.[1] ?? '?';
  const byKey = new Map<string, LockPackage>();
  let section = '';
  let current: LockPackage | null = null;
  let block: string | null = null;
  for (const l of lines(text)) {
    if (l.indent === 0) {
      section = keyValue(l.text)[0];
      current = null;
      continue;
    }
    if (section !== 'packages' && section !== 'snapshots') continue;
    if (l.indent === 2) {
      const key = l.text.replace(/:\s*(\{\})?$/, '');
      const { name, version: v } = pnpmKey(key);
      const id = `${name}@${v}`;
      current = byKey.get(id) ?? null;
      if (!current) {
        current = { name, version: v, line: l.line, installScript: null, dependencies: [], optionalDependencies: [] };
        byKey.set(id, current);
      }
      block = null;
      continue;
    }
    if (!current) continue;
    const [key, value] = keyValue(l.text);
    if (l.indent === 4) {
      block = key;
      if (key === 'requiresBuild') current.installScript = value === 'true';
      if (key === 'dev') current.dev = value === 'true';
      if (key === 'optional') current.optional = value === 'true';
    } else if (l.indent === 6 && (block === 'dependencies' || block === 'optionalDependencies')) {
      current[block].push(key);
    }
  }
  return { file, format: `pnpm ${version}`, packages: [...byKey.values()] };
}
