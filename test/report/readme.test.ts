import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as rulesApi from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/types.js';
import { RULES_END, RULES_START, withRulesTable } from '../../src/report/readme.js';

const README = new URL('../../../README.md', import.meta.url);

test('the table replaces exactly the text between the markers', () => {
  const doc = `intro\n${RULES_START}\nold\nrows\n${RULES_END}\nafter\n`;
  assert.equal(withRulesTable(doc, '| a |\n'), `intro\n${RULES_START}\n| a |\n${RULES_END}\nafter\n`);
  assert.throws(() => withRulesTable('no markers', '| a |'), /markers/);
});

test('README.md rule list is current (run `npm run docs` when this fails)', () => {
  const api = rulesApi as { allRules?: Rule[]; rulesMarkdownTable?: () => string };
  assert.ok(api.allRules && api.allRules.length > 0 && api.rulesMarkdownTable, 'rules are registered');
  const readme = readFileSync(README, 'utf8');
  assert.equal(readme, withRulesTable(readme, api.rulesMarkdownTable()), 'README.md rule list is stale: run npm run docs');
  for (const r of api.allRules) assert.ok(readme.includes(`[\`${r.meta.id}\`]`), r.meta.id);
});
