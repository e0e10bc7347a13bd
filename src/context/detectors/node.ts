// Node.js: package.json and the lockfile tell which packages ship native addons at run time.

import { pushAll } from '../../util/push-all.js';
import { parseJsonWithLines, isObject, type Json, type LinedJson } from '../json-lines.js';
import { parsePackageLock, parsePnpmLock, parseYarnLock, type LockPackage, type Lockfile } from './node-lockfiles.js';
import { NODE_NATIVE, HARMLESS_INSTALL_SCRIPTS, NATIVE_INSTALL_COMMAND } from '../data/node-native.js';
import type { ContextDir } from '../files.js';
import type { EcosystemFacts, Evidence, NativeRequirement } from '../types.js';

const LOCKFILES: [string, (file: string, text: string) => Lockfile][] = [
  ['package-lock.json', parsePackageLock],
  ['npm-shrinkwrap.json', parsePackageLock],
  ['yarn.lock', parseYarnLock],
  ['pnpm-lock.yaml', parsePnpmLock],
];

type Status = 'required' | 'optional' | 'dev';

export function detectNode(dir: ContextDir, warnings: string[]): EcosystemFacts | null {
  const text = dir.readText('package.json');
  if (text === null) return null;
  const evidence: Evidence[] = [];
  const native: NativeRequirement[] = [];
  let pkg: LinedJson;
  try {
    pkg = parseJsonWithLines(text);
  } catch (err) {
    warnings.push(`package.json:${(err as { line?: number }).line ?? 1}: ${(err as Error).message}`);
    return { ecosystem: 'node', evidence, native, version: null };
  }
  const root = isObject(pkg.value) ? pkg.value : {};
  const deps = (key: string): Record<string, Json> => (isObject(root[key]) ? (root[key] as Record<string, Json>) : {});
  const prod = deps('dependencies');
  const optionalRoots = deps('optionalDependencies');
  const devRoots = deps('devDependencies');
  evidence.push({ file: 'package.json', line: 1, fact: `Node.js project with ${plural(Object.keys(prod).length, 'dependency', 'dependencies')}` });

  const engines = root.engines;
  let version: string | null = null;
  if (isObject(engines) && typeof engines.node === 'string') {
    version = engines.node;
    evidence.push({ file: 'package.json', line: pkg.lineOf(engines, 'node'), fact: `engines.node is "${engines.node}"` });
  }

  // The app itself builds an addon.
  const scripts = isObject(root.scripts) ? root.scripts : {};
  if (root.gypfile === true || dir.exists('binding.gyp')) {
    const line = root.gypfile === true ? pkg.lineOf(root, 'gypfile') : null;
    const e = { file: root.gypfile === true ? 'package.json' : 'binding.gyp', line, fact: 'the app builds its own native addon (node-gyp)' };
    native.push({ ecosystem: 'node', package: typeof root.name === 'string' ? root.name : 'the app', version: null, reason: 'compiled with node-gyp against the libc of the build image', evidence: e });
  }
  for (const hook of ['preinstall', 'install', 'postinstall']) {
    const cmd = scripts[hook];
    if (typeof cmd === 'string' && NATIVE_INSTALL_COMMAND.test(cmd)) {
      const e = { file: 'package.json', line: pkg.lineOf(scripts, hook), fact: `the "${hook}" script runs ${NATIVE_INSTALL_COMMAND.exec(cmd)![1]}` };
      native.push({ ecosystem: 'node', package: typeof root.name === 'string' ? root.name : 'the app', version: null, reason: 'builds a native addon at install', evidence: e });
    }
  }

  let lock: Lockfile | null = null;
  for (const [file, parse] of LOCKFILES) {
    const body = dir.readText(file);
    if (body === null) continue;
    try {
      lock = parse(file, body);
      evidence.push({ file, line: 1, fact: `${file} (${lock.format}) locks ${lock.packages.length} packages` });
      break;
    } catch (err) {
      warnings.push(`${file}:${(err as { line?: number }).line ?? 1}: ${(err as Error).message}`);
    }
  }

  if (!lock) {
    // No lockfile: only what package.json names directly.
    for (const [section, list] of [['dependencies', prod], ['optionalDependencies', optionalRoots]] as const) {
      for (const [name, range] of Object.entries(list)) {
        const known = NODE_NATIVE[name];
        if (!known) continue;
        const e = { file: 'package.json', line: pkg.lineOf(list, name), fact: `${name} ${String(range)} builds a native addon` };
        if (section === 'optionalDependencies') evidence.push({ ...e, fact: `${name} is optional: the app must cope without it, so it is not a glibc requirement` });
        else native.push({ ecosystem: 'node', package: name, version: String(range), reason: known.reason, evidence: e });
      }
    }
    return { ecosystem: 'node', evidence, native, version };
  }

  const status = classify(lock.packages, Object.keys(prod), Object.keys(optionalRoots), Object.keys(devRoots));
  const parents = parentIndex(lock.packages);
  const seen = new Set<string>();
  for (const p of lock.packages) {
    const why = nativeReason(dir, p);
    if (!why || seen.has(`${p.name}@${p.version}`)) continue;
    seen.add(`${p.name}@${p.version}`);
    const st = status(p);
    const label = `${p.name}${p.version ? ` ${p.version}` : ''}`;
    if (st === 'dev') {
      evidence.push({ file: lock.file, line: p.line, fact: `${label} builds a native addon but is a dev dependency (not in the runtime image)` });
      continue;
    }
    const parent = parents.get(p.name);
    if (st === 'optional') {
      const via = parent?.optional ? ` of ${parent.optional}` : '';
      evidence.push({ file: lock.file, line: p.line, fact: `${label} is an optional native dependency${via}: it falls back without it, not a glibc requirement` });
      continue;
    }
    const direct = p.name in prod;
    const via = direct ? '' : parent?.required ? ` (transitive, via ${parent.required})` : ' (transitive)';
    const e = { file: lock.file, line: p.line, fact: `${label} builds a native addon${via}` };
    evidence.push(e);
    native.push({ ecosystem: 'node', package: p.name, version: p.version, reason: why, evidence: e });
  }
  return { ecosystem: 'node', evidence, native, version };
}

