import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ConfigError, ConfigResolver, findConfigFile, loadConfig, readConfigFile } from '../../src/config/index.js';

const known = new Set(['latest-tag', 'floating-tag', 'missing-digest']);

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'plinth-config-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

async function rejects(path: string, pattern: RegExp): Promise<ConfigError> {
  try {
    await readConfigFile(path, { knownRules: known });
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.match(err.message, pattern);
    assert.equal(err.message.split('\n').length, 1);
    return err;
  }
  assert.fail(`${path} was accepted`);
}

test('a YAML config is read with every key', async () => {
  const root = tree({
    '.plinthrc.yaml': [
      'rules:',
      '  latest-tag: error',
      '  floating-tag: off',
      'trustedRegistries: ["*.example.com", "ghcr.io/acme/*"]',
      'pinning: digest',
      'failOn: error',
      'goal: security',
      'registries:',
      '  docker.io:',
      '    mirrors: [mirror.local:5000]',
      '    insecure: true',
      '',
    ].join('\n'),
  });
  const c = await readConfigFile(join(root, '.plinthrc.yaml'), { knownRules: known });
  assert.deepEqual(c.rules, { 'latest-tag': 'error', 'floating-tag': 'off' });
  assert.deepEqual(c.trustedRegistries, ['*.example.com', 'ghcr.io/acme/*']);
  assert.equal(c.pinning, 'digest');
  assert.equal(c.failOn, 'error');
  assert.equal(c.goal, 'security');
  assert.deepEqual(c.registries, { 'docker.io': { mirrors: ['mirror.local:5000'], insecure: true } });
  assert.equal(c.source, join(root, '.plinthrc.yaml'));
});

test('YAML errors name the file and the line of the offending key or value', async () => {
  const root = tree({
    'a/.plinthrc.yaml': 'pinning: none\nrules:\n  latest-tag: fatal\n',
    'b/.plinthrc.yml': 'failOn: warning\ncolour: red\n',
    'c/.plinthrc.yaml': 'rules:\n  no-such-rule: error\n',
    'd/.plinthrc.yaml': 'registries:\n  docker.io:\n    mirrors: [a]\n    insecure: "yes"\n',
    'e/.plinthrc.yaml': 'rules: [\n',
    'f/.plinthrc.yaml': 'goal: speed\n',
  });
  const a = await rejects(join(root, 'a/.plinthrc.yaml'), /a\/\.plinthrc\.yaml:3: rule 'latest-tag' must be error, warning, info, off, got "fatal"/);
  assert.equal(a.line, 3);
  await rejects(join(root, 'b/.plinthrc.yml'), /\.plinthrc\.yml:2: unknown key 'colour'/);
  await rejects(join(root, 'c/.plinthrc.yaml'), /:2: unknown rule 'no-such-rule'/);
  await rejects(join(root, 'd/.plinthrc.yaml'), /:4: 'insecure' of registry 'docker.io' must be true or false/);
  await rejects(join(root, 'e/.plinthrc.yaml'), /e\/\.plinthrc\.yaml:\d+: /);
  await rejects(join(root, 'f/.plinthrc.yaml'), /:1: 'goal' must be size, security, compatibility, got "speed"/);
});

test('JSON and JS configs are validated the same way', async () => {
  const root = tree({
    'ok/.plinthrc.json': JSON.stringify({ failOn: 'info', rules: { 'missing-digest': 'warning' } }),
    'bad/.plinthrc.json': '{\n  "failOn": "warning",\n  "pinning": nope\n}\n',
    'unknown/.plinthrc.json': '{"pinning":"tag"}',
    'js/plinth.config.mjs': 'export default { pinning: "version", trustedRegistries: ["docker.io"] };\n',
    'badjs/plinth.config.js': 'export default { rules: { "latest-tag": 3 } };\n',
  });
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
  const ok = await readConfigFile(join(root, 'ok/.plinthrc.json'), { knownRules: known });
  assert.equal(ok.failOn, 'info');
  assert.equal(ok.rules['missing-digest'], 'warning');
  const bad = await rejects(join(root, 'bad/.plinthrc.json'), /\.plinthrc\.json:3: invalid JSON/);
  assert.equal(bad.line, 3);
  await rejects(join(root, 'unknown/.plinthrc.json'), /'pinning' must be none, version, digest, got "tag"/);
  const js = await readConfigFile(join(root, 'js/plinth.config.mjs'), { knownRules: known });
  assert.equal(js.pinning, 'version');
  assert.deepEqual(js.trustedRegistries, ['docker.io']);
  await rejects(join(root, 'badjs/plinth.config.js'), /plinth\.config\.js: rule 'latest-tag' must be/);
});

