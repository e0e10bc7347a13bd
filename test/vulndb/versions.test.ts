// Every ordering case of ../shared/conformance/versions (from osv-scalibr's test data) must hold, both ways.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compareApk, compareDpkg, compareRpm, type VersionCompare } from '../../src/vulndb/versions/index.js';
import { SHARED } from '../helpers/shared.js';

const DIR = join(SHARED, 'conformance/versions');

function cases(file: string): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const line of readFileSync(join(DIR, file), 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = /^(\S+) ([<=>]) (\S+)$/.exec(line.trim());
    assert.ok(m, `a case line: ${line}`);
    out.push([m[1]!, m[2]!, m[3]!]);
  }
  return out;
}

const sign = (n: number): string => (n < 0 ? '<' : n > 0 ? '>' : '=');
const flip: Record<string, string> = { '<': '>', '>': '<', '=': '=' };

function check(compare: VersionCompare, files: string[], least: number): void {
  let n = 0;
  const wrong: string[] = [];
  for (const file of files) {
    for (const [a, op, b] of cases(file)) {
      n++;
      if (sign(compare(a, b)) !== op) wrong.push(`${file}: ${a} ${op} ${b} (got ${sign(compare(a, b))})`);
      if (sign(compare(b, a)) !== flip[op]) wrong.push(`${file}: ${b} ${flip[op]} ${a} (reversed)`);
    }
  }
  assert.ok(n >= least, `read ${n} cases`);
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${n} cases wrong`);
}

describe('version order by each package manager', () => {
  it('dpkg: every Debian case', () => check(compareDpkg, ['debian-versions.txt', 'debian-versions-generated.txt'], 14000));
  it('apk: every Alpine case', () => check(compareApk, ['alpine-versions.txt', 'alpine-versions-generated.txt'], 14000));
  it('rpm: every Red Hat case', () => check(compareRpm, ['redhat-versions.txt'], 150));
  it('the cases the matcher leans on', () => {
    assert.ok(compareDpkg('2.36-9+deb12u3', '2.36-9+deb12u4') < 0);
    assert.ok(compareDpkg('1:1.0', '2.0') > 0, 'an epoch outweighs the upstream version');
    assert.ok(compareDpkg('1.0~rc1-1', '1.0-1') < 0, '~ sorts before the release');
    assert.ok(compareApk('3.3.1-r0', '3.3.2-r0') < 0);
    assert.ok(compareApk('1.2_rc1', '1.2') < 0 && compareApk('1.2_p1', '1.2') > 0);
    assert.ok(compareRpm('1:1.0-1.el9', '2.0-1.el9') > 0);
  });
});
