// Python: requirements files, pyproject.toml (PEP 621 and Poetry) and the lockfiles
// (Pipfile.lock, poetry.lock, uv.lock) tell which C extensions the app needs at run time.

import { parseJsonWithLines, isObject } from '../json-lines.js';
import { readToml, tomlArray } from '../toml-lines.js';
import { PYTHON_NATIVE, normalizePythonName } from '../data/python-native.js';
import { compareVersions, type ContextDir } from '../files.js';
import type { EcosystemFacts, Evidence, NativeRequirement } from '../types.js';

interface Requirement {
  name: string;
  version: string | null;
  file: string;
  line: number;
  dev: boolean;
}

/** Wheels that bundle their libraries: the usual trap next to a source-only sibling. */
const BUNDLED: Record<string, string> = {
  'psycopg2-binary': 'psycopg2-binary ships wheels with libpq bundled (manylinux and musllinux): no system library needed',
  'psycopg-binary': 'psycopg-binary ships wheels with libpq bundled: no system library needed',
  'mysql-connector-python': 'mysql-connector-python is pure Python (the C extension is optional)',
  pymysql: 'PyMySQL is pure Python',
};

/** `name[extra]==1.2 ; marker` -> name and pinned version. */
function parseSpec(spec: string): { name: string; version: string | null } | null {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?:(===?|~=|>=|<=|!=|<|>)\s*([A-Za-z0-9.*+!-]+))?/.exec(spec);
  if (!m) return null;
  return { name: m[1], version: m[3] === '==' || m[3] === '===' ? m[4] : null };
}

function fromRequirements(dir: ContextDir, file: string, out: Requirement[], seen: Set<string>): void {
  if (seen.has(file)) return;
  seen.add(file);
  const text = dir.readText(file);
  if (text === null) return;
  const dev = /dev|test|lint|doc/i.test(file);
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.replace(/(^|\s)#.*$/, '').trim();
    const include = /^-(?:r|c|-requirement)\s*=?\s*(\S+)/.exec(t);
    if (include) {
      const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
      fromRequirements(dir, base + include[1], out, seen);
      return;
    }
    if (t === '' || t.startsWith('-') || /^[a-z+]+:\/\//i.test(t)) return;
    const spec = parseSpec(t);
    if (spec) out.push({ ...spec, file, line: i + 1, dev });
  });
}

function fromPyproject(dir: ContextDir, out: Requirement[], evidence: Evidence[]): string | null {
  const text = dir.readText('pyproject.toml');
  if (text === null) return null;
  let python: string | null = null;
  for (const e of readToml(text)) {
    if (e.table === 'project' && e.key === 'requires-python') {
      python = e.value;
      evidence.push({ file: 'pyproject.toml', line: e.line, fact: `requires-python is "${e.value}"` });
    }
    if (e.table === 'project' && e.key === 'dependencies' && e.items) {
      for (const item of e.items) {
        const spec = parseSpec(item.value);
        if (spec) out.push({ ...spec, file: 'pyproject.toml', line: item.line, dev: false });
      }
    }
    const poetry = /^tool\.poetry\.(dependencies|dev-dependencies|group\.[^.]+\.dependencies)$/.exec(e.table);
    if (poetry) {
      if (e.key === 'python') {
        python ??= e.value;
        evidence.push({ file: 'pyproject.toml', line: e.line, fact: `Poetry python constraint is "${e.value}"` });
        continue;
      }
      const pinned = /^=?=?\s*(\d[\w.]*)$/.exec(e.value);
      const dev = poetry[1] !== 'dependencies' && !/group\.main\./.test(e.table);
      out.push({ name: e.key, version: pinned ? pinned[1] : null, file: 'pyproject.toml', line: e.line, dev });
    }
  }
  return python;
}

function fromLocks(dir: ContextDir, out: Requirement[], evidence: Evidence[], warnings: string[]): void {
  for (const file of ['poetry.lock', 'uv.lock']) {
    const text = dir.readText(file);
    if (text === null) continue;
    const pkgs = tomlArray(readToml(text), 'package');
    evidence.push({ file, line: 1, fact: `${file} locks ${pkgs.length} packages` });
    for (const p of pkgs) {
      const name = p.get('name');
      if (!name) continue;
      const category = p.get('category')?.value;
      out.push({ name: name.value, version: p.get('version')?.value ?? null, file, line: name.line, dev: category === 'dev' });
    }
  }
  const pipfile = dir.readText('Pipfile.lock');
  if (pipfile !== null) {
    try {
      const doc = parseJsonWithLines(pipfile);
      const root = isObject(doc.value) ? doc.value : {};
      for (const section of ['default', 'develop']) {
        const deps = root[section];
        if (!isObject(deps)) continue;
        for (const [name, entry] of Object.entries(deps)) {
          const v = isObject(entry) && typeof entry.version === 'string' ? entry.version.replace(/^==/, '') : null;
          out.push({ name, version: v, file: 'Pipfile.lock', line: doc.lineOf(deps, name) ?? 1, dev: section === 'develop' });
        }
      }
      evidence.push({ file: 'Pipfile.lock', line: 1, fact: 'Pipfile.lock pins the dependency tree' });
    } catch (err) {
      warnings.push(`Pipfile.lock:${(err as { line?: number }).line ?? 1}: ${(err as Error).message}`);
    }
  }
}

export function detectPython(dir: ContextDir, warnings: string[]): EcosystemFacts | null {
  const evidence: Evidence[] = [];
  const reqs: Requirement[] = [];
  const seen = new Set<string>();
  for (const f of dir.findFiles((n) => /^requirements.*\.(txt|in)$/.test(n), 1)) fromRequirements(dir, f, reqs, seen);
  const python = fromPyproject(dir, reqs, evidence);
  fromLocks(dir, reqs, evidence, warnings);
  const versionFile = dir.readText('.python-version')?.trim() || null;
  if (versionFile) evidence.push({ file: '.python-version', line: 1, fact: `.python-version asks for ${versionFile}` });
  if (reqs.length === 0 && seen.size === 0 && python === null && evidence.length === 0) return null;

  const native: NativeRequirement[] = [];
  const byName = new Map<string, Requirement[]>();
  for (const r of reqs) {
    const key = normalizePythonName(r.name);
    byName.set(key, [...(byName.get(key) ?? []), r]);
  }
  for (const [key, list] of byName) {
    const first = list[0];
    const version = list.find((r) => r.version)?.version ?? null;
    const label = `${first.name}${version ? ` ${version}` : ''}`;
    if (BUNDLED[key]) {
      evidence.push({ file: first.file, line: first.line, fact: BUNDLED[key] });
      continue;
    }
    const known = PYTHON_NATIVE[key];
    if (!known) continue;
    if (known.below && (version === null || compareVersions(version, known.below) >= 0)) continue;
    if (list.every((r) => r.dev)) {
      evidence.push({ file: first.file, line: first.line, fact: `${label} has a C extension but is only a development dependency` });
      continue;
    }
    const e = { file: first.file, line: first.line, fact: `${label} is a C extension: ${known.reason}` };
    evidence.push(e);
    native.push({ ecosystem: 'python', package: first.name, version, reason: known.reason, evidence: e });
  }
  if (reqs.length) evidence.unshift({ file: reqs[0].file, line: null, fact: `Python project with ${byName.size} ${byName.size === 1 ? 'dependency' : 'dependencies'}` });
  return { ecosystem: 'python', evidence, native, version: versionFile ?? python };
}