const hasModules = new WeakMap<ContextDir, boolean>();
const installedModules = (dir: ContextDir): boolean => {
  let has = hasModules.get(dir);
  if (has === undefined) hasModules.set(dir, (has = dir.list('node_modules') !== null));
  return has;
};

function nativeReason(dir: ContextDir, p: LockPackage): string | null {
  const known = NODE_NATIVE[p.name];
  if (known) return known.reason;
  if (HARMLESS_INSTALL_SCRIPTS.has(p.name)) return null;
  // Most build contexts hold no node_modules: then nothing installed is probed, per package.
  if (!installedModules(dir)) return p.installScript ? 'runs an install script (hasInstallScript), which usually builds a native addon' : null;
  const base = `node_modules/${p.name}`;
  if (dir.exists(`${base}/binding.gyp`)) return 'has a binding.gyp: compiled with node-gyp at install';
  const installed = dir.readText(`${base}/package.json`);
  if (installed) {
    try {
      const meta = JSON.parse(installed) as { gypfile?: boolean; scripts?: Record<string, string> };
      if (meta.gypfile) return 'declares gypfile: compiled with node-gyp at install';
      const cmd = Object.values(meta.scripts ?? {}).find((s) => typeof s === 'string' && NATIVE_INSTALL_COMMAND.test(s));
      if (cmd) return `its install script runs ${NATIVE_INSTALL_COMMAND.exec(cmd)![1]}`;
      if (p.installScript) return null;
    } catch {
      // an unreadable installed package.json says nothing either way
    }
  }
  if (p.installScript) return 'runs an install script (hasInstallScript), which usually builds a native addon';
  return null;
}

/** Required, optional-only or dev-only: from the lockfile's flags, else by walking from package.json. */
function classify(packages: LockPackage[], prod: string[], optional: string[], dev: string[]): (p: LockPackage) => Status {
  const byName = new Map<string, LockPackage[]>();
  for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const reach = (roots: string[], withOptional: boolean): Set<string> => {
    const out = new Set<string>();
    const queue = [...roots];
    while (queue.length) {
      const name = queue.pop()!;
      if (out.has(name)) continue;
      out.add(name);
      for (const p of byName.get(name) ?? []) {
        pushAll(queue, p.dependencies);
        if (withOptional) pushAll(queue, p.optionalDependencies);
      }
    }
    return out;
  };
  const haveRoots = prod.length + optional.length + dev.length > 0;
  const required = reach(prod, false);
  const runtime = reach([...prod, ...optional], true);
  return (p) => {
    const isDev = p.dev ?? (haveRoots && !runtime.has(p.name));
    if (isDev) return 'dev';
    const isOptional = p.optional ?? (haveRoots && !required.has(p.name));
    return isOptional ? 'optional' : 'required';
  };
}

/** For each name, one package that depends on it (required edge) and one that lists it as optional. */
function parentIndex(packages: LockPackage[]): Map<string, { required?: string; optional?: string }> {
  const out = new Map<string, { required?: string; optional?: string }>();
  for (const p of packages) {
    for (const d of p.dependencies) {
      const e = out.get(d) ?? {};
      e.required ??= p.name;
      out.set(d, e);
    }
    for (const d of p.optionalDependencies) {
      const e = out.get(d) ?? {};
      e.optional ??= p.name;
      out.set(d, e);
    }
  }
  return out;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