test('discovery walks upward, prefers .plinthrc.yaml, and caches per directory', async () => {
  const root = tree({
    '.plinthrc.json': '{"failOn":"error"}',
    'svc/.plinthrc.yaml': 'failOn: info\n',
    'svc/.plinthrc.json': '{"failOn":"none"}',
    'svc/deep/er/Dockerfile': 'FROM scratch\n',
    'other/Dockerfile': 'FROM scratch\n',
  });
  assert.equal(findConfigFile(join(root, 'svc/deep/er')), join(root, 'svc/.plinthrc.yaml'));
  assert.equal((await loadConfig(join(root, 'svc/deep/er/Dockerfile'), undefined, { knownRules: known })).failOn, 'info');
  assert.equal((await loadConfig(join(root, 'other/Dockerfile'), undefined, { knownRules: known })).failOn, 'error');
  const resolver = new ConfigResolver(null, { knownRules: known });
  const first = await resolver.forFile(join(root, 'other/Dockerfile'));
  assert.equal(await resolver.forFile(join(root, 'other/Dockerfile.dev')), first);
  assert.equal(await resolver.forFile(join(root, 'Dockerfile')), first, 'same config file read once');
  const explicit = await loadConfig(join(root, 'other/Dockerfile'), join(root, 'svc/.plinthrc.json'), { knownRules: known });
  assert.equal(explicit.failOn, 'none');
  await assert.rejects(loadConfig(join(root, 'x/Dockerfile'), join(root, 'missing.yaml')), /missing\.yaml: no such config file/);
});

test('no config anywhere gives the defaults', async () => {
  const root = tree({ 'Dockerfile': 'FROM scratch\n' });
  const found = findConfigFile(root);
  // A config above the temp dir would change this test's meaning.
  if (found === null) assert.equal((await loadConfig(join(root, 'Dockerfile'))).source, null);
});

test('a plinth.config.mjs in a linted tree never runs; named with --config it loads', async () => {
  const root = tree({
    'pr/plinth.config.mjs': "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./ran', import.meta.url), 'pwned');\nexport default { failOn: 'none' };\n",
    'pr/Dockerfile': 'FROM node:latest\n',
  });
  const { main } = await import('../../src/cli/main.js');
  const { captureIO } = await import('../helpers/io.js');
  const io = captureIO({ cwd: join(root, 'pr') });
  assert.equal(await main(['lint', 'Dockerfile'], io), 1, 'the default failOn (warning) applies: the found .mjs was not read');
  assert.equal(existsSync(join(root, 'pr/ran')), false, 'the config code did not run');
  assert.equal(findConfigFile(join(root, 'pr')) === join(root, 'pr/plinth.config.mjs'), false);
  const named = captureIO({ cwd: join(root, 'pr') });
  assert.equal(await main(['lint', 'Dockerfile', '--config', 'plinth.config.mjs'], named), 0, 'named with --config, its failOn none applies');
  assert.equal(existsSync(join(root, 'pr/ran')), true);
});

test('hostile configs: 50,000 keys answer in linear time, a duplicate key names its line, a FIFO or a huge file is one error', async () => {
  let big = 'rules:\n';
  for (let i = 0; i < 50_000; i++) big += `  r${i}: off\n`;
  const dir = tree({ '.plinthrc.yaml': big, 'dup.yaml': 'goal: size\nrules:\n  latest-tag: off\n  latest-tag: warning\n', 'huge.yaml': `# ${'x'.repeat(1024 * 1024)}\n` });
  // The YAML library's own duplicate check is quadratic (12 s here); plinth's is one pass.
  const started = Date.now();
  await rejects(join(dir, '.plinthrc.yaml'), /unknown rule 'r0'/);
  assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  const dup = await rejects(join(dir, 'dup.yaml'), /Map keys must be unique \('latest-tag' is given twice\)/);
  assert.equal(dup.line, 4);
  await rejects(join(dir, 'huge.yaml'), /larger than 1 MiB: not a config file/);
  const fifo = join(dir, 'fifo.yaml');
  const { spawnSync } = await import('node:child_process');
  spawnSync('mkfifo', [fifo]);
  await rejects(fifo, /not a regular file/);
});
