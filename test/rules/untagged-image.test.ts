import { ruleFixtures } from './fixtures.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../src/dockerfile/index.js';
import { lintDockerfile } from '../../src/lint/index.js';
import { defaultConfig } from '../../src/config/types.js';
ruleFixtures('untagged-image');


test('untagged-image: a distroless name fixes its Debian release, so latest does not cross one', () => {
  const message = (image: string) => lintDockerfile(parseDockerfile(`FROM ${image}\n`, 'Dockerfile'), { config: defaultConfig, date: '2026-09-01' }).findings.find((f) => f.rule === 'untagged-image')?.message ?? '';
  assert.match(message('gcr.io/distroless/static-debian13'), /the name fixes the Debian release and runtime\); write :latest or :nonroot/);
  assert.match(message('node'), /maybe a new major version or distribution/);
  // The unsuffixed alias does move across Debian releases.
  assert.match(message('gcr.io/distroless/static'), /maybe a new major version or distribution/);
});
