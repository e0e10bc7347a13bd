// One error base: every failure plinth expects is a PlinthError with a kind, and the CLI tells an
// expected failure from its own bug by instanceof, never by name or message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlinthError } from '../../src/types.js';
import { DockerfileError } from '../../src/dockerfile/types.js';
import { ExpandError } from '../../src/dockerfile/expand.js';
import { ReferenceError } from '../../src/reference/types.js';
import { PlatformError } from '../../src/reference/platform.js';
import { ConfigError } from '../../src/config/validate.js';
import { RegistryError } from '../../src/registry/errors.js';
import { ImageNotSelectedError, ImageSourceError } from '../../src/image/types.js';
import { FixError } from '../../src/fix/edits.js';
import { JsonSyntaxError } from '../../src/context/json-lines.js';
import { UsageError } from '../../src/cli/io.js';
import { reportError } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';

test('every error class is a PlinthError with its kind and its class name', () => {
  const cases: [PlinthError, string, string][] = [
    [new DockerfileError('x', 'Dockerfile', 1), 'input', 'DockerfileError'],
    [new ExpandError('x'), 'input', 'ExpandError'],
    [new ReferenceError('x', 'NODE'), 'input', 'ReferenceError'],
    [new PlatformError('linux'), 'input', 'PlatformError'],
    [new JsonSyntaxError('x', 3), 'input', 'JsonSyntaxError'],
    [new ConfigError('x', '.plinthrc.yaml', 2), 'config', 'ConfigError'],
    [new RegistryError('denied', 'x'), 'registry', 'RegistryError'],
    [new ImageSourceError('x'), 'image', 'ImageSourceError'],
    [new ImageNotSelectedError('x'), 'image', 'ImageNotSelectedError'],
    [new FixError('x', 'Dockerfile', 1), 'fix', 'FixError'],
    [new UsageError('x'), 'usage', 'UsageError'],
  ];
  for (const [err, kind, name] of cases) {
    assert.ok(err instanceof PlinthError, name);
    assert.deepEqual([err.kind, err.name], [kind, name]);
  }
});

test('the CLI says "internal error" only for failures that are not PlinthErrors, exit 2 either way', () => {
  const io = captureIO();
  assert.equal(reportError(new ConfigError('unknown key', '.plinthrc.yaml', 4), io), 2);
  assert.equal(reportError(new TypeError('x is not a function\n    at f'), io), 2);
  assert.equal(io.err, 'plinth: .plinthrc.yaml:4: unknown key\nplinth: internal error: x is not a function\n');
});
