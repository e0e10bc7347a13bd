import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/io.js';


test('unknown command is a usage error with one line on stderr', async () => {
  const io = captureIO();
  const code = await main(['frobnicate'], io);
  assert.equal(code, 2);
  assert.match(io.err, /^plinth: unknown command 'frobnicate'/);
  assert.equal(io.err.trim().split('\n').length, 1);
});

test('--help lists every command', async () => {
  const io = captureIO();
  assert.equal(await main(['--help'], io), 0);
  for (const c of ['lint', 'recommend', 'pin', 'inspect', 'compare']) assert.match(io.out, new RegExp(`\\n  ${c} `));
});

test('help <command>, -V and version, and "did you mean" for a mistyped command', async () => {
  const help = captureIO();
  assert.equal(await main(['help', 'pin'], help), 0);
  assert.match(help.out, /^Usage: plinth pin /);
  for (const flag of ['-V', '--version', 'version']) {
    const io = captureIO();
    assert.equal(await main([flag], io), 0);
    assert.match(io.out, /^\d+\.\d+\.\d+\n$/);
  }
  const typo = captureIO();
  assert.equal(await main(['reccomend'], typo), 2);
  assert.equal(typo.err, "plinth: unknown command 'reccomend'; did you mean 'recommend'? (see 'plinth --help')\n");
  const swapped = captureIO();
  await main(['lnit'], swapped);
  assert.match(swapped.err, /did you mean 'lint'\?/);
  const far = captureIO();
  await main(['xyzzy'], far);
  assert.doesNotMatch(far.err, /did you mean/);
});
