// scripts/distroless.mjs on a small clone laid out as GoogleContainerTools/distroless: what it
// reads from the README and the support policy, and that a changed layout fails in one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo } from '../helpers/git-repo.js';

const README = `# Distroless

### What images are available?

#### Debian 13

| Image                               | Tags                                  | Architecture Suffixes |
| ----------------------------------- | ------------------------------------- | --------------------- |
| gcr.io/distroless/static-debian13   | latest, nonroot, debug, debug-nonroot | amd64, arm64          |
| gcr.io/distroless/nodejs24-debian13 | latest, nonroot                       | amd64                 |
| gcr.io/distroless/python3-debian13  | latest                                | amd64                 |

#### Debian 12

| Image                             | Tags            | Architecture Suffixes |
| --------------------------------- | --------------- | --------------------- |
| gcr.io/distroless/static-debian12 | latest, nonroot | amd64                 |

## How do I verify distroless images?
`;

const POLICY = `# Support

| Image       | Debian 12 EOL  | Debian 13 EOL               |
| ----------- | -------------- | --------------------------- |
| static      | Sept 2026      | debian 14 release day + 1yr |
| node*       | Jan 2026       | debian 14 release day + 3mo |
| python*     | April 2026     | debian 14 release day + 3mo |
`;

const clone = (files: Record<string, string>): string => gitRepo(files, 'plinth-distroless-');

test('scripts/distroless.mjs reads the published images and the support dates', () => {
  const dir = clone({ 'README.md': README, 'SUPPORT_POLICY.md': POLICY });
  try {
    const out = join(dir, 'out.json');
    const r = spawnSync(process.execPath, ['scripts/distroless.mjs', '--repo', dir, '--out', out], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const data = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(Object.keys(data.images), ['static-debian13', 'nodejs24-debian13', 'python3-debian13', 'static-debian12']);
    assert.deepEqual(data.images['nodejs24-debian13'], ['latest', 'nonroot']);
    // "Sept 2026" is its last day; a release-relative date has none yet.
    assert.deepEqual(data.supportEnds['12'], { static: '2026-09-30', node: '2026-01-31', python: '2026-04-30' });
    assert.deepEqual(data.supportEnds['13'], { static: null, node: null, python: null });
    assert.equal(data.date, '2026-08-21');
    assert.match(data.commit, /^[0-9a-f]{40}$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scripts/distroless.mjs: a README without the image tables fails in one line, exit 2', () => {
  const dir = clone({ 'README.md': '# Distroless\n\nNo tables here.\n', 'SUPPORT_POLICY.md': POLICY });
  try {
    const r = spawnSync(process.execPath, ['scripts/distroless.mjs', '--repo', dir, '--out', join(dir, 'out.json')], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^distroless: the README has no image tables/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
