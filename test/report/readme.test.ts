import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as rulesApi from '../../src/rules/index.js';
import type { Rule, RuleMeta } from '../../src/rules/types.js';
import { RULES_END, RULES_START, rulesTable, withRulesTable } from '../../src/report/readme.js';

const README = new URL('../../../README.md', import.meta.url);

test('the rules table lists every rule once, sorted, with its docs page and severity', () => {
  const metas: RuleMeta[] = [
    { id: 'b-rule', severity: 'info', description: 'Pipes | are escaped.', docs: 'docs/rules/b-rule.md', fixable: false },
    { id: 'a-rule', severity: 'error', description: 'First.', docs: 'docs/rules/a-rule.md', fixable: true, online: true },
  ];
  assert.equal(rulesTable(metas), [
    '| rule | default | reports |',
    '|---|---|---|',
    '| [`a-rule`](docs/rules/a-rule.md) | error | First. (needs `--online`) |',
    '| [`b-rule`](docs/rules/b-rule.md) | info | Pipes \\| are escaped. |',
  ].join('\n'));
  const doc = `intro\n${RULES_START}\nold\n${RULES_END}\nafter\n`;
  assert.equal(withRulesTable(doc, metas), `intro\n${RULES_START}\n${rulesTable(metas)}\n${RULES_END}\nafter\n`);
  assert.throws(() => withRulesTable('no markers', metas), /markers/);
});

test('README.md rule list is current (run `npm run docs` when this fails)', () => {
  const all = (rulesApi as { allRules?: Rule[] }).allRules ?? [];
  assert.ok(all.length > 0, 'rules are registered');
  const readme = readFileSync(README, 'utf8');
  assert.equal(readme, withRulesTable(readme, all.map((r) => r.meta)), 'README.md rule list is stale: run npm run docs');
  for (const r of all) assert.ok(readme.includes(`[\`${r.meta.id}\`]`), r.meta.id);
});
