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
