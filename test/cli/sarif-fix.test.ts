// The fixes `lint --format sarif` offers, applied as a code-scanning tool would apply them, give the
// file `recommend --fix` writes on the FROM line, and change nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATE } from '../helpers/dates.js';

const bin = join(process.cwd(), 'bin', 'plinth.js');

interface Replacement {
  deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  insertedContent: { text: string };
}

function apply(source: string, r: Replacement): string {
  const lines = source.split('\n');
  const { startLine, startColumn, endLine, endColumn } = r.deletedRegion;
  assert.equal(startLine, endLine);
  const line = lines[startLine - 1]!;
  lines[startLine - 1] = line.slice(0, startColumn - 1) + r.insertedContent.text + line.slice(endColumn - 1);
  return lines.join('\n');
}

test('SARIF fixes replace exactly the FROM image, keeping --platform and AS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-sarif-fix-'));
  try {
    const source = '# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nRUN go build -o /app .\n\n# runtime\nFROM --platform=$TARGETPLATFORM node:20 AS run\nCOPY --from=build /app /app\nCMD ["node", "server.js"]\n';
    writeFileSync(join(dir, 'Dockerfile'), source);
    writeFileSync(join(dir, 'package.json'), '{"name":"x","version":"1.0.0","dependencies":{"express":"^4.0.0"}}');
    const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'sarif', '--date', FIXTURE_DATE, 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
    const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; fixes?: { artifactChanges: { replacements: Replacement[] }[] }[]; properties?: { suggestion: string } }[];
    const fixed = results.filter((x) => x.fixes);
    assert.ok(fixed.length > 0, JSON.stringify(results.map((x) => x.ruleId)));
    for (const x of fixed) {
      const after = apply(source, x.fixes![0]!.artifactChanges[0]!.replacements[0]!);
      assert.equal(after.split('\n')[5], `FROM --platform=$TARGETPLATFORM ${x.properties!.suggestion} AS run`);
      assert.equal(after.split('\n').filter((_, i) => i !== 5).join('\n'), source.split('\n').filter((_, i) => i !== 5).join('\n'));
    }
    // recommend --fix writes the same FROM line.
    const fix = spawnSync(process.execPath, [bin, 'recommend', '--fix', '--date', FIXTURE_DATE, 'Dockerfile'], { cwd: dir, encoding: 'utf8' });
    assert.ok(fix.status === 0 || fix.status === 1, fix.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8').split('\n')[5], `FROM --platform=$TARGETPLATFORM ${fixed[0]!.properties!.suggestion} AS run`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
