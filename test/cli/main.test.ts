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

test('help <rule-id> prints the rule page shipped in docs/rules; a typo names the nearest command or rule', async () => {
  const { allRules } = await import('../../src/rules/registry.js');
  const { readFileSync } = await import('node:fs');
  for (const rule of allRules) {
    const io = captureIO();
    assert.equal(await main(['help', rule.meta.id], io), 0, rule.meta.id);
    assert.equal(io.out.trimEnd(), readFileSync(rule.meta.docs, 'utf8').trimEnd());
    assert.match(io.out, new RegExp(`^# ${rule.meta.id}( \\(.*\\))?\\n`));
  }
  const typo = captureIO();
  assert.equal(await main(['help', 'latest-tg'], typo), 2);
  assert.equal(typo.err, "plinth: help: 'latest-tg' is neither a command nor a rule; did you mean 'latest-tag'? (see 'plinth --help')\n");
  const command = captureIO();
  await main(['help', 'updte'], command);
  assert.match(command.err, /did you mean 'update'\?/);
  const usage = captureIO();
  await main(['--help'], usage);
  assert.match(usage.out, /'plinth help <rule-id>'/);
});
