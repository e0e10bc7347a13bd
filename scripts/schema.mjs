// `npm run schema`: writes schema/plinthrc.schema.json, the JSON Schema of .plinthrc.yaml/.json, from
// the registered rules (so editors complete rule ids). test/config/schema.test.ts checks the file is
// current and that the schema and plinth's own validation agree.
import { writeFileSync } from 'node:fs';
import { allRules } from '../dist/src/rules/registry.js';

const severity = ['error', 'warning', 'info'];
const pattern = { type: 'string', minLength: 1, pattern: '^\\S+$' };
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'plinth configuration (.plinthrc.yaml, .plinthrc.yml, .plinthrc.json)',
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      description: 'Per-rule severity, or off.',
      type: 'object',
      propertyNames: { enum: allRules.map((r) => r.meta.id).sort() },
      additionalProperties: { enum: [...severity, 'off'] },
    },
    trustedRegistries: {
      description: "Registry patterns images may come from ('*.example.com', 'ghcr.io/acme/*'); empty: no restriction.",
      type: 'array',
      items: pattern,
    },
    pinning: { description: 'version or digest makes floating-tag or missing-digest a warning.', enum: ['none', 'version', 'digest'] },
    failOn: { description: 'The severity at or above which lint exits 1.', enum: [...severity, 'none'] },
    goal: { description: 'What recommend optimises for.', enum: ['size', 'security', 'compatibility'] },
    registries: {
      description: 'Mirrors tried in order before each registry, and registries reached over plain HTTP.',
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { mirrors: { type: 'array', items: pattern }, insecure: { type: 'boolean' } },
      },
    },
    pulls: {
      description: 'plinth report: pulls per day by repository (or repository/path to a Dockerfile); --pulls adds to it.',
      type: 'object',
      additionalProperties: { type: 'number', minimum: 0 },
    },
    update: {
      description: 'plinth update per image: the first rule whose match fits the image decides which updates it gets.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['match'],
        properties: {
          match: { ...pattern, description: 'Image name without tag (node, ghcr.io/acme/*); * matches any run of characters.' },
          allow: { type: 'array', items: { enum: ['patch', 'minor', 'major', 'distro', 'digest'] } },
          distro: { type: 'boolean' },
        },
      },
    },
    vulnerabilities: {
      description: 'vulnerable-base-image (lint --online) fires at or above threshold; source is where plinth db update fetches the OSV dumps.',
      type: 'object',
      additionalProperties: false,
      properties: {
        threshold: { enum: ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'] },
        source: { type: 'string', pattern: '^(https://|file://|http://(127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\])(:\\d+)?(/|$))\\S*$' },
      },
    },
  },
};
writeFileSync(new URL('../schema/plinthrc.schema.json', import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
