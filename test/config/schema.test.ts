// schema/plinthrc.schema.json (what editors complete a config with) and plinth's own validation
// agree on every config below, and the schema names exactly the registered rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { validateConfig } from '../../src/config/validate.js';
import { allRules, ruleIds } from '../../src/rules/registry.js';

const schema = JSON.parse(readFileSync(join(process.cwd(), 'schema', 'plinthrc.schema.json'), 'utf8')) as { properties: { rules: { propertyNames: { enum: string[] } } } };

test('the schema lists exactly the registered rules (npm run schema regenerates it)', () => {
  assert.deepEqual(schema.properties.rules.propertyNames.enum, allRules.map((r) => r.meta.id).sort());
});

test('the schema and validateConfig accept and refuse the same configs', () => {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  const cases: unknown[] = [
    {},
    { rules: { 'latest-tag': 'off', 'eol-base-image': 'error' } },
    { rules: { 'latest-tg': 'off' } },
    { rules: { 'latest-tag': 'warn' } },
    { rules: [] },
    { trustedRegistries: ['docker.io', '*.example.com', 'ghcr.io/acme/*'] },
    { trustedRegistries: ['has space'] },
    { trustedRegistries: [''] },
    { trustedRegistries: 'docker.io' },
    { pinning: 'digest' },
    { pinning: 'tag' },
    { failOn: 'none' },
    { failOn: 'warnings' },
    { goal: 'security' },
    { goal: 'speed' },
    { registries: { 'docker.io': { mirrors: ['https://mirror.example'], insecure: false } } },
    { registries: { 'localhost:5000': { insecure: true } } },
    { registries: { 'docker.io': { mirrors: 'x' } } },
    { registries: { 'docker.io': { mirror: ['x'] } } },
    { registries: { 'docker.io': { insecure: 'yes' } } },
    { registries: [] },
    { vulnerabilities: { threshold: 'high', source: 'https://mirror.example/osv' } },
    { vulnerabilities: { source: 'file:///srv/osv' } },
    { vulnerabilities: { source: 'http://127.0.0.1:8080/osv' } },
    { vulnerabilities: { source: 'http://mirror.example/osv' } },
    { vulnerabilities: { threshold: 'severe' } },
    { vulnerabilities: { thresold: 'high' } },
    { vulnerabilities: 'high' },
    { update: [{ match: 'node', allow: ['patch', 'minor'], distro: true }, { match: 'ghcr.io/acme/*' }] },
    { update: [{ allow: ['patch'] }] },
    { update: [{ match: 'node', allow: ['huge'] }] },
    { update: [{ match: 'node', distro: 'yes' }] },
    { update: { match: 'node' } },
    { pulls: { 'acme/shop': 1200, 'acme/site/web/Dockerfile': 3.5 } },
    { pulls: { 'acme/shop': -1 } },
    { pulls: { 'acme/shop': '100' } },
    { unknownKey: 1 },
    [],
    'text',
  ];
  for (const c of cases) {
    let ours = true;
    try {
      validateConfig(c, '.plinthrc.json', undefined, ruleIds);
    } catch {
      ours = false;
    }
    assert.equal(validate(c), ours, JSON.stringify(c));
  }
});
