// PHP: composer.json `ext-*` requirements name the extensions; a few exist only as glibc builds.

import { parseJsonWithLines, isObject } from '../json-lines.js';
import type { ContextDir } from '../files.js';
import type { EcosystemFacts, Evidence, NativeRequirement } from '../types.js';

const GLIBC_EXTENSIONS: Record<string, string> = {
  'ext-oci8': 'needs Oracle Instant Client, which is built for glibc only',
  'ext-pdo_oci': 'needs Oracle Instant Client, which is built for glibc only',
  'ext-ioncube': 'the ionCube loader is distributed as glibc builds',
};

export function detectPhp(dir: ContextDir, warnings: string[]): EcosystemFacts | null {
  const text = dir.readText('composer.json');
  if (text === null) return null;
  const evidence: Evidence[] = [];
  const native: NativeRequirement[] = [];
  let version: string | null = null;
  try {
    const doc = parseJsonWithLines(text);
    const root = isObject(doc.value) ? doc.value : {};
    const require = isObject(root.require) ? root.require : {};
    for (const [name, range] of Object.entries(require)) {
      const line = doc.lineOf(require, name);
      if (name === 'php') {
        version = String(range);
        evidence.push({ file: 'composer.json', line, fact: `requires PHP ${String(range)}` });
      } else if (name.startsWith('ext-')) {
        const reason = GLIBC_EXTENSIONS[name];
        const e = { file: 'composer.json', line, fact: reason ? `${name}: ${reason}` : `needs the ${name.slice(4)} extension` };
        evidence.push(e);
        if (reason) native.push({ ecosystem: 'php', package: name, version: String(range), reason, evidence: e });
      }
    }
  } catch (err) {
    warnings.push(`composer.json:${(err as { line?: number }).line ?? 1}: ${(err as Error).message}`);
  }
  return { ecosystem: 'php', evidence, native, version };
}
